package de.schulhaus.chat.web;

import static de.schulhaus.chat.ChatFixture.problem;
import static de.schulhaus.chat.ChatFixture.roomIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.ChatFixture;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;

/** Starting direct and group chats, adding people, leaving, and the archive, as the pages do it. */
@IntegrationTest
class ChatRoomsWebTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;

	ChatFixture f;

	@BeforeEach
	void setUp() throws Exception {
		f = new ChatFixture(mvc, groups, users, jdbc, audit, "Chat-Räume-Schule");
	}

	@Test
	void aDirectChatIsOnePerPairAndFoundAgainFromEitherSide() throws Exception {
		UUID room = roomIn(f.form(post("/chat/neu").param("direkt", f.pupil.accountId().toString()), f.teacher));
		assertThat(roomIn(f.form(post("/chat/neu").param("direkt", f.pupil.accountId().toString()), f.teacher))).isEqualTo(room);
		assertThat(roomIn(f.form(post("/chat/neu").param("direkt", f.teacher.accountId().toString()), f.pupil))).isEqualTo(room);

		// each sees it under the other's name
		assertThat(names(f.pupil)).contains("Tina Tafel");
		assertThat(names(f.teacher)).contains("Paul Pult");
		assertThat(send(room, f.teacher, "Bitte denk an die Unterschrift.")).isEqualTo(201);
		assertThat(f.page(get("/chat/raum/" + room), f.pupil)).contains("Bitte denk an die Unterschrift.");
		// nobody else reads it
		assertThat(f.call(get("/chat/raum/" + room), f.pupil2).getResponse().getStatus()).isEqualTo(404);
		assertThat(f.call(get("/api/v1/chat/rooms/" + room + "/messages"), f.pupil2).getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void pupilsWriteToPupilsOnlyWhereTheSchoolAllowsIt() throws Exception {
		MvcResult refused = f.call(post("/chat/neu").param("direkt", f.pupil2.accountId().toString()), f.pupil);
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/chat/neu");
		assertThat(problem(refused)).contains("nur mit Lehrkräften");
		assertThat(f.page(get("/chat/neu"), f.pupil)).contains("Tina Tafel").doesNotContain("Pia Pinsel");
		// pupils always write to teachers, and a group chat of pupils is refused like a direct one
		assertThat(f.form(post("/chat/neu").param("direkt", f.teacher.accountId().toString()), f.pupil)).startsWith("/chat/raum/");
		assertThat(problem(f.call(post("/chat/neu").param("name", "Pause").param("personen", f.pupil2.accountId().toString()), f.pupil)))
			.contains("nur mit Lehrkräften");

		f.form(post("/verwaltung/chat").param("schuelerDirekt", "true").param("aufbewahrung", "0"), f.admin);
		assertThat(f.page(get("/chat/neu"), f.pupil)).contains("Pia Pinsel");
		assertThat(f.form(post("/chat/neu").param("direkt", f.pupil2.accountId().toString()), f.pupil)).startsWith("/chat/raum/");
		assertThat(f.auditActions()).contains("chat.rules.changed");
	}

	@Test
	void peopleTheDirectoryHidesFromAPupilOrOfAnotherSchoolAreNotFound() throws Exception {
		f.form(post("/verwaltung/chat").param("schuelerDirekt", "true"), f.admin);
		SchulhausUser elsewhere = f.person("Otto", "Anderklasse", "PUPIL");
		var other = f.schools.createSchool("Fremde Schule");
		var stranger = f.schools.createUser(other, "Fritz", "Fremd", "TEACHER", "fremd-laterne-quitte-1", null);

		assertThat(f.page(get("/chat/neu"), f.pupil)).doesNotContain("Otto Anderklasse").doesNotContain("Fritz Fremd");
		for (UUID id : List.of(elsewhere.accountId(), stranger.id(), UUID.randomUUID())) {
			assertThat(f.call(post("/chat/neu").param("direkt", id.toString()), f.pupil).getResponse().getStatus()).isEqualTo(404);
		}
		assertThat(f.call(post("/chat/neu").param("direkt", "kein-konto"), f.pupil).getResponse().getStatus()).isEqualTo(404);
		// the teacher sees everyone of the school, and only of it
		assertThat(f.page(get("/chat/neu").param("q", "ander"), f.teacher)).contains("Otto Anderklasse");
		assertThat(f.page(get("/chat/neu").param("q", "fremd"), f.teacher)).doesNotContain("Fritz Fremd");
	}

	@Test
	void aGroupChatHasANameItsStarterAddsPeopleAndMembersLeave() throws Exception {
		SchulhausUser colleague = f.person("Carl", "Kollege", "TEACHER");
		assertThat(problem(f.call(post("/chat/neu").param("name", " ").param("personen", f.pupil.accountId().toString()), f.teacher)))
			.contains("Namen");
		assertThat(problem(f.call(post("/chat/neu").param("name", "AG"), f.teacher))).contains("mindestens eine Person");
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			many.add(UUID.randomUUID().toString());
		}
		assertThat(problem(f.call(post("/chat/neu").param("name", "Alle").param("personen", many.toArray(String[]::new)), f.teacher)))
			.contains("höchstens 50");

		UUID room = roomIn(f.form(post("/chat/neu").param("name", "AG Robotik").param("personen", f.pupil.accountId().toString()), f.teacher));
		assertThat(names(f.pupil)).contains("AG Robotik");
		assertThat(names(colleague)).doesNotContain("AG Robotik");
		// only the starter adds people
		assertThat(problem(f.call(post("/chat/raum/" + room + "/mitglieder").param("personen", colleague.accountId().toString()), f.pupil)))
			.contains("Leitung");
		f.form(post("/chat/raum/" + room + "/mitglieder").param("personen", colleague.accountId().toString()), f.teacher);
		assertThat(names(colleague)).contains("AG Robotik");
		String settings = f.page(get("/chat/raum/" + room + "/einstellungen"), f.teacher);
		assertThat(settings).contains("Paul Pult").contains("Carl Kollege").contains("Tina Tafel");

		// a member leaves: gone from their list, and the room answers them like a missing one
		assertThat(f.form(post("/chat/raum/" + room + "/verlassen"), f.pupil)).isEqualTo("/chat");
		assertThat(names(f.pupil)).doesNotContain("AG Robotik");
		assertThat(f.call(get("/chat/raum/" + room), f.pupil).getResponse().getStatus()).isEqualTo(404);
		// the starter leaves: the longest member leads on
		f.form(post("/chat/raum/" + room + "/verlassen"), f.teacher);
		f.form(post("/chat/raum/" + room + "/mitglieder").param("personen", f.pupil.accountId().toString()), colleague);
		assertThat(names(f.pupil)).contains("AG Robotik");
		// a class room follows the roster: nobody leaves it
		UUID classRoom = f.awaitRoom(f.classA.id());
		assertThat(problem(f.call(post("/chat/raum/" + classRoom + "/verlassen"), f.pupil))).contains("Klassenliste");
	}

	@Test
	void aLeaderArchivesARoomThatThenIsReadOnlyAndUnderArchiv() throws Exception {
		UUID room = f.awaitRoom(f.classA.id());
		send(room, f.teacher, "Schöne Ferien!");
		assertThat(problem(f.call(post("/chat/raum/" + room + "/archiv"), f.pupil))).contains("Leitung");

		f.form(post("/chat/raum/" + room + "/archiv").param("archiviert", "true"), f.teacher);
		assertThat(f.page(get("/chat"), f.pupil)).doesNotContain("data-room-id=\"" + room + "\"");
		assertThat(f.page(get("/chat/archiv"), f.pupil)).contains("/chat/raum/" + room).contains(">5a<");
		assertThat(f.page(get("/chat/raum/" + room), f.pupil)).contains("Schöne Ferien!").contains("archiviert").doesNotContain("id=\"chat-composer\"");
		assertThat(send(room, f.pupil, "Hallo?")).isEqualTo(403);
		assertThat(f.auditActions()).contains("chat.room.archived");

		f.form(post("/chat/raum/" + room + "/archiv").param("archiviert", "false"), f.teacher);
		assertThat(send(room, f.pupil, "Wieder da")).isEqualTo(201);
		assertThat(f.auditActions()).contains("chat.room.restored");
	}

	private List<String> names(SchulhausUser who) throws Exception {
		return JsonPath.read(f.call(get("/api/v1/chat/rooms"), who).getResponse().getContentAsString(), "$[*].name");
	}

	private int send(UUID room, SchulhausUser who, String text) throws Exception {
		return f.call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\":\"" + text + "\"}"), who).getResponse().getStatus();
	}
}
