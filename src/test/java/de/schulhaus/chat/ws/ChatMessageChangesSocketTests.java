package de.schulhaus.chat.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.internal.ChatMessage;
import de.schulhaus.chat.internal.ChatMessages;
import de.schulhaus.chat.internal.MessageChanges;
import de.schulhaus.platform.SchulhausUser;

/**
 * Changes to messages over {@code /ws}: they arrive live as the message in its new state, and a client
 * that was away gets each changed message once when it resumes, in the order of the changes. And the
 * best-effort frames beside them: typing and read markers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ChatMessageChangesSocketTests {

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort int port;
	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired ChatMessages messages;
	@Autowired MessageChanges changes;
	@Autowired de.schulhaus.chat.internal.RoomAccess access;
	@Autowired JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();
	TestSchools schools;
	TestSchools.SchoolRef school;
	SchulhausUser teacher;
	SchulhausUser pupil;
	UUID room;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Änderungs-Schule");
		SchulhausUser admin = person("Ada", "Admin", "SCHOOL_ADMIN").withTwoFactor(true);
		teacher = person("Tina", "Tafel", "TEACHER");
		pupil = person("Paul", "Pult", "PUPIL");
		Group classA = groups.create(school.id(), "5a", GroupKind.CLASS, null, admin);
		groups.addMember(school.id(), classA.id(), teacher.accountId(), true, admin);
		groups.addMember(school.id(), classA.id(), pupil.accountId(), false, admin);
		await().atMost(WAIT).until(() -> roomOf(classA.id()).isPresent());
		room = roomOf(classA.id()).orElseThrow();
	}

	@Test
	void editsAndDeletionsArriveLiveAsTheMessageInItsNewState() throws Exception {
		LiveClient client = LiveClient.connect(port, signIn(pupil));
		client.next("rooms", WAIT);
		client.send("{\"type\":\"resume\",\"rooms\":{\"" + room + "\":0}}");
		client.next("resumed", WAIT);
		ChatMessage first = messages.post(teacher, room, "Wandertag am Montag");
		assertThat(client.messageSeqs(1, WAIT)).containsExactly(1);

		changes.edit(teacher, first.id(), "Wandertag am Dienstag");
		String edited = client.next("message", WAIT);
		assertThat(JsonPath.<Integer>read(edited, "$.seq")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(edited, "$.changedSeq")).isEqualTo(2);
		assertThat(JsonPath.<Boolean>read(edited, "$.edited")).isTrue();
		assertThat(JsonPath.<String>read(edited, "$.body")).isEqualTo("Wandertag am Dienstag");

		changes.delete(teacher, first.id());
		String deleted = client.next("message", WAIT);
		assertThat(JsonPath.<Integer>read(deleted, "$.changedSeq")).isEqualTo(3);
		assertThat(JsonPath.<Boolean>read(deleted, "$.deleted")).isTrue();
		assertThat(JsonPath.<String>read(deleted, "$.body")).isEmpty();

		ChatMessage second = messages.post(teacher, room, "Neue Nachricht\nmit zwei Zeilen");
		String next = client.next("message", WAIT);
		assertThat(JsonPath.<Integer>read(next, "$.seq")).as("a new message after changes: the room's next seq").isEqualTo(4);

		messages.post(pupil, accessOf(pupil), "Danke!", second.id());
		String reply = client.next("message", WAIT);
		assertThat(JsonPath.<String>read(reply, "$.replyTo.authorName")).isEqualTo("Tina Tafel");
		assertThat(JsonPath.<String>read(reply, "$.replyTo.firstLine")).isEqualTo("Neue Nachricht");

		// formatted on the server, mentions by account: the live frame carries both
		messages.post(teacher, room, "**Bitte lesen,** @Paul Pult <i>danke</i>");
		String formatted = client.next("message", WAIT);
		assertThat(JsonPath.<String>read(formatted, "$.html"))
			.isEqualTo("<p><strong>Bitte lesen,</strong> <span class=\"mention\">&#64;Paul Pult</span> &lt;i&gt;danke&lt;/i&gt;</p>");
		assertThat(JsonPath.<List<String>>read(formatted, "$.mentions")).containsExactly(pupil.accountId().toString());
		assertThat(client.rest(Duration.ofMillis(500))).noneMatch(f -> f.contains("\"message\""));
		client.close();
	}

	@Autowired de.schulhaus.chat.internal.ChatAttachments attachments;

	@Test
	void aFilePostedWithAMessageArrivesLiveWithItsAttachmentAndLosesItWhenDeleted() throws Exception {
		LiveClient client = LiveClient.connect(port, signIn(pupil));
		client.next("rooms", WAIT);
		client.send("{\"type\":\"resume\",\"rooms\":{\"" + room + "\":0}}");
		client.next("resumed", WAIT);
		ChatMessage posted = attachments.post(teacher, access.require(teacher, room), "Arbeitsblatt", null, "Blatt.pdf", "application/pdf", 4,
				new java.io.ByteArrayInputStream("%PDF".getBytes()));
		String frame = client.next("message", WAIT);
		assertThat(JsonPath.<String>read(frame, "$.attachments[0].name")).isEqualTo("Blatt.pdf");
		assertThat(JsonPath.<Integer>read(frame, "$.attachments[0].size")).isEqualTo(4);
		assertThat(JsonPath.<String>read(frame, "$.attachments[0].href")).isEqualTo("/api/v1/chat/attachments/" + posted.attachments().get(0).id());

		changes.delete(teacher, posted.id());
		String deleted = client.next("message", WAIT);
		assertThat(JsonPath.<java.util.List<Object>>read(deleted, "$.attachments")).isEmpty();
		client.close();
	}

	@Test
	void aClientThatWasOfflineGetsEachEditAndDeletionOnceWhenItResumes() throws Exception {
		LiveClient client = LiveClient.connect(port, signIn(pupil));
		client.next("rooms", WAIT);
		client.send("{\"type\":\"resume\",\"rooms\":{\"" + room + "\":0}}");
		client.next("resumed", WAIT);
		ChatMessage one = messages.post(teacher, room, "Eins");
		ChatMessage two = messages.post(teacher, room, "Zwei");
		messages.post(teacher, room, "Drei");
		assertThat(client.messageSeqs(3, WAIT)).containsExactly(1, 2, 3);
		client.close();

		// while it is away: message 1 is edited twice, message 2 deleted, one new message
		changes.edit(teacher, one.id(), "Eins, verbessert");
		changes.delete(teacher, two.id());
		changes.edit(teacher, one.id(), "Eins, nochmals verbessert");
		messages.post(teacher, room, "Vier");

		LiveClient again = LiveClient.connect(port, signIn(pupil));
		again.next("rooms", WAIT);
		again.send("{\"type\":\"resume\",\"rooms\":{\"" + room + "\":3}}");
		List<String> frames = again.rest(Duration.ofSeconds(2));
		List<String> caughtUp = frames.stream().filter(f -> f.contains("\"type\":\"message\"")).toList();
		assertThat(caughtUp).extracting(f -> (Integer) JsonPath.read(f, "$.seq")).as("each changed message once, by its latest change")
			.containsExactly(2, 1, 7);
		assertThat(caughtUp).extracting(f -> (Integer) JsonPath.read(f, "$.changedSeq")).containsExactly(5, 6, 7);
		assertThat(JsonPath.<Boolean>read(caughtUp.get(0), "$.deleted")).isTrue();
		assertThat(JsonPath.<String>read(caughtUp.get(1), "$.body")).isEqualTo("Eins, nochmals verbessert");
		assertThat(JsonPath.<Boolean>read(caughtUp.get(1), "$.edited")).isTrue();
		assertThat(frames).filteredOn(f -> f.contains("\"resumed\"")).singleElement()
			.satisfies(f -> assertThat(JsonPath.<Map<String, Integer>>read(f, "$.rooms")).containsEntry(room.toString(), 7));

		// and live again from there
		changes.react(pupil, one.id(), "\uD83D\uDC4D", true);
		String reacted = again.next("message", WAIT);
		assertThat(JsonPath.<Integer>read(reacted, "$.changedSeq")).isEqualTo(8);
		assertThat(JsonPath.<Integer>read(reacted, "$.reactions[0].count")).isEqualTo(1);
		assertThat(JsonPath.<Boolean>read(reacted, "$.reactions[0].mine")).isTrue();
		assertThat(again.rest(Duration.ofMillis(500))).noneMatch(f -> f.contains("\"message\""));
		again.close();
	}

	@Test
	void typingReachesTheRoomsOtherMembersThrottledAndNobodyElse() throws Exception {
		SchulhausUser outsider = person("Olga", "Ohne", "PUPIL");
		LiveClient typist = LiveClient.connect(port, signIn(pupil));
		LiveClient reader = LiveClient.connect(port, signIn(teacher));
		LiveClient other = LiveClient.connect(port, signIn(outsider));
		for (LiveClient c : List.of(typist, reader, other)) {
			c.next("rooms", WAIT);
			c.send("{\"type\":\"resume\",\"rooms\":{}}");
			c.next("resumed", WAIT);
		}
		typist.send("{\"type\":\"typing\",\"room\":\"" + room + "\"}");
		String typing = reader.next("typing", WAIT);
		assertThat(JsonPath.<String>read(typing, "$.roomId")).isEqualTo(room.toString());
		assertThat(JsonPath.<String>read(typing, "$.accountId")).isEqualTo(pupil.accountId().toString());
		assertThat(JsonPath.<String>read(typing, "$.name")).isEqualTo("Paul Pult");
		// at most every few seconds per person and room; a room one is not in is passed over
		typist.send("{\"type\":\"typing\",\"room\":\"" + room + "\"}");
		other.send("{\"type\":\"typing\",\"room\":\"" + room + "\"}");
		assertThat(reader.rest(Duration.ofMillis(700))).noneMatch(f -> f.contains("\"typing\""));
		assertThat(typist.rest(Duration.ofMillis(100))).as("not to oneself").noneMatch(f -> f.contains("\"typing\""));
		assertThat(other.rest(Duration.ofMillis(100))).isEmpty();

		// messages are not held up by it, and a malformed typing frame closes like any malformed frame
		messages.post(teacher, room, "Weiter geht's");
		assertThat(typist.messageSeqs(1, WAIT)).containsExactly(1);
		typist.send("{\"type\":\"typing\",\"room\":\"5a\"}");
		assertThat(typist.closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1007);
		reader.close();
	}

	@Test
	void readMarkersReachTheRoomsOtherMembersLive() throws Exception {
		messages.post(pupil, room, "Hat jemand die Hausaufgabe?");
		LiveClient author = LiveClient.connect(port, signIn(pupil));
		author.next("rooms", WAIT);
		author.send("{\"type\":\"resume\",\"rooms\":{\"" + room + "\":1}}");
		author.next("resumed", WAIT);

		assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/chat/rooms/" + room + "/read")
			.contentType("application/json").content("{}")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(teacher))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())).andReturn().getResponse()
			.getStatus()).isEqualTo(200);
		String read = author.next("read", WAIT);
		assertThat(JsonPath.<String>read(read, "$.accountId")).isEqualTo(teacher.accountId().toString());
		assertThat(JsonPath.<Integer>read(read, "$.seq")).isEqualTo(1);

		String readers = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/chat/rooms/" + room + "/readers")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(pupil))).andReturn().getResponse()
			.getContentAsString();
		assertThat(JsonPath.<List<String>>read(readers, "$[*].accountId")).containsExactly(teacher.accountId().toString());
		assertThat(JsonPath.<List<Integer>>read(readers, "$[*].lastReadSeq")).containsExactly(1);
		SchulhausUser outsider = person("Olga", "Ohne", "PUPIL");
		assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/chat/rooms/" + room + "/readers")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(outsider))).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		author.close();
	}

	de.schulhaus.chat.internal.RoomRights accessOf(SchulhausUser who) {
		return access.require(who, room);
	}

	Optional<UUID> roomOf(UUID groupId) {
		return jdbc.sql("select id from chat_room where group_id = :group").param("group", groupId).query(UUID.class).optional();
	}

	SchulhausUser person(String first, String last, String role) throws Exception {
		return users.load(schools.createUser(school, first, last, role, first.toLowerCase() + "-laterne-quitte-1", null).login()).orElseThrow();
	}

	/** Signs in through the form, as a browser does; answers the session cookie. */
	String signIn(SchulhausUser who) throws Exception {
		HttpResponse<String> page = http.send(request("/anmelden").build(), HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		String form = "login=" + enc(who.login()) + "&password=" + enc(who.displayName().split(" ")[0].toLowerCase() + "-laterne-quitte-1")
				+ "&_csrf=" + enc(csrf.group(1));
		HttpResponse<String> signedIn = http.send(request("/anmelden").header("Cookie", cookies(page))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		return signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SCHULHAUS_SESSION="))
			.map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
	}

	static String cookies(HttpResponse<?> response) {
		return response.headers().allValues("Set-Cookie").stream().map(c -> c.contains(";") ? c.substring(0, c.indexOf(';')) : c)
			.collect(Collectors.joining("; "));
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
