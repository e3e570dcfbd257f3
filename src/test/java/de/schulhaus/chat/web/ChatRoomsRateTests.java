package de.schulhaus.chat.web;

import static de.schulhaus.chat.ChatFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.ChatFixture;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;

/** Starting chats over the API and the page, and the limit of 20 new chats per person and hour. */
@IntegrationTest
class ChatRoomsRateTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;

	ChatFixture f;

	@BeforeEach
	void setUp() throws Exception {
		f = new ChatFixture(mvc, groups, users, jdbc, audit, "Chat-Flut-Schule");
	}

	@Test
	void twentyNewChatsAnHourThenA429ButAChatFoundAgainStillOpens() throws Exception {
		MockHttpServletResponse direct = start(f.teacher, "{\"direct\":\"" + f.pupil.accountId() + "\"}");
		assertThat(direct.getStatus()).isEqualTo(201);
		String directRoom = JsonPath.read(direct.getContentAsString(), "$.id");
		for (int i = 1; i < 20; i++) {
			MockHttpServletResponse made = start(f.teacher, "{\"name\":\"AG " + i + "\",\"people\":[\"" + f.pupil2.accountId() + "\"]}");
			assertThat(made.getStatus()).as(made.getContentAsString()).isEqualTo(201);
		}
		long rooms = chatsStartedBy(f.teacher);
		assertThat(rooms).isEqualTo(20);

		MockHttpServletResponse refused = start(f.teacher, "{\"name\":\"AG 21\",\"people\":[\"" + f.pupil2.accountId() + "\"]}");
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.detail")).isEqualTo("Zu viele neue Chats – bitte später erneut versuchen.");
		assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.type")).isEqualTo("urn:schulhaus:problem:chat:too-many-chats");
		// one of the hour's twenty comes back every three minutes
		assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(170, 180);
		assertThat(start(f.teacher, "{\"direct\":\"" + f.pupil2.accountId() + "\"}").getStatus()).isEqualTo(429);
		assertThat(chatsStartedBy(f.teacher)).isEqualTo(20);

		// the direct chat that exists is found again, not counted
		MockHttpServletResponse again = start(f.teacher, "{\"direct\":\"" + f.pupil.accountId() + "\"}");
		assertThat(again.getStatus()).isEqualTo(200);
		assertThat(JsonPath.<String>read(again.getContentAsString(), "$.id")).isEqualTo(directRoom);

		// the page's form says it in German and stays on "Neuer Chat"
		MvcResult form = f.call(post("/chat/neu").param("name", "Noch eine AG").param("personen", f.pupil.accountId().toString()), f.teacher);
		assertThat(form.getResponse().getRedirectedUrl()).isEqualTo("/chat/neu");
		assertThat(problem(form)).isEqualTo("Zu viele neue Chats – bitte später erneut versuchen.");
		// everyone else starts chats as before (and the school's rule still applies: pupils write to pupils only if allowed)
		assertThat(start(f.pupil, "{\"direct\":\"" + f.pupil2.accountId() + "\"}").getStatus()).isEqualTo(403);
		assertThat(start(f.pupil2, "{\"direct\":\"" + f.teacher.accountId() + "\"}").getStatus()).isEqualTo(201);
	}

	@Test
	void badRequestsToStartAChatAreRefusedPrecisely() throws Exception {
		MockHttpServletResponse nameless = start(f.teacher, "{\"name\":\"\",\"people\":[\"" + f.pupil.accountId() + "\"]}");
		assertThat(nameless.getStatus()).isEqualTo(400);
		assertThat(JsonPath.<java.util.List<String>>read(nameless.getContentAsString(), "$.errors[*].field")).containsExactly("name");
		assertThat(start(f.teacher, "{\"direct\":\"" + UUID.randomUUID() + "\"}").getStatus()).isEqualTo(404);
		SchulhausUser stranger = f.person("Stefan", "Fremd", "TEACHER");
		assertThat(start(f.teacher, "{\"direct\":\"kein-id\"}").getStatus()).isEqualTo(404);
		assertThat(start(stranger, "{\"name\":\"x\",\"people\":[\"" + UUID.randomUUID() + "\"]}").getStatus()).isEqualTo(404);
		// refused requests count for nothing
		assertThat(chatsStartedBy(f.teacher)).isZero();
	}

	private long chatsStartedBy(SchulhausUser who) {
		return jdbc.sql("select count(*) from chat_room where school_id = :school and created_by = :who").param("school", f.school.id())
			.param("who", who.accountId()).query(Long.class).single();
	}

	private MockHttpServletResponse start(SchulhausUser who, String json) throws Exception {
		return f.call(post("/api/v1/chat/rooms").contentType(MediaType.APPLICATION_JSON).content(json), who).getResponse();
	}
}
