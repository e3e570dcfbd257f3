package de.schulhaus.chat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
import de.schulhaus.chat.internal.ChatMessage;
import de.schulhaus.chat.internal.ChatMessages;
import de.schulhaus.chat.internal.MessageChanges;
import de.schulhaus.platform.SchulhausUser;

/** Search in the messages of the rooms one reads now: the API and the page beside the rooms. */
@IntegrationTest
class ChatSearchTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired ChatMessages messages;
	@Autowired MessageChanges changes;
	@Autowired JdbcClient jdbc;

	TestSchools schools;
	TestSchools.SchoolRef school;
	SchulhausUser admin;
	SchulhausUser teacher;
	SchulhausUser pupil;
	Group classA;
	Group classB;
	UUID roomA;
	UUID roomB;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Such-Schule");
		admin = person(school, "Ada", "Admin", "SCHOOL_ADMIN").withTwoFactor(true);
		teacher = person(school, "Tina", "Tafel", "TEACHER");
		pupil = person(school, "Paul", "Pult", "PUPIL");
		classA = groups.create(school.id(), "5a", GroupKind.CLASS, null, admin);
		classB = groups.create(school.id(), "5b", GroupKind.CLASS, null, admin);
		groups.addMember(school.id(), classA.id(), teacher.accountId(), true, admin);
		groups.addMember(school.id(), classB.id(), teacher.accountId(), true, admin);
		groups.addMember(school.id(), classA.id(), pupil.accountId(), false, admin);
		roomA = awaitRoom(classA.id());
		roomB = awaitRoom(classB.id());
	}

	@Test
	void findsCaseInsensitivelyInTheRoomsOneReadsNewestFirst() throws Exception {
		messages.post(teacher, roomA, "Der WANDERTAG ist am Montag");
		messages.post(teacher, roomB, "Wandertag der 5b am Dienstag");
		messages.post(pupil, roomA, "Ich freue mich auf den wandertag!");
		messages.post(pupil, roomA, "Etwas ganz anderes");
		ChatMessage gone = messages.post(pupil, roomA, "Wandertag, gelöscht");
		changes.delete(pupil, gone.id());

		String found = search(pupil, "Wandertag");
		assertThat(JsonPath.<List<String>>read(found, "$[*].message.body")).as("not the 5b's, not the deleted one")
			.containsExactly("Ich freue mich auf den wandertag!", "Der WANDERTAG ist am Montag");
		assertThat(JsonPath.<List<String>>read(found, "$[*].roomName")).containsExactly("5a", "5a");
		assertThat(JsonPath.<List<String>>read(search(teacher, "wandertag"), "$[*].message.body")).hasSize(3);
		assertThat(JsonPath.<List<String>>read(search(pupil, "ÄNDERT"), "$[*].message.body")).isEmpty();
		// % and _ are what they are, no wildcards
		messages.post(pupil, roomA, "100% sicher, snake_case");
		assertThat(JsonPath.<List<String>>read(search(pupil, "0% s"), "$[*].message.body")).containsExactly("100% sicher, snake_case");
		assertThat(JsonPath.<List<String>>read(search(pupil, "e_c"), "$[*].message.body")).containsExactly("100% sicher, snake_case");
		assertThat(JsonPath.<List<String>>read(search(pupil, "Wan_ertag"), "$[*].message.body")).isEmpty();
	}

	@Test
	void neverShowsARoomThePersonHasLeftNorAnotherSchools() throws Exception {
		messages.post(teacher, roomA, "Geheimnis der 5a");
		assertThat(JsonPath.<List<String>>read(search(pupil, "Geheimnis"), "$[*].message.body")).hasSize(1);

		groups.removeMember(school.id(), classA.id(), pupil.accountId(), admin);
		assertThat(search(pupil, "Geheimnis")).isEqualTo("[]");

		var other = schools.createSchool("Andere Such-Schule");
		SchulhausUser stranger = person(other, "Otto", "Fremd", "TEACHER");
		SchulhausUser otherAdmin = person(other, "Olga", "Admin", "SCHOOL_ADMIN").withTwoFactor(true);
		assertThat(search(stranger, "Geheimnis")).isEqualTo("[]");
		assertThat(search(otherAdmin, "Geheimnis")).isEqualTo("[]");
		// nor an admin of the same school who is in none of the groups
		assertThat(search(admin, "Geheimnis")).isEqualTo("[]");
	}

	@Test
	void aTooShortQueryIsAProblemAndThePageSearchesWithoutScript() throws Exception {
		MockHttpServletResponse shortQuery = call(get("/api/v1/chat/search?q=a").header("Accept-Language", "de"), pupil);
		assertThat(shortQuery.getStatus()).isEqualTo(400);
		assertThat(shortQuery.getContentType()).isEqualTo("application/problem+json");
		assertThat(JsonPath.<String>read(shortQuery.getContentAsString(), "$.detail")).isEqualTo("Bitte geben Sie zum Suchen 2 bis 200 Zeichen ein.");

		ChatMessage hit = messages.post(teacher, roomA, "Elternabend am 3.12. um 19 Uhr <b>Aula</b>");
		String page = call(get("/chat/suche?q=elternabend"), pupil).getContentAsString();
		assertThat(page).contains("1 Nachrichten enthalten „elternabend“").contains("Elternabend am 3.12. um 19 Uhr &lt;b&gt;Aula&lt;/b&gt;")
			.contains("/chat/raum/" + roomA + "?vor=" + (hit.seq() + 1) + "#nachricht-" + hit.seq());
		assertThat(call(get("/chat/suche?q=x"), pupil).getStatus()).isEqualTo(400);
		assertThat(call(get("/chat"), pupil).getContentAsString()).contains("action=\"/chat/suche\"");
	}

	String search(SchulhausUser who, String q) throws Exception {
		MockHttpServletResponse response = call(get("/api/v1/chat/search").param("q", q), who);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		return response.getContentAsString();
	}

	MockHttpServletResponse call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, SchulhausUser who)
			throws Exception {
		return mvc.perform(request.with(user(who)).with(csrf())).andReturn().getResponse();
	}

	UUID awaitRoom(UUID groupId) {
		await().atMost(Duration.ofSeconds(20)).until(() -> roomOf(groupId).isPresent());
		return roomOf(groupId).orElseThrow();
	}

	Optional<UUID> roomOf(UUID groupId) {
		return jdbc.sql("select id from chat_room where school_id = :school and group_id = :group").param("school", school.id())
			.param("group", groupId).query(UUID.class).optional();
	}

	SchulhausUser person(TestSchools.SchoolRef where, String first, String last, String role) throws Exception {
		return users.load(schools.createUser(where, first, last, role, first.toLowerCase() + "-laterne-quitte-1", null).login()).orElseThrow();
	}
}
