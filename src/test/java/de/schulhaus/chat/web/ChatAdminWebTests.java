package de.schulhaus.chat.web;

import static de.schulhaus.chat.ChatFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.ChatFixture;
import de.schulhaus.chat.internal.ChatRules;
import de.schulhaus.chat.internal.SchoolChatRules;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;

/** The admin's messenger rules and the school's announcements. */
@IntegrationTest
class ChatAdminWebTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;
	@Autowired SchoolChatRules rules;

	ChatFixture f;

	@BeforeEach
	void setUp() throws Exception {
		f = new ChatFixture(mvc, groups, users, jdbc, audit, "Chat-Regeln-Schule");
	}

	@Test
	void theAdminSetsTheSchoolsRulesAndBadInputIsRefusedWithNothingSaved() throws Exception {
		assertThat(f.page(get("/verwaltung/chat"), f.admin)).contains("Ruhezeit").contains("Nachrichten löschen nach");
		assertThat(f.call(get("/verwaltung/chat"), f.teacher).getResponse().getStatus()).isEqualTo(403);
		assertThat(f.call(post("/verwaltung/chat").param("schuelerDirekt", "true"), f.teacher).getResponse().getStatus()).isEqualTo(403);

		f.form(post("/verwaltung/chat").param("schuelerDirekt", "true").param("ruheVon", "20:00").param("ruheBis", "07:00")
			.param("aufbewahrung", "365"), f.admin);
		assertThat(rules.of(f.school.id())).isEqualTo(new ChatRules(true, LocalTime.of(20, 0), LocalTime.of(7, 0), 365));
		String page = f.page(get("/verwaltung/chat"), f.admin);
		assertThat(page).contains("value=\"20:00\"").contains("value=\"07:00\"").contains("value=\"365\"");

		assertThat(problem(f.call(post("/verwaltung/chat").param("ruheVon", "21:00"), f.admin))).contains("Anfang und Ende");
		assertThat(problem(f.call(post("/verwaltung/chat").param("ruheVon", "25:99").param("ruheBis", "07:00"), f.admin))).contains("Uhrzeit");
		assertThat(problem(f.call(post("/verwaltung/chat").param("aufbewahrung", "-1"), f.admin))).contains("0 bis 3.650 Tagen");
		assertThat(problem(f.call(post("/verwaltung/chat").param("aufbewahrung", "viele"), f.admin))).contains("0 bis 3.650 Tagen");
		assertThat(rules.of(f.school.id())).as("unchanged").isEqualTo(new ChatRules(true, LocalTime.of(20, 0), LocalTime.of(7, 0), 365));
		assertThat(f.auditActions()).containsOnlyOnce("chat.rules.changed");
	}

	@Test
	void everyoneReadsTheAnnouncementsAndOnlyAdminsAndChosenStaffWriteThem() throws Exception {
		SchulhausUser office = f.person("Renée", "Kühn", "STAFF");
		UUID room = announcementRoom();
		assertThat(names(f.pupil)).as("listed once there is an announcement").doesNotContain("Ankündigungen");
		assertThat(names(f.admin)).contains("Ankündigungen");

		assertThat(send(room, f.admin, "Morgen fällt die 1. Stunde aus.").getStatus()).isEqualTo(201);
		assertThat(names(f.pupil)).contains("Ankündigungen");
		assertThat(f.page(get("/chat/raum/" + room), f.pupil)).contains("Morgen fällt die 1. Stunde aus.").doesNotContain("id=\"chat-composer\"");
		MockHttpServletResponse refused = send(room, f.teacher, "Ich auch?");
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.detail")).contains("Ankündigungen schreiben nur");
		assertThat(send(room, f.pupil, "Und ich?").getStatus()).isEqualTo(403);

		// the admin chooses a teacher and the office; pupils cannot be chosen
		f.form(post("/verwaltung/chat/ankuendigungen").param("accountId", f.teacher.accountId().toString()), f.admin);
		f.form(post("/verwaltung/chat/ankuendigungen").param("accountId", office.accountId().toString()), f.admin);
		assertThat(problem(f.call(post("/verwaltung/chat/ankuendigungen").param("accountId", f.pupil.accountId().toString()), f.admin)))
			.contains("nur Lehrkräfte und die Verwaltung");
		assertThat(f.page(get("/verwaltung/chat"), f.admin)).contains("Tina Tafel").contains("Renée Kühn");
		assertThat(send(room, f.teacher, "Elternsprechtag am Freitag").getStatus()).isEqualTo(201);
		assertThat(send(room, office, "Das Sekretariat ist heute bis 12 Uhr besetzt.").getStatus()).isEqualTo(201);

		f.form(post("/verwaltung/chat/ankuendigungen/" + f.teacher.accountId() + "/entfernen"), f.admin);
		assertThat(send(room, f.teacher, "Noch eine").getStatus()).isEqualTo(403);
		assertThat(f.auditActions()).contains("chat.announcements.poster.added", "chat.announcements.poster.removed");
		// another school's person is not found
		var other = f.schools.createSchool("Ankündigungs-Fremdschule");
		var stranger = f.schools.createUser(other, "Fritz", "Fremd", "TEACHER", "fremd-laterne-quitte-1", null);
		assertThat(f.call(post("/verwaltung/chat/ankuendigungen").param("accountId", stranger.id().toString()), f.admin).getResponse().getStatus())
			.isEqualTo(404);
	}

	@Test
	void theAnnouncementsAreNamedInTheReadersLanguage() throws Exception {
		UUID room = announcementRoom();
		assertThat(send(room, f.admin, "Schulfest am Samstag").getStatus()).isEqualTo(201);
		SchulhausUser english = f.pupil.withLanguage("en");

		assertThat(names(english)).contains("Announcements").doesNotContain("Ankündigungen");
		assertThat(names(f.pupil2)).contains("Ankündigungen");
		assertThat(f.page(get("/chat/raum/" + room), english)).contains("<h2 id=\"h-room\">Announcements</h2>");
		assertThat(f.page(get("/chat/raum/" + room), f.pupil2)).contains("<h2 id=\"h-room\">Ankündigungen</h2>");
		// and in a search's hits
		assertThat(JsonPath.<List<String>>read(f.call(get("/api/v1/chat/search").param("q", "Schulfest"), english).getResponse().getContentAsString(),
				"$[*].roomName")).containsExactly("Announcements");
		// a report of an announcement is listed for the admin under the room's name in their language
		f.call(post("/api/v1/chat/rooms/" + room + "/messages/" + lastMessage(room) + "/reports").contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"falsch\"}"), f.pupil);
		assertThat(JsonPath.<List<String>>read(f.call(get("/api/v1/chat/reports"), f.admin.withLanguage("en")).getResponse().getContentAsString(),
				"$[*].roomName")).containsExactly("Announcements");
	}

	private UUID lastMessage(UUID room) {
		return jdbc.sql("select id from chat_message where room_id = :room order by seq desc limit 1").param("room", room).query(UUID.class).single();
	}

	private UUID announcementRoom() throws Exception {
		// the admin page makes the school's announcement room if the backfill has not yet
		f.page(get("/verwaltung/chat"), f.admin);
		return jdbc.sql("select id from chat_room where school_id = :school and kind = 'ANNOUNCE'").param("school", f.school.id())
			.query(UUID.class).single();
	}

	private List<String> names(SchulhausUser who) throws Exception {
		return JsonPath.read(f.call(get("/api/v1/chat/rooms"), who).getResponse().getContentAsString(), "$[*].name");
	}

	private MockHttpServletResponse send(UUID room, SchulhausUser who, String text) throws Exception {
		return f.call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"" + text + "\"}"),
				who).getResponse();
	}
}
