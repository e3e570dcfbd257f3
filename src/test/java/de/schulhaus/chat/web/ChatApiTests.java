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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/** The messenger's HTTP API as the web UI's scripts use it: signed in with the session, CSRF token on writes. */
@IntegrationTest
class ChatApiTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;

	TestSchools schools;
	TestSchools.SchoolRef school;
	SchulhausUser admin;
	SchulhausUser teacher;
	SchulhausUser pupil;
	Group classA;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Chat-Schule");
		admin = person("Ada", "Admin", "SCHOOL_ADMIN").withTwoFactor(true);
		teacher = person("Tina", "Tafel", "TEACHER");
		pupil = person("Paul", "Pult", "PUPIL");
		classA = groups.create(school.id(), "5a", GroupKind.CLASS, null, admin);
		groups.addMember(school.id(), classA.id(), teacher.accountId(), true, admin);
		groups.addMember(school.id(), classA.id(), pupil.accountId(), false, admin);
	}

	@Test
	void roomsComeFromTheRosterOrderedByActivityWithUnreadCounts() throws Exception {
		Group course = groups.create(school.id(), "Mathe LK", GroupKind.COURSE, null, admin);
		groups.addMember(school.id(), course.id(), teacher.accountId(), true, admin);
		groups.addMember(school.id(), course.id(), pupil.accountId(), false, admin);
		UUID room5a = awaitRoom(classA.id());
		UUID mathe = awaitRoom(course.id());

		postText(teacher, room5a, "Morgen Wandertag");
		postText(teacher, room5a, "Bitte Brote mitbringen");
		postText(teacher, mathe, "Hausaufgabe S. 12");

		String rooms = call(get("/api/v1/chat/rooms"), pupil).getContentAsString();
		assertThat(JsonPath.<List<String>>read(rooms, "$[*].name")).containsExactly("Mathe LK", "5a");
		assertThat(JsonPath.<List<Integer>>read(rooms, "$[*].unread")).containsExactly(1, 2);
		assertThat(JsonPath.<List<Boolean>>read(rooms, "$[*].mayPost")).containsExactly(true, true);
		// one's own messages count as read
		assertThat(JsonPath.<List<Integer>>read(call(get("/api/v1/chat/rooms"), teacher).getContentAsString(), "$[*].unread"))
			.containsExactly(0, 0);

		postText(teacher, room5a, "Treffpunkt 8 Uhr");
		rooms = call(get("/api/v1/chat/rooms"), pupil).getContentAsString();
		assertThat(JsonPath.<List<String>>read(rooms, "$[*].name")).containsExactly("5a", "Mathe LK");
		assertThat(JsonPath.<List<Integer>>read(rooms, "$[*].unread")).containsExactly(3, 1);

		MockHttpServletResponse read = call(post("/api/v1/chat/rooms/" + room5a + "/read").contentType(MediaType.APPLICATION_JSON).content("{\"seq\":2}"), pupil);
		assertThat(JsonPath.<Integer>read(read.getContentAsString(), "$.lastReadSeq")).isEqualTo(2);
		assertThat(JsonPath.<List<Integer>>read(call(get("/api/v1/chat/rooms"), pupil).getContentAsString(), "$[*].unread")).containsExactly(1, 1);
		// a marker never moves back (an older tab marking what it saw); without a seq, everything is read
		call(post("/api/v1/chat/rooms/" + room5a + "/read").contentType(MediaType.APPLICATION_JSON).content("{\"seq\":1}"), pupil);
		assertThat(JsonPath.<List<Integer>>read(call(get("/api/v1/chat/rooms"), pupil).getContentAsString(), "$[*].unread")).containsExactly(1, 1);
		call(post("/api/v1/chat/rooms/" + room5a + "/read").contentType(MediaType.APPLICATION_JSON).content("{}"), pupil);
		assertThat(JsonPath.<List<Integer>>read(call(get("/api/v1/chat/rooms"), pupil).getContentAsString(), "$[*].unread")).containsExactly(0, 1);
	}

	@Test
	void messagesArePagedBySeqAndKeptAsPlainText() throws Exception {
		UUID room = awaitRoom(classA.id());
		for (int i = 1; i <= 5; i++) {
			postText(pupil, room, "Nachricht " + i);
		}
		String html = "<script>alert('x')</script> <b>fett</b>";
		MockHttpServletResponse created = call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\":\"" + html.replace("'", "\\u0027") + "\"}"), teacher);
		assertThat(created.getStatus()).isEqualTo(201);
		assertThat(JsonPath.<Integer>read(created.getContentAsString(), "$.seq")).isEqualTo(6);
		assertThat(JsonPath.<String>read(created.getContentAsString(), "$.authorName")).isEqualTo("Tina Tafel");

		assertThat(seqs(room, "after=0&limit=2")).containsExactly(1, 2);
		assertThat(seqs(room, "after=2&limit=2")).containsExactly(3, 4);
		assertThat(seqs(room, "after=4")).containsExactly(5, 6);
		assertThat(seqs(room, "after=6")).isEmpty();
		assertThat(seqs(room, "limit=2")).as("the newest page").containsExactly(5, 6);
		assertThat(seqs(room, "before=5&limit=2")).containsExactly(3, 4);
		assertThat(seqs(room, "before=2&limit=2")).containsExactly(1);

		String page = call(get("/api/v1/chat/rooms/" + room + "/messages?after=5"), pupil).getContentAsString();
		assertThat(JsonPath.<String>read(page, "$[0].body")).as("stored and answered as written; clients show it as text").isEqualTo(html);
		assertThat(JsonPath.<String>read(page, "$[0].authorName")).isEqualTo("Tina Tafel");
	}

	@Test
	void anOversizedMessageIsRefusedWithAClearProblem() throws Exception {
		UUID room = awaitRoom(classA.id());
		MockHttpServletResponse refused = call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON)
			.header("Accept-Language", "de").content("{\"body\":\"" + "x".repeat(10_001) + "\"}"), pupil);

		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.detail")).isEqualTo("Die Nachricht ist zu lang: höchstens 10.000 Zeichen.");
		assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.errors[0].field")).isEqualTo("body");
		assertThat(seqs(room, "after=0")).isEmpty();
		assertThat(call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\":\"" + "x".repeat(10_000) + "\"}"), pupil).getStatus()).isEqualTo(201);
	}

	@Test
	void aFloodIsSlowedDownPerPersonAndRoom() throws Exception {
		UUID room = awaitRoom(classA.id());
		MockHttpServletResponse last = null;
		int accepted = 0;
		for (int i = 0; i < 20; i++) {
			last = call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON).header("Accept-Language", "de")
				.content("{\"body\":\"spam " + i + "\"}"), pupil);
			if (last.getStatus() != 201) {
				break;
			}
			accepted++;
		}
		assertThat(accepted).as("the burst of 10, maybe one more refilled meanwhile").isBetween(10, 11);
		assertThat(last.getStatus()).isEqualTo(429);
		assertThat(last.getHeader("Retry-After")).isNotBlank();
		assertThat(last.getContentType()).isEqualTo("application/problem+json");
		assertThat(JsonPath.<String>read(last.getContentAsString(), "$.type")).isEqualTo("urn:schulhaus:problem:chat:slow-down");
		assertThat(JsonPath.<String>read(last.getContentAsString(), "$.detail")).startsWith("Langsamer, bitte");
		assertThat(seqs(room, "after=0&limit=100")).hasSize(accepted);
		// the teacher in the same room is not slowed down by the pupil
		postText(teacher, room, "Bitte nicht spammen.");
	}

	@Test
	void aPupilWhoChangesClassChangesRoomAndLosesTheOldOne() throws Exception {
		Group classB = groups.create(school.id(), "5b", GroupKind.CLASS, null, admin);
		UUID room5a = awaitRoom(classA.id());
		UUID room5b = awaitRoom(classB.id());
		postText(teacher, room5a, "Nur für die 5a");

		groups.removeMember(school.id(), classA.id(), pupil.accountId(), admin);
		groups.addMember(school.id(), classB.id(), pupil.accountId(), false, admin);

		assertThat(JsonPath.<List<String>>read(call(get("/api/v1/chat/rooms"), pupil).getContentAsString(), "$[*].id"))
			.containsExactly(room5b.toString());
		assertNotFound(room5a, pupil);
		assertThat(call(post("/api/v1/chat/rooms/" + room5b + "/messages").contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\":\"Hallo 5b\"}"), pupil).getStatus()).isEqualTo(201);
	}

	@Test
	void anArchivedGroupsRoomCanBeReadButNotWrittenAndStaysArchivedWhenTheGroupIsDeleted() throws Exception {
		UUID room = awaitRoom(classA.id());
		postText(teacher, room, "Letzter Schultag");
		groups.archive(school.id(), classA.id(), true, admin);
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select archived from chat_room where id = :id").param("id", room)
			.query(Boolean.class).single());

		String rooms = call(get("/api/v1/chat/rooms"), pupil).getContentAsString();
		assertThat(JsonPath.<List<Boolean>>read(rooms, "$[*].archived")).containsExactly(true);
		assertThat(JsonPath.<List<Boolean>>read(rooms, "$[*].mayPost")).containsExactly(false);
		assertThat(seqs(room, "after=0")).containsExactly(1);
		MockHttpServletResponse refused = call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON)
			.header("Accept-Language", "de").content("{\"body\":\"Hallo?\"}"), pupil);
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.detail")).contains("archiviert");

		// the school year is over and the class deleted: its room stays in the archive for those who were in it
		groups.delete(school.id(), classA.id(), admin);
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select group_gone from chat_room where id = :id").param("id", room)
			.query(Boolean.class).single());
		for (SchulhausUser former : List.of(pupil, teacher)) {
			assertThat(seqs(room, "after=0")).containsExactly(1);
			String list = call(get("/api/v1/chat/rooms"), former).getContentAsString();
			assertThat(JsonPath.<List<String>>read(list, "$[*].id")).containsExactly(room.toString());
			assertThat(JsonPath.<List<Boolean>>read(list, "$[*].archived")).containsExactly(true);
			assertThat(call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON)
				.content("{\"body\":\"Noch da?\"}"), former).getStatus()).isEqualTo(403);
		}
		// nobody else reads it, and a class deleted without messages leaves no room behind
		assertNotFound(room, admin);
		Group empty = groups.create(school.id(), "5z", GroupKind.CLASS, null, admin);
		awaitRoom(empty.id());
		groups.delete(school.id(), empty.id(), admin);
		await().atMost(Duration.ofSeconds(20)).until(() -> roomOf(empty.id()).isEmpty());
	}

	@Test
	void anotherSchoolsRoomAnswersLikeAMissingOne() throws Exception {
		UUID room = awaitRoom(classA.id());
		postText(teacher, room, "Intern");
		var other = schools.createSchool("Andere Schule");
		SchulhausUser stranger = users.load(schools.createUser(other, "Otto", "Fremd", "TEACHER", "fremd-laterne-quitte-1", null).login())
			.orElseThrow();
		SchulhausUser otherAdmin = users.load(schools.createUser(other, "Olga", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-2", null).login())
			.orElseThrow().withTwoFactor(true);
		assertNotFound(room, stranger);
		assertNotFound(room, otherAdmin);
		// nor does an admin of the same school read a room of a group they are not in
		assertNotFound(room, admin);
		assertThat(call(get("/api/v1/chat/rooms"), stranger).getContentAsString()).isEqualTo("[]");
		assertThat(call(get("/api/v1/chat/rooms/not-an-id/messages"), stranger).getStatus()).isEqualTo(404);
	}

	private void assertNotFound(UUID room, SchulhausUser who) throws Exception {
		for (UUID id : List.of(room, UUID.randomUUID())) {
			assertThat(call(get("/api/v1/chat/rooms/" + id + "/messages"), who).getStatus()).isEqualTo(404);
			assertThat(call(get("/api/v1/chat/rooms/" + id + "/messages?after=0"), who).getStatus()).isEqualTo(404);
			MockHttpServletResponse posted = call(post("/api/v1/chat/rooms/" + id + "/messages").contentType(MediaType.APPLICATION_JSON)
				.content("{\"body\":\"Hallo\"}"), who);
			assertThat(posted.getStatus()).isEqualTo(404);
			assertThat(posted.getContentType()).isEqualTo("application/problem+json");
			assertThat(call(post("/api/v1/chat/rooms/" + id + "/read").contentType(MediaType.APPLICATION_JSON).content("{}"), who).getStatus())
				.isEqualTo(404);
		}
	}

	private List<Integer> seqs(UUID room, String query) throws Exception {
		MockHttpServletResponse page = call(get("/api/v1/chat/rooms/" + room + "/messages?" + query), pupil);
		assertThat(page.getStatus()).isEqualTo(200);
		return JsonPath.read(page.getContentAsString(), "$[*].seq");
	}

	private void postText(SchulhausUser who, UUID room, String text) throws Exception {
		MockHttpServletResponse response = call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\":\"" + text + "\"}"), who);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
	}

	private MockHttpServletResponse call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, SchulhausUser who)
			throws Exception {
		return mvc.perform(request.with(user(who)).with(csrf())).andReturn().getResponse();
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
