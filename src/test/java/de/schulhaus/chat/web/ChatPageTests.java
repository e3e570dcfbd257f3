package de.schulhaus.chat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.internal.ChatMessages;
import de.schulhaus.platform.SchulhausUser;

/** The messenger's page as a browser without script gets it: rooms, messages as text, the form, the tile's number. */
@IntegrationTest
class ChatPageTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired ChatMessages messages;
	@Autowired JdbcClient jdbc;

	TestSchools schools;
	TestSchools.SchoolRef school;
	SchulhausUser admin;
	SchulhausUser teacher;
	SchulhausUser pupil;
	Group classA;
	Group course;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Chat-Seiten-Schule");
		admin = person("Ada", "Admin", "SCHOOL_ADMIN").withTwoFactor(true);
		teacher = person("Tina", "Tafel", "TEACHER");
		pupil = person("Paul", "Pult", "PUPIL");
		classA = groups.create(school.id(), "5a", GroupKind.CLASS, null, admin);
		course = groups.create(school.id(), "Mathe LK", GroupKind.COURSE, null, admin);
		for (Group g : List.of(classA, course)) {
			groups.addMember(school.id(), g.id(), teacher.accountId(), true, admin);
			groups.addMember(school.id(), g.id(), pupil.accountId(), false, admin);
		}
	}

	@Test
	void theFirstViewShowsTheRoomsByActivityAndTheNewestRoomsMessagesAsText() throws Exception {
		UUID room5a = awaitRoom(classA.id());
		UUID mathe = awaitRoom(course.id());
		messages.post(teacher, mathe, "Hausaufgabe S. 12");
		messages.post(teacher, room5a, "Morgen Wandertag");
		messages.post(teacher, room5a, "<script>alert('x')</script> <b>Brote</b> mitbringen");

		String page = page(get("/chat"), pupil);

		assertThat(page.indexOf(">5a<")).as("the room with the newest message first").isPositive().isLessThan(page.indexOf(">Mathe LK<"));
		assertThat(page).contains("role=\"log\"").contains("aria-live=\"polite\"");
		assertThat(page).contains("Morgen Wandertag").contains("Tina Tafel")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &lt;b&gt;Brote&lt;/b&gt; mitbringen").doesNotContain("<b>Brote</b>");
		assertThat(page.indexOf("Morgen Wandertag")).as("newest at the bottom").isLessThan(page.indexOf("Brote"));
		assertThat(page).contains("Nachricht an 5a").contains("0 von 10.000 Zeichen");
		// the open room is read now; the other keeps its one unread message, in the list and beside the tile
		assertThat(roomEntry(page, mathe)).contains("1 ungelesen");
		assertThat(roomEntry(page, room5a)).doesNotContain("ungelesen");
		assertThat(tile(page)).contains("1 neu");
		assertThat(JsonPath.<List<Integer>>read(mvc.perform(get("/api/v1/chat/rooms").with(user(pupil))).andReturn().getResponse()
			.getContentAsString(), "$[*].unread")).containsExactly(0, 1);

		String other = page(get("/chat/raum/" + mathe), pupil);
		assertThat(other).contains("Hausaufgabe S. 12").doesNotContain("Morgen Wandertag");
		assertThat(tile(other)).doesNotContain("neu");
	}

	@Test
	void theNewestFiftyComeFirstAndOlderOnesPageByPage() throws Exception {
		UUID room = awaitRoom(classA.id());
		for (int i = 1; i <= 60; i++) {
			postNumbered(room, i);
		}
		String newest = page(get("/chat/raum/" + room), pupil);
		assertThat(newest).contains("Nachricht Nr. 11<").contains("Nachricht Nr. 60<").doesNotContain("Nachricht Nr. 10<");
		assertThat(newest).contains("/chat/raum/" + room + "?vor=11");

		String older = page(get("/chat/raum/" + room + "?vor=11"), pupil);
		assertThat(older).contains("Nachricht Nr. 1<").contains("Nachricht Nr. 10<").doesNotContain("Nachricht Nr. 11<").doesNotContain("?vor=")
			.contains("Zu den neuesten Nachrichten");
	}

	@Test
	void theFormPostsWithoutScriptAndARefusalSaysWhyAndKeepsTheText() throws Exception {
		UUID room = awaitRoom(classA.id());
		MockHttpServletResponse sent = call(post("/chat/raum/" + room).param("text", "Hallo 5a"), pupil);
		assertThat(sent.getStatus()).isEqualTo(302);
		assertThat(sent.getRedirectedUrl()).isEqualTo("/chat/raum/" + room);
		assertThat(page(get("/chat/raum/" + room), teacher)).contains("Hallo 5a").contains("Paul Pult");

		MockHttpServletResponse tooLong = call(post("/chat/raum/" + room).param("text", "y".repeat(10_001)), pupil);
		assertThat(tooLong.getStatus()).isEqualTo(400);
		assertThat(tooLong.getContentAsString()).contains("role=\"alert\"").contains("Die Nachricht ist zu lang: höchstens 10.000 Zeichen.")
			.contains("y".repeat(10_001) + "</textarea>");

		MockHttpServletResponse last = null;
		for (int i = 0; i < 15 && (last == null || last.getStatus() != 429); i++) {
			last = call(post("/chat/raum/" + room).param("text", "Noch eine " + i), pupil);
		}
		assertThat(last.getStatus()).isEqualTo(429);
		assertThat(last.getContentAsString()).contains("Langsamer, bitte");
	}

	@Test
	void anotherSchoolsRoomOrAMissingOneAnswers404() throws Exception {
		UUID room = awaitRoom(classA.id());
		messages.post(teacher, room, "Intern");
		var other = schools.createSchool("Andere Chat-Schule");
		SchulhausUser stranger = users.load(schools.createUser(other, "Otto", "Fremd", "TEACHER", "fremd-laterne-quitte-1", null).login())
			.orElseThrow();
		for (String id : List.of(room.toString(), UUID.randomUUID().toString(), "kein-raum")) {
			assertThat(call(get("/chat/raum/" + id), stranger).getStatus()).isEqualTo(404);
			assertThat(call(get("/chat/raum/" + id + "?vor=5"), stranger).getStatus()).isEqualTo(404);
			MockHttpServletResponse posted = call(post("/chat/raum/" + id).param("text", "Hallo"), stranger);
			assertThat(posted.getStatus()).isEqualTo(404);
			assertThat(posted.getContentAsString()).doesNotContain("Intern");
		}
		// an admin of the same school who is in no group of the room does not read it either
		assertThat(call(get("/chat/raum/" + room), admin).getStatus()).isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from chat_message where room_id = :room").param("room", room).query(Long.class).single()).isEqualTo(1);
		String empty = page(get("/chat"), stranger);
		assertThat(empty).contains("Sie gehören noch keiner Klasse").doesNotContain("Intern");
	}

	private void postNumbered(UUID room, int i) {
		messages.post(i % 2 == 0 ? teacher : pupil, room, "Nachricht Nr. " + i);
	}

	private static String roomEntry(String page, UUID room) {
		Matcher m = Pattern.compile("data-room-id=\"" + room + "\".*?</li>", Pattern.DOTALL).matcher(page);
		assertThat(m.find()).as("the room's entry").isTrue();
		return m.group();
	}

	private static String tile(String page) {
		Matcher m = Pattern.compile("data-app=\"chat\".*?</a>", Pattern.DOTALL).matcher(page);
		assertThat(m.find()).as("the app's tile").isTrue();
		return m.group();
	}

	private String page(MockHttpServletRequestBuilder request, SchulhausUser who) throws Exception {
		MockHttpServletResponse response = call(request, who);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		return response.getContentAsString();
	}

	private MockHttpServletResponse call(MockHttpServletRequestBuilder request, SchulhausUser who) throws Exception {
		return mvc.perform(request.header("Accept-Language", "de").with(user(who)).with(csrf())).andReturn().getResponse();
	}

	private UUID awaitRoom(UUID groupId) {
		await().atMost(Duration.ofSeconds(20)).until(() -> roomOf(groupId).isPresent());
		return roomOf(groupId).orElseThrow();
	}

	private Optional<UUID> roomOf(UUID groupId) {
		return jdbc.sql("select id from chat_room where school_id = :school and group_id = :group").param("school", school.id())
			.param("group", groupId).query(UUID.class).optional();
	}

	private SchulhausUser person(String first, String last, String role) throws Exception {
		return users.load(schools.createUser(school, first, last, role, first.toLowerCase() + "-laterne-quitte-1", null).login()).orElseThrow();
	}
}
