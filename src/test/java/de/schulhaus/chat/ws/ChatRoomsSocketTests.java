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
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.internal.Announcements;
import de.schulhaus.chat.internal.ChatMessages;
import de.schulhaus.chat.internal.PrivateChats;
import de.schulhaus.chat.internal.RoomModeration;
import de.schulhaus.platform.SchulhausUser;

/**
 * Rooms that are no roster group's, live: a direct chat someone starts reaches the other person's open
 * connection with its messages; leaving ends that; the first announcement puts the announcements there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ChatRoomsSocketTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	private static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort int port;
	@Autowired MockMvc mvc;
	@Autowired AccountUserDetailsService users;
	@Autowired ChatMessages messages;
	@Autowired PrivateChats chats;
	@Autowired Announcements announcements;
	@Autowired RoomModeration moderation;
	@Autowired GroupManagement groups;
	@Autowired JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();
	TestSchools schools;
	TestSchools.SchoolRef school;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Live-Räume-Schule");
	}

	@Test
	void aNewDirectChatAndItsMessagesReachTheOtherPersonLiveUntilTheyLeave() throws Exception {
		SchulhausUser teacher = person("Tina", "Tafel", "TEACHER");
		SchulhausUser pupil = person("Paul", "Pult", "PUPIL");
		LiveClient client = LiveClient.connect(port, signIn(pupil));
		client.next("rooms", WAIT);
		client.send("{\"type\":\"resume\",\"rooms\":{}}");
		client.next("resumed", WAIT);

		UUID room = chats.direct(teacher, pupil.accountId());
		assertThat(JsonPath.<Map<String, Integer>>read(client.next("rooms", WAIT), "$.rooms")).containsEntry(room.toString(), 0);
		messages.post(teacher, room, "Bitte denk an die Unterschrift.");
		String frame = client.next("message", WAIT);
		assertThat(JsonPath.<String>read(frame, "$.body")).isEqualTo("Bitte denk an die Unterschrift.");
		assertThat(JsonPath.<String>read(frame, "$.roomId")).isEqualTo(room.toString());

		chats.leave(pupil, room);
		assertThat(JsonPath.<Map<String, Integer>>read(client.next("rooms", WAIT), "$.rooms")).doesNotContainKey(room.toString());
		messages.post(teacher, room, "Noch da?");
		assertThat(client.rest(Duration.ofMillis(700))).noneMatch(f -> f.contains("\"message\""));
		client.close();
	}

	@Test
	void aLockAndAMuteReachTheOpenPageSoItShowsWhyItCannotPost() throws Exception {
		SchulhausUser admin = person("Ada", "Admin", "SCHOOL_ADMIN").withTwoFactor(true);
		SchulhausUser teacher = person("Tina", "Tafel", "TEACHER");
		SchulhausUser pupil = person("Paul", "Pult", "PUPIL");
		var group = groups.create(school.id(), "5a", GroupKind.CLASS, null, admin);
		groups.addMember(school.id(), group.id(), teacher.accountId(), true, admin);
		groups.addMember(school.id(), group.id(), pupil.accountId(), false, admin);
		await().atMost(WAIT).until(() -> roomOf(group.id()).isPresent());
		UUID room = roomOf(group.id()).orElseThrow();
		LiveClient client = LiveClient.connect(port, signIn(pupil));
		assertThat(JsonPath.<Map<String, Integer>>read(client.next("rooms", WAIT), "$.rooms")).containsKey(room.toString());
		client.send("{\"type\":\"resume\",\"rooms\":{}}");
		client.next("resumed", WAIT);

		moderation.lock(teacher, room, true);
		assertThat(JsonPath.<Map<String, Integer>>read(client.next("rooms", WAIT), "$.rooms")).containsKey(room.toString());
		moderation.lock(teacher, room, false);
		client.next("rooms", WAIT);
		moderation.mute(teacher, room, pupil.accountId(), RoomModeration.MuteLength.HOUR);
		client.next("rooms", WAIT);
		// nothing changed for the pupil: no frame
		moderation.pin(teacher, room, messages.post(teacher, room, "Wichtig").id(), true);
		client.next("message", WAIT);
		assertThat(client.rest(Duration.ofMillis(700))).noneMatch(f -> f.contains("\"rooms\""));
		client.close();
	}

	@Test
	void theFirstAnnouncementPutsTheRoomIntoEveryonesLiveList() throws Exception {
		SchulhausUser admin = person("Ada", "Admin", "SCHOOL_ADMIN").withTwoFactor(true);
		SchulhausUser pupil = person("Paul", "Pult", "PUPIL");
		UUID room = announcements.room(school.id()).id();
		LiveClient client = LiveClient.connect(port, signIn(pupil));
		assertThat(JsonPath.<Map<String, Integer>>read(client.next("rooms", WAIT), "$.rooms")).doesNotContainKey(room.toString());
		client.send("{\"type\":\"resume\",\"rooms\":{}}");
		client.next("resumed", WAIT);

		messages.post(admin, room, "Morgen ist schulfrei.");
		// the room comes with its newest seq: the page counts it unread and reads it from the API when opened
		assertThat(JsonPath.<Map<String, Integer>>read(client.next("rooms", WAIT), "$.rooms")).containsEntry(room.toString(), 1);
		messages.post(admin, room, "Und übermorgen auch.");
		assertThat(JsonPath.<String>read(client.next("message", WAIT), "$.body")).isEqualTo("Und übermorgen auch.");
		client.close();
	}

	/** Signs in through the form, as a browser does; answers the session cookie. */
	private String signIn(SchulhausUser who) throws Exception {
		HttpResponse<String> page = http.send(request("/anmelden").build(), HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		String form = "login=" + enc(who.login()) + "&password=" + enc(password(who)) + "&_csrf=" + enc(csrf.group(1));
		HttpResponse<String> signedIn = http.send(request("/anmelden").header("Cookie", cookies(page))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		return signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SCHULHAUS_SESSION="))
			.map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
	}

	private static String cookies(HttpResponse<?> response) {
		return response.headers().allValues("Set-Cookie").stream().map(c -> c.contains(";") ? c.substring(0, c.indexOf(';')) : c)
			.collect(Collectors.joining("; "));
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static String password(SchulhausUser who) {
		return who.displayName().split(" ")[0].toLowerCase() + "-laterne-quitte-1";
	}

	private Optional<UUID> roomOf(UUID groupId) {
		return jdbc.sql("select id from chat_room where group_id = :group").param("group", groupId).query(UUID.class).optional();
	}

	private SchulhausUser person(String first, String last, String role) throws Exception {
		return users.load(schools.createUser(school, first, last, role, first.toLowerCase() + "-laterne-quitte-1", null).login()).orElseThrow();
	}
}
