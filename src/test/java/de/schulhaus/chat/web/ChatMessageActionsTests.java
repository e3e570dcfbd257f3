package de.schulhaus.chat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
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
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;

/** What one does with a message after posting it, over the API as the page's script does it: edit, delete, answer, react. */
@IntegrationTest
class ChatMessageActionsTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;
	@Autowired de.schulhaus.platform.Notifications notifications;

	TestSchools schools;
	TestSchools.SchoolRef school;
	SchulhausUser admin;
	SchulhausUser teacher;
	SchulhausUser pupil;
	SchulhausUser classmate;
	Group classA;
	UUID room;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Nachrichten-Schule");
		admin = person("Ada", "Admin", "SCHOOL_ADMIN").withTwoFactor(true);
		teacher = person("Tina", "Tafel", "TEACHER");
		pupil = person("Paul", "Pult", "PUPIL");
		classmate = person("Klara", "Kreide", "PUPIL");
		classA = groups.create(school.id(), "5a", GroupKind.CLASS, null, admin);
		groups.addMember(school.id(), classA.id(), teacher.accountId(), true, admin);
		groups.addMember(school.id(), classA.id(), pupil.accountId(), false, admin);
		groups.addMember(school.id(), classA.id(), classmate.accountId(), false, admin);
		room = awaitRoom(classA.id());
	}

	@Test
	void theAuthorEditsTheirMessageWhichShowsAsEditedAndCountsAsNoNewMessage() throws Exception {
		String id = postText(pupil, "Treffen um 8");
		postText(pupil, "Bis morgen");

		MockHttpServletResponse edited = call(patch("/api/v1/chat/messages/" + id).contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\":\"Treffen um 9\"}"), pupil);
		assertThat(edited.getStatus()).isEqualTo(200);
		assertThat(JsonPath.<String>read(edited.getContentAsString(), "$.body")).isEqualTo("Treffen um 9");
		assertThat(JsonPath.<Boolean>read(edited.getContentAsString(), "$.edited")).isTrue();
		assertThat(JsonPath.<Integer>read(edited.getContentAsString(), "$.seq")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(edited.getContentAsString(), "$.changedSeq")).as("the room's next seq").isEqualTo(3);

		// a client that had seen up to 2 gets the edited message again, once, in its new state
		String since2 = call(get("/api/v1/chat/rooms/" + room + "/messages?after=2"), classmate).getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(since2, "$[*].seq")).containsExactly(1);
		assertThat(JsonPath.<String>read(since2, "$[0].body")).isEqualTo("Treffen um 9");
		assertThat(JsonPath.<List<Integer>>read(call(get("/api/v1/chat/rooms/" + room + "/messages?after=0"), classmate).getContentAsString(),
				"$[*].seq")).as("in the order of their latest change").containsExactly(2, 1);
		// the page by seq is unchanged
		assertThat(JsonPath.<List<Integer>>read(call(get("/api/v1/chat/rooms/" + room + "/messages"), classmate).getContentAsString(), "$[*].seq"))
			.containsExactly(1, 2);
		assertThat(unread(classmate)).as("an edit is no new message").isEqualTo(2);
	}

	@Test
	void anEditKeepsTheLimitsOfANewMessageAndOnlyTheAuthorEdits() throws Exception {
		String id = postText(pupil, "Hallo");
		MockHttpServletResponse tooLong = call(patch("/api/v1/chat/messages/" + id).contentType(MediaType.APPLICATION_JSON)
			.header("Accept-Language", "de").content("{\"body\":\"" + "x".repeat(10_001) + "\"}"), pupil);
		assertThat(tooLong.getStatus()).isEqualTo(400);
		assertThat(tooLong.getContentType()).isEqualTo("application/problem+json");
		assertThat(JsonPath.<String>read(tooLong.getContentAsString(), "$.detail")).isEqualTo("Die Nachricht ist zu lang: höchstens 10.000 Zeichen.");
		MockHttpServletResponse empty = call(patch("/api/v1/chat/messages/" + id).contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\":\"  \"}"), pupil);
		assertThat(empty.getStatus()).isEqualTo(400);

		for (SchulhausUser other : List.of(classmate, teacher)) {
			MockHttpServletResponse refused = call(patch("/api/v1/chat/messages/" + id).contentType(MediaType.APPLICATION_JSON)
				.header("Accept-Language", "de").content("{\"body\":\"Gefälscht\"}"), other);
			assertThat(refused.getStatus()).isEqualTo(403);
			assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.detail")).isEqualTo("Das dürfen Sie nur mit Ihren eigenen Nachrichten.");
		}
		assertThat(bodyInDatabase(id)).isEqualTo("Hallo");
		assertThat(lastSeq()).as("nothing refused took a seq").isEqualTo(1);
		assertThat(call(patch("/api/v1/chat/messages/" + id).contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\":\"" + "x".repeat(10_000) + "\"}"), pupil).getStatus()).isEqualTo(200);
	}

	@Test
	void theAuthorDeletesTheirMessageWhichKeepsItsPlaceWithoutItsText() throws Exception {
		String id = postText(pupil, "Ups, falscher Raum");
		postText(teacher, "Guten Morgen");

		MockHttpServletResponse deleted = call(delete("/api/v1/chat/messages/" + id), pupil);
		assertThat(deleted.getStatus()).isEqualTo(200);
		assertThat(JsonPath.<Boolean>read(deleted.getContentAsString(), "$.deleted")).isTrue();
		assertThat(JsonPath.<String>read(deleted.getContentAsString(), "$.body")).isEmpty();
		assertThat(JsonPath.<Object>read(deleted.getContentAsString(), "$.html")).isNull();
		assertThat(bodyInDatabase(id)).as("the text is gone from the database").isEmpty();

		String page = call(get("/api/v1/chat/rooms/" + room + "/messages"), classmate).getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(page, "$[*].seq")).containsExactly(1, 2);
		assertThat(JsonPath.<List<Boolean>>read(page, "$[*].deleted")).containsExactly(true, false);
		assertThat(unread(classmate)).as("a deleted message is not waiting to be read").isEqualTo(1);

		MockHttpServletResponse editDeleted = call(patch("/api/v1/chat/messages/" + id).contentType(MediaType.APPLICATION_JSON)
			.header("Accept-Language", "de").content("{\"body\":\"wieder da\"}"), pupil);
		assertThat(editDeleted.getStatus()).isEqualTo(409);
		assertThat(JsonPath.<String>read(editDeleted.getContentAsString(), "$.detail")).isEqualTo("Diese Nachricht wurde gelöscht.");
		// deleting again changes nothing
		long seq = lastSeq();
		assertThat(call(delete("/api/v1/chat/messages/" + id), pupil).getStatus()).isEqualTo(200);
		assertThat(lastSeq()).isEqualTo(seq);
	}

	@Test
	void theRoomsLeaderDeletesAnyMessageWhichTheAuditLogRecordsAndAPupilDeletesNoOneElses() throws Exception {
		String rude = postText(pupil, "Etwas Unfreundliches");
		String teachers = postText(teacher, "Bitte freundlich bleiben");

		MockHttpServletResponse refused = call(delete("/api/v1/chat/messages/" + teachers), classmate);
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(bodyInDatabase(teachers)).isEqualTo("Bitte freundlich bleiben");

		assertThat(call(delete("/api/v1/chat/messages/" + rude), teacher).getStatus()).isEqualTo(200);
		assertThat(bodyInDatabase(rude)).isEmpty();
		List<AuditLog.Entry> entries = audit.recent(school.id(), 20).stream().filter(e -> e.action().equals("chat.message.deleted")).toList();
		assertThat(entries).singleElement().satisfies(e -> {
			assertThat(e.target()).isEqualTo(rude);
			assertThat(e.details()).contains("5a").contains("Paul Pult");
		});
		// one's own deletion is no moderation
		assertThat(call(delete("/api/v1/chat/messages/" + teachers), teacher).getStatus()).isEqualTo(200);
		assertThat(audit.recent(school.id(), 20).stream().filter(e -> e.action().equals("chat.message.deleted"))).hasSize(1);
	}

	@Test
	void aMessageOfARoomOneCannotReadAnswersLikeAMissingOne() throws Exception {
		String id = postText(teacher, "Nur für die 5a");
		SchulhausUser outsider = person("Olga", "Ohne", "PUPIL");
		var other = schools.createSchool("Andere Nachrichten-Schule");
		SchulhausUser stranger = users.load(schools.createUser(other, "Otto", "Fremd", "TEACHER", "fremd-laterne-quitte-1", null).login())
			.orElseThrow();
		for (SchulhausUser who : List.of(outsider, stranger)) {
			for (String target : List.of(id, UUID.randomUUID().toString(), "kein-id")) {
				assertThat(call(patch("/api/v1/chat/messages/" + target).contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"x\"}"), who)
					.getStatus()).isEqualTo(404);
				assertThat(call(delete("/api/v1/chat/messages/" + target), who).getStatus()).isEqualTo(404);
				assertThat(call(post("/api/v1/chat/messages/" + target + "/reactions").contentType(MediaType.APPLICATION_JSON)
					.content("{\"emoji\":\"\uD83D\uDC4D\",\"reacted\":true}"), who).getStatus()).isEqualTo(404);
			}
		}
		assertThat(bodyInDatabase(id)).isEqualTo("Nur für die 5a");
	}

	@Test
	void aReplyQuotesTheAuthorAndFirstLineOfAnEarlierMessageOfTheRoomAndLaterShowsItsDeletion() throws Exception {
		String question = postText(pupil, "Wann ist die Klassenfahrt?\nUnd was kostet sie?");
		MockHttpServletResponse reply = call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("body", "Im Mai, 120 Euro", "replyTo", question))), teacher);
		assertThat(reply.getStatus()).isEqualTo(201);
		assertThat(JsonPath.<String>read(reply.getContentAsString(), "$.replyTo.id")).isEqualTo(question);
		assertThat(JsonPath.<String>read(reply.getContentAsString(), "$.replyTo.authorName")).isEqualTo("Paul Pult");
		assertThat(JsonPath.<String>read(reply.getContentAsString(), "$.replyTo.firstLine")).isEqualTo("Wann ist die Klassenfahrt?");
		assertThat(JsonPath.<Integer>read(reply.getContentAsString(), "$.replyTo.seq")).isEqualTo(1);

		call(delete("/api/v1/chat/messages/" + question), pupil);
		String page = call(get("/api/v1/chat/rooms/" + room + "/messages"), classmate).getContentAsString();
		assertThat(JsonPath.<Boolean>read(page, "$[1].replyTo.deleted")).isTrue();
		assertThat(JsonPath.<Object>read(page, "$[1].replyTo.firstLine")).as("nothing of the deleted text").isNull();

		// only to a message of the same room that is still there
		Group course = groups.create(school.id(), "Mathe", GroupKind.COURSE, null, admin);
		groups.addMember(school.id(), course.id(), teacher.accountId(), true, admin);
		UUID otherRoom = awaitRoom(course.id());
		MockHttpServletResponse elsewhere = call(post("/api/v1/chat/rooms/" + otherRoom + "/messages").contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("body", "Antwort", "replyTo", JsonPath.read(reply.getContentAsString(), "$.id")))), teacher);
		assertThat(elsewhere.getStatus()).isEqualTo(400);
		assertThat(JsonPath.<String>read(elsewhere.getContentAsString(), "$.errors[0].field")).isEqualTo("replyTo");
		for (String bad : List.of(question, UUID.randomUUID().toString(), "kein-id")) {
			MockHttpServletResponse refused = call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON)
				.header("Accept-Language", "de").content(json(Map.of("body", "Antwort", "replyTo", bad))), teacher);
			assertThat(refused.getStatus()).as(bad).isEqualTo(400);
			assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.detail")).startsWith("Die Nachricht, auf die Sie antworten");
		}
	}

	@Test
	void reactionsAreAFixedSetTogglePerPersonAndCountWithWhetherIReacted() throws Exception {
		String id = postText(teacher, "Morgen fällt Sport aus");
		String thumbs = "\uD83D\uDC4D";
		String party = "\uD83C\uDF89";

		MockHttpServletResponse mine = react(pupil, id, thumbs, true);
		assertThat(mine.getStatus()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(mine.getContentAsString(), "$.reactions[*].emoji")).containsExactly(thumbs);
		assertThat(JsonPath.<List<Integer>>read(mine.getContentAsString(), "$.reactions[*].count")).containsExactly(1);
		assertThat(JsonPath.<List<Boolean>>read(mine.getContentAsString(), "$.reactions[*].mine")).containsExactly(true);
		long seq = lastSeq();
		assertThat(react(pupil, id, thumbs, true).getStatus()).as("the same again changes nothing").isEqualTo(200);
		assertThat(lastSeq()).isEqualTo(seq);

		react(classmate, id, party, true);
		String seen = react(classmate, id, thumbs, true).getContentAsString();
		assertThat(JsonPath.<List<String>>read(seen, "$.reactions[*].emoji")).as("in the set's order").containsExactly(thumbs, party);
		assertThat(JsonPath.<List<Integer>>read(seen, "$.reactions[*].count")).containsExactly(2, 1);
		assertThat(JsonPath.<List<Boolean>>read(seen, "$.reactions[*].mine")).containsExactly(true, true);

		String taken = react(pupil, id, thumbs, false).getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(taken, "$.reactions[*].count")).containsExactly(1, 1);
		assertThat(JsonPath.<List<Boolean>>read(taken, "$.reactions[*].mine")).containsExactly(false, false);
		String page = call(get("/api/v1/chat/rooms/" + room + "/messages"), teacher).getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(page, "$[0].reactions[*].count")).containsExactly(1, 1);
		assertThat(unread(pupil)).as("a reaction is no new message").isEqualTo(1);

		MockHttpServletResponse unknown = call(post("/api/v1/chat/messages/" + id + "/reactions").contentType(MediaType.APPLICATION_JSON)
			.header("Accept-Language", "de").content(json(Map.of("emoji", "<b>x</b>", "reacted", true))), pupil);
		assertThat(unknown.getStatus()).isEqualTo(400);
		assertThat(JsonPath.<String>read(unknown.getContentAsString(), "$.detail")).isEqualTo("Diese Reaktion gibt es nicht.");
		assertThat(call(post("/api/v1/chat/messages/" + id + "/reactions").contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("emoji", thumbs))), pupil).getStatus()).isEqualTo(400);

		call(delete("/api/v1/chat/messages/" + id), teacher);
		assertThat(jdbc.sql("select count(*) from chat_reaction where message_id = :id").param("id", UUID.fromString(id)).query(Long.class).single())
			.as("a deleted message's reactions go with its text").isZero();
		assertThat(react(pupil, id, thumbs, true).getStatus()).isEqualTo(409);
	}

	@Test
	void anArchivedRoomTakesNoEditsOrReactionsButItsAuthorsMayStillDelete() throws Exception {
		String id = postText(pupil, "Letzter Schultag");
		groups.archive(school.id(), classA.id(), true, admin);
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select archived from chat_room where id = :id").param("id", room)
			.query(Boolean.class).single());
		assertThat(call(patch("/api/v1/chat/messages/" + id).contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"x\"}"), pupil)
			.getStatus()).isEqualTo(403);
		assertThat(react(classmate, id, "\uD83D\uDC4D", true).getStatus()).isEqualTo(403);
		assertThat(call(delete("/api/v1/chat/messages/" + id), pupil).getStatus()).isEqualTo(200);
	}

	@Test
	void textIsFormattedOnTheServerAndMarkupOfTheAuthorStaysInert() throws Exception {
		String id = postText(pupil, "**Wichtig:** <script>alert(1)</script>\n- [Plan](https://schule.example/plan)\n- [böse](javascript:alert(1))");
		String page = call(get("/api/v1/chat/rooms/" + room + "/messages"), classmate).getContentAsString();
		String html = JsonPath.read(page, "$[0].html");
		assertThat(html).startsWith("<p><strong>Wichtig:</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p><ul><li><a href=\"https://schule.example/plan\"")
			.doesNotContain("<script").doesNotContain("href=\"javascript");
		assertThat(JsonPath.<String>read(page, "$[0].body")).as("the text as written, for editing").startsWith("**Wichtig:** <script>");

		String shown = call(get("/chat/raum/" + room), classmate).getContentAsString();
		assertThat(shown).contains("<strong>Wichtig:</strong> &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
		call(patch("/api/v1/chat/messages/" + id).contentType(MediaType.APPLICATION_JSON).content(json(Map.of("body", "Korrigiert"))), pupil);
		postText(pupil, "Noch eine");
		call(delete("/api/v1/chat/messages/" + JsonPath.read(call(get("/api/v1/chat/rooms/" + room + "/messages"), pupil).getContentAsString(), "$[1].id")),
				pupil);
		shown = call(get("/chat/raum/" + room), classmate).getContentAsString();
		assertThat(shown).contains("Korrigiert").contains(">bearbeitet<").contains(">Nachricht gelöscht<").doesNotContain("Noch eine");
	}

	@Test
	void aMentionOfAMemberIsStoredByAccountAndNotifiesThemButNobodyOutsideTheRoom() throws Exception {
		SchulhausUser outsider = person("Olga", "Ohne", "PUPIL");
		String people = call(get("/api/v1/chat/rooms/" + room + "/mentionable"), pupil).getContentAsString();
		assertThat(JsonPath.<List<String>>read(people, "$[*].name")).containsExactly("Klara Kreide", "Paul Pult", "Tina Tafel");
		assertThat(call(get("/api/v1/chat/rooms/" + room + "/mentionable"), outsider).getStatus()).isEqualTo(404);

		String posted = call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("body", "@Tina Tafel und @Olga Ohne: ist morgen frei?"))), pupil).getContentAsString();
		assertThat(JsonPath.<List<String>>read(posted, "$.mentions")).containsExactly(teacher.accountId().toString());
		assertThat(JsonPath.<String>read(posted, "$.html")).contains("<span class=\"mention\">&#64;Tina Tafel</span>").contains("&#64;Olga Ohne:");
		List<de.schulhaus.platform.Notifications.Entry> told = notifications.newestFirst(teacher, 0, 10);
		assertThat(told).singleElement().satisfies(n -> {
			assertThat(n.kind()).isEqualTo("chat.mention");
			assertThat(n.titleArgs()).containsExactly("Paul Pult", "5a");
			assertThat(n.link()).isEqualTo("/chat/raum/" + room);
		});
		assertThat(notifications.newestFirst(outsider, 0, 10)).isEmpty();

		// an edit that mentions someone new tells only them
		String id = JsonPath.read(posted, "$.id");
		String edited = call(patch("/api/v1/chat/messages/" + id).contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("body", "@Tina Tafel und @" + classmate.login() + ": ist morgen frei?"))), pupil).getContentAsString();
		assertThat(JsonPath.<List<String>>read(edited, "$.mentions")).containsExactlyInAnyOrder(teacher.accountId().toString(),
				classmate.accountId().toString());
		assertThat(notifications.newestFirst(teacher, 0, 10)).hasSize(1);
		assertThat(notifications.newestFirst(classmate, 0, 10)).singleElement().satisfies(n -> assertThat(n.kind()).isEqualTo("chat.mention"));
	}

	MockHttpServletResponse react(SchulhausUser who, String id, String emoji, boolean reacted) throws Exception {
		return call(post("/api/v1/chat/messages/" + id + "/reactions").contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("emoji", emoji, "reacted", reacted))), who);
	}

	String postText(SchulhausUser who, String text) throws Exception {
		return postText(who, text, null);
	}

	String postText(SchulhausUser who, String text, String replyTo) throws Exception {
		MockHttpServletResponse response = call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON)
			.content(json(replyTo == null ? Map.of("body", text) : Map.of("body", text, "replyTo", replyTo))), who);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		return JsonPath.read(response.getContentAsString(), "$.id");
	}

	static String json(Map<String, ?> values) {
		return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(values);
	}

	long unread(SchulhausUser who) throws Exception {
		return JsonPath.<Integer>read(call(get("/api/v1/chat/rooms"), who).getContentAsString(), "$[0].unread");
	}

	String bodyInDatabase(String id) {
		return jdbc.sql("select body from chat_message where id = :id").param("id", UUID.fromString(id)).query(String.class).single();
	}

	long lastSeq() {
		return jdbc.sql("select last_seq from chat_room where id = :id").param("id", room).query(Long.class).single();
	}

	MockHttpServletResponse call(MockHttpServletRequestBuilder request, SchulhausUser who) throws Exception {
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

	SchulhausUser person(String first, String last, String role) throws Exception {
		return users.load(schools.createUser(school, first, last, role, first.toLowerCase() + "-laterne-quitte-1", null).login()).orElseThrow();
	}
}
