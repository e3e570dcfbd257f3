package de.schulhaus.chat.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
import de.schulhaus.platform.SchulhausUser;

/**
 * {@code /ws} over a real port with the JDK's WebSocket client, signed in through the sign-in form
 * like a browser: live delivery to the room's members only, exact catch-up on reconnect, the status
 * codes of malformed frames, the handshake's checks, and a client that never reads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ChatSocketTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	private static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort int port;
	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired ChatMessages messages;
	@Autowired ChatHub hub;
	@Autowired JdbcClient jdbc;
	@Autowired de.schulhaus.platform.SignedInSessions sessions;

	final HttpClient http = HttpClient.newHttpClient();
	TestSchools schools;
	TestSchools.SchoolRef school;
	SchulhausUser admin;
	SchulhausUser teacher;
	SchulhausUser pupil;
	Group classA;
	UUID room;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Live-Schule");
		admin = person(school, "Ada", "Admin", "SCHOOL_ADMIN").withTwoFactor(true);
		teacher = person(school, "Tina", "Tafel", "TEACHER");
		pupil = person(school, "Paul", "Pult", "PUPIL");
		classA = groups.create(school.id(), "5a", GroupKind.CLASS, null, admin);
		groups.addMember(school.id(), classA.id(), teacher.accountId(), true, admin);
		groups.addMember(school.id(), classA.id(), pupil.accountId(), false, admin);
		room = awaitRoom(classA.id());
	}

	@Test
	void aClientThatReconnectsWithItsLastSeenSeqGetsExactlyTheMissedMessagesInOrder() throws Exception {
		LiveClient client = LiveClient.connect(port, signIn(pupil));
		assertThat(JsonPath.<Map<String, Integer>>read(client.next("rooms", WAIT), "$.rooms")).containsEntry(room.toString(), 0);
		post(teacher, 3);
		assertThat(client.messageSeqs(3, WAIT)).containsExactly(1, 2, 3);
		client.close();

		post(teacher, 50);

		LiveClient again = LiveClient.connect(port, signIn(pupil));
		again.next("rooms", WAIT);
		again.send("{\"type\":\"resume\",\"rooms\":{\"" + room + "\":3}}");
		// and while it catches up, the room goes on
		CompletableFuture<Void> more = CompletableFuture.runAsync(() -> post(teacher, 20));
		assertThat(again.messageSeqs(70, WAIT)).as("the 50 missed, then the 20 live ones, each once")
			.isEqualTo(IntStream.rangeClosed(4, 73).boxed().toList());
		more.get(30, TimeUnit.SECONDS);
		assertThat(again.rest(Duration.ofMillis(700))).noneMatch(f -> f.contains("\"message\""));

		again.close();
		post(teacher, 50);
		LiveClient third = LiveClient.connect(port, signIn(pupil));
		third.next("rooms", WAIT);
		third.send("{\"type\":\"resume\",\"rooms\":{\"" + room + "\":73}}");
		List<String> caughtUp = IntStream.range(0, 50).mapToObj(i -> {
			try {
				return third.next("message", WAIT);
			} catch (InterruptedException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
		assertThat(caughtUp).extracting(f -> (Integer) JsonPath.read(f, "$.seq")).isEqualTo(IntStream.rangeClosed(74, 123).boxed().toList());
		assertThat(JsonPath.<String>read(caughtUp.get(0), "$.body")).isEqualTo("Nachricht 1");
		assertThat(JsonPath.<String>read(caughtUp.get(0), "$.authorName")).isEqualTo("Tina Tafel");
		assertThat(JsonPath.<Map<String, Integer>>read(third.next("resumed", WAIT), "$.rooms")).containsEntry(room.toString(), 123);
		assertThat(third.rest(Duration.ofMillis(500))).isEmpty();
		third.close();
	}

	@Test
	void messagesThatArriveLiveBeforeTheResumeAreNotSentAgainByIt() throws Exception {
		post(teacher, 3);
		LiveClient client = LiveClient.connect(port, signIn(pupil));
		assertThat(JsonPath.<Map<String, Integer>>read(client.next("rooms", WAIT), "$.rooms")).containsEntry(room.toString(), 3);
		// the reconnected client's resume is still on its way while the room goes on (bench/chat.sh found this)
		post(teacher, 2);
		assertThat(client.messageSeqs(2, WAIT)).containsExactly(4, 5);
		client.send("{\"type\":\"resume\",\"rooms\":{\"" + room + "\":1}}");

		List<String> frames = client.rest(Duration.ofMillis(700));
		assertThat(frames).filteredOn(f -> f.contains("\"message\"")).extracting(f -> (Integer) JsonPath.read(f, "$.seq"))
			.as("only what came before it was connected, once").containsExactly(2, 3);
		assertThat(frames).filteredOn(f -> f.contains("\"resumed\"")).singleElement()
			.satisfies(f -> assertThat(JsonPath.<Map<String, Integer>>read(f, "$.rooms")).containsEntry(room.toString(), 5));
		post(teacher, 1);
		assertThat(client.messageSeqs(1, WAIT)).containsExactly(6);
		assertThat(client.rest(Duration.ofMillis(500))).noneMatch(f -> f.contains("\"message\""));
		client.close();
	}

	@Test
	void aMessageThatOvertakesItsPredecessorWaitsForItInsteadOfGoingMissing() throws Exception {
		post(teacher, 2);
		LiveClient client = LiveClient.connect(port, signIn(pupil));
		client.next("rooms", WAIT);
		client.send("{\"type\":\"resume\",\"rooms\":{\"" + room + "\":2}}");
		client.next("resumed", WAIT);
		// two posts committed in parallel whose announcements arrive the wrong way round (neither is read from the
		// database here: these two exist only in the announcements)
		List<ChatMessage> two = messages.after(pupil, room, 0, 10);
		ChatMessage third = renumbered(two.get(0), 3);
		ChatMessage fourth = renumbered(two.get(1), 4);
		hub.message(school.id(), fourth);
		hub.message(school.id(), third);
		assertThat(client.messageSeqs(2, WAIT)).containsExactly(3, 4);
		assertThat(client.rest(Duration.ofMillis(ChatConnection.GAP_WAIT_MILLIS * 2))).noneMatch(f -> f.contains("\"message\""));
		client.close();
	}

	private static ChatMessage renumbered(ChatMessage m, long seq) {
		return new ChatMessage(m.id(), m.roomId(), seq, seq, m.authorId(), m.authorName(), m.body(), m.html(), m.createdAt(), m.editedAt(),
				m.deleted(), m.reply(), m.reactions(), m.mentions(), m.attachments());
	}

	@Test
	void liveMessagesReachTheRoomsMembersOnlyAndFollowTheRoster() throws Exception {
		SchulhausUser other = person(school, "Olga", "Ohne", "PUPIL");
		var elsewhere = schools.createSchool("Andere Live-Schule");
		SchulhausUser stranger = person(elsewhere, "Sven", "Fremd", "TEACHER");
		LiveClient member = LiveClient.connect(port, signIn(pupil));
		LiveClient outsider = LiveClient.connect(port, signIn(other));
		LiveClient foreign = LiveClient.connect(port, signIn(stranger));
		member.next("rooms", WAIT);
		assertThat(JsonPath.<Map<String, Integer>>read(outsider.next("rooms", WAIT), "$.rooms")).isEmpty();
		foreign.next("rooms", WAIT);
		// naming another school's room (or one of a group one is not in) gets nothing
		foreign.send("{\"type\":\"resume\",\"rooms\":{\"" + room + "\":0}}");
		outsider.send("{\"type\":\"resume\",\"rooms\":{\"" + room + "\":0}}");
		assertThat(JsonPath.<Map<String, Integer>>read(foreign.next("resumed", WAIT), "$.rooms")).isEmpty();
		assertThat(JsonPath.<Map<String, Integer>>read(outsider.next("resumed", WAIT), "$.rooms")).isEmpty();

		post(teacher, 1);
		assertThat(member.messageSeqs(1, WAIT)).containsExactly(1);

		// she joins the class: the room comes to her connection, from its current seq on
		groups.addMember(school.id(), classA.id(), other.accountId(), false, admin);
		assertThat(JsonPath.<Map<String, Integer>>read(outsider.next("rooms", WAIT), "$.rooms")).containsEntry(room.toString(), 1);
		post(teacher, 1);
		assertThat(outsider.messageSeqs(1, WAIT)).containsExactly(2);
		assertThat(member.messageSeqs(1, WAIT)).containsExactly(2);

		// he leaves it: nothing more reaches him
		groups.removeMember(school.id(), classA.id(), pupil.accountId(), admin);
		assertThat(JsonPath.<Map<String, Integer>>read(member.next("rooms", WAIT), "$.rooms")).isEmpty();
		post(teacher, 1);
		assertThat(outsider.messageSeqs(1, WAIT)).containsExactly(3);
		assertThat(member.rest(Duration.ofMillis(500))).isEmpty();
		assertThat(foreign.rest(Duration.ofMillis(100))).isEmpty();
	}

	@Test
	void aMessagePostedOverTheConnectionIsAnsweredAndReachesTheRoomLikeAnyOther() throws Exception {
		LiveClient teacherTab = LiveClient.connect(port, signIn(teacher));
		LiveClient pupilTab = LiveClient.connect(port, signIn(pupil));
		teacherTab.next("rooms", WAIT);
		pupilTab.next("rooms", WAIT);
		teacherTab.send("{\"type\":\"post\",\"ref\":\"t-1\",\"room\":\"" + room + "\",\"body\":\"**Heute** Sport\",\"replyTo\":null}");

		String posted = teacherTab.next("posted", WAIT);
		assertThat(JsonPath.<String>read(posted, "$.ref")).isEqualTo("t-1");
		assertThat(JsonPath.<Integer>read(posted, "$.seq")).isEqualTo(1);
		String seen = pupilTab.next("message", WAIT);
		assertThat(JsonPath.<String>read(seen, "$.body")).isEqualTo("**Heute** Sport");
		assertThat(JsonPath.<String>read(seen, "$.html")).contains("<strong>Heute</strong>");
		assertThat(JsonPath.<String>read(seen, "$.id")).isEqualTo(JsonPath.<String>read(posted, "$.id"));
		assertThat(messages.after(pupil, room, 0, 10)).extracting(ChatMessage::body).containsExactly("**Heute** Sport");
		teacherTab.close();
		pupilTab.close();
	}

	@Test
	void aPostOverTheConnectionIsRefusedLikeOverHttpAndStoresNothing() throws Exception {
		var elsewhere = schools.createSchool("Fremde Post-Schule");
		SchulhausUser stranger = person(elsewhere, "Frida", "Fremd", "TEACHER");
		Group foreignClass = groups.create(elsewhere.id(), "9z", GroupKind.CLASS, null, stranger);
		groups.addMember(elsewhere.id(), foreignClass.id(), stranger.accountId(), true, stranger);
		UUID foreignRoom = awaitRoom(foreignClass.id());
		LiveClient client = LiveClient.connect(port, signIn(pupil));
		client.next("rooms", WAIT);

		client.send("{\"type\":\"post\",\"ref\":\"a\",\"room\":\"" + foreignRoom + "\",\"body\":\"Hallo?\"}");
		String refused = client.next("refused", WAIT);
		assertThat(JsonPath.<Integer>read(refused, "$.status")).isEqualTo(404);
		assertThat(JsonPath.<String>read(refused, "$.title")).isEqualTo("Diesen Raum gibt es nicht.");
		client.send("{\"type\":\"post\",\"ref\":\"b\",\"room\":\"" + UUID.randomUUID() + "\",\"body\":\"Hallo?\"}");
		assertThat(client.next("refused", WAIT)).as("a missing room answers the same").isEqualTo(refused.replace("\"a\"", "\"b\""));

		client.send("{\"type\":\"post\",\"ref\":\"c\",\"room\":\"" + room + "\",\"body\":\"" + "x".repeat(10_001) + "\"}");
		refused = client.next("refused", WAIT);
		assertThat(JsonPath.<Integer>read(refused, "$.status")).isEqualTo(400);
		assertThat(JsonPath.<String>read(refused, "$.title")).contains("10.000");

		jdbc.sql("update chat_room set locked = true where id = :room").param("room", room).update();
		client.send("{\"type\":\"post\",\"ref\":\"d\",\"room\":\"" + room + "\",\"body\":\"Darf ich?\"}");
		refused = client.next("refused", WAIT);
		assertThat(JsonPath.<Integer>read(refused, "$.status")).isEqualTo(403);
		assertThat(JsonPath.<String>read(refused, "$.problem")).isEqualTo("urn:schulhaus:problem:chat:read-only");

		assertThat(jdbc.sql("select count(*) from chat_message where room_id in (:rooms)").param("rooms", List.of(room, foreignRoom))
			.query(Long.class).single()).isZero();
		client.close();
	}

	@Test
	void aConnectionWhoseWebSessionsWereEndedIsClosedAtOnce() throws Exception {
		LiveClient client = live(signIn(pupil));
		LiveClient teachers = live(signIn(teacher));
		// as a new role, a deactivation or a reset second factor does
		sessions.endFor(pupil.login());
		assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
		assertThat(hub.connections(pupil.accountId())).isZero();
		assertThat(hub.connections(teacher.accountId())).isOne();
		teachers.close();
	}

	@Test
	void aSignOutClosesTheLiveConnectionOfThatSessionAtOnceAndNoOther() throws Exception {
		String phone = signIn(pupil);
		LiveClient onPhone = live(phone);
		LiveClient onLaptop = live(signIn(pupil));

		HttpResponse<String> page = http.send(request("/chat").header("Cookie", phone).build(), HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> signedOut = http.send(request("/abmelden").header("Cookie", phone + "; " + cookies(page))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf.group(1)))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).contains("/anmelden?abgemeldet"));

		assertThat(onPhone.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
		stillPosts(onLaptop);
	}

	@Test
	void aSessionThatEndedWhereThisNodeDidNotSeeItClosesItsConnectionAtTheNextCheck() throws Exception {
		String ending = signIn(pupil);
		LiveClient timedOut = live(ending);
		LiveClient open = live(signIn(pupil));
		// as a time-out does (or a sign-out on another node, whose row goes): no event reaches this node
		String sessionId = new String(java.util.Base64.getDecoder().decode(ending.substring(ending.indexOf('=') + 1)), StandardCharsets.UTF_8);
		assertThat(jdbc.sql("update spring_session set expiry_time = 0 where session_id = :id").param("id", sessionId).update()).isOne();

		hub.closeEndedSessions();

		assertThat(timedOut.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
		assertThat(hub.connections(pupil.accountId())).isOne();
		stillPosts(open);
	}

	/** A connection that has had its list of rooms. */
	private LiveClient live(String cookie) throws Exception {
		LiveClient client = LiveClient.connect(port, cookie);
		client.next("rooms", WAIT);
		return client;
	}

	/** The connection is open and takes a post; then it is closed. */
	private void stillPosts(LiveClient client) throws Exception {
		client.send("{\"type\":\"post\",\"ref\":\"noch\",\"room\":\"" + room + "\",\"body\":\"Ich bin noch da\"}");
		assertThat(JsonPath.<String>read(client.next("posted", WAIT), "$.ref")).isEqualTo("noch");
		client.close();
	}

	@Test
	void aDeactivatedPersonsConnectionIsClosed() throws Exception {
		LiveClient client = LiveClient.connect(port, signIn(pupil));
		client.next("rooms", WAIT);
		assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/api/v1/schools/" + school.id() + "/users/" + pupil.accountId() + "/deactivate")
			.header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN).contentType("application/json").content("{}")).andReturn().getResponse().getStatus()).isEqualTo(200);
		assertThat(client.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1008);
		assertThat(hub.connections(pupil.accountId())).isZero();
	}

	@Test
	void malformedFramesCloseTheConnectionWithTheFittingStatus() throws Exception {
		String cookie = signIn(pupil);
		for (String bad : List.of("not json", "{\"type\":\"subscribe\"}", "{\"type\":\"resume\",\"rooms\":[1]}",
				"{\"type\":\"resume\",\"rooms\":{\"" + room + "\":-1}}", "{\"type\":\"resume\",\"rooms\":{\"x\":1}}",
				"{\"type\":\"post\",\"room\":\"" + room + "\",\"body\":\"ohne ref\"}", "{\"type\":\"post\",\"ref\":\"r\",\"room\":\"x\",\"body\":\"\"}")) {
			LiveClient client = LiveClient.connect(port, cookie);
			client.next("rooms", WAIT);
			client.send(bad);
			assertThat(client.closed.get(10, TimeUnit.SECONDS)).as(bad).isEqualTo(1007);
		}
		LiveClient binary = LiveClient.connect(port, cookie);
		binary.next("rooms", WAIT);
		binary.sendBinary(new byte[] { 1, 2, 3 });
		assertThat(binary.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1003);
		await().atMost(WAIT).until(() -> hub.connections(pupil.accountId()) == 0);
	}

	@Test
	void aLongPostArrivesWholeAndAFrameBeyondTheLimitClosesTheConnection() throws Exception {
		LiveClient client = LiveClient.connect(port, signIn(pupil));
		client.next("rooms", WAIT);
		// far longer than the server's buffer for a frame: taken in parts and put together
		String body = "Äpfel und Birnen – ".repeat(500).substring(0, 9_496) + "Ende";
		client.send("{\"type\":\"post\",\"ref\":\"lang\",\"room\":\"" + room + "\",\"body\":\"" + body + "\"}");
		client.next("posted", WAIT);
		assertThat(messages.after(teacher, room, 0, 10)).singleElement().extracting(ChatMessage::body).isEqualTo(body);
		// the connection goes on with short frames afterwards
		client.send("{\"type\":\"post\",\"ref\":\"kurz\",\"room\":\"" + room + "\",\"body\":\"Danke\"}");
		assertThat(JsonPath.<String>read(client.next("posted", WAIT), "$.ref")).isEqualTo("kurz");

		client.send("{\"type\":\"resume\",\"rooms\":{\"" + room + "\":0" + ",\"x\":0".repeat(ChatSocketHandler.MAX_FRAME / 6) + "}}");
		assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
		assertThat(messages.after(teacher, room, 0, 10)).hasSize(2);
	}

	@Test
	void theHandshakeNeedsASignedInPersonAndThisServersOrigin() throws Exception {
		ExecutionException anonymous = handshakeFailure(Optional.empty(), Optional.empty());
		assertThat(((WebSocketHandshakeException) anonymous.getCause()).getResponse().statusCode()).isEqualTo(401);
		String cookie = signIn(pupil);
		ExecutionException crossSite = handshakeFailure(Optional.of(cookie), Optional.of("https://evil.example"));
		assertThat(((WebSocketHandshakeException) crossSite.getCause()).getResponse().statusCode()).isEqualTo(403);
		// the page's own origin (the address the browser reached the server at) is fine
		var own = HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", cookie).header("Origin", "http://127.0.0.1:" + port)
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new LiveClient()).get(10, TimeUnit.SECONDS);
		own.sendClose(1000, "").join();
	}

	@Test
	void aClientThatNeverReadsIsDroppedAndTheOthersGetEverything() throws Exception {
		LiveClient reader = LiveClient.connect(port, signIn(teacher));
		reader.next("rooms", WAIT);
		String cookie = signIn(pupil);
		try (Socket stuck = new Socket()) {
			stuck.setReceiveBufferSize(4096);
			stuck.connect(new InetSocketAddress("127.0.0.1", port));
			OutputStream out = stuck.getOutputStream();
			out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nCookie: " + cookie + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(readHead(stuck.getInputStream())).startsWith("HTTP/1.1 101");
			await().atMost(WAIT).until(() -> hub.connections(pupil.accountId()) == 1);

			// far more than the socket's buffers and the connection's send buffer (512 KiB) hold; the reader
			// keeps up (it is checked every 10 messages), the one who does not read falls behind for good
			String body = "x".repeat(9_000);
			List<Integer> received = new java.util.ArrayList<>();
			for (int i = 0; i < 700; i++) {
				messages.post(teacher, room, body);
				if (i % 10 == 9) {
					received.addAll(reader.messageSeqs(10, WAIT));
				}
			}

			await().atMost(WAIT).until(() -> hub.connections(pupil.accountId()) == 0);
			assertThat(received).isEqualTo(IntStream.rangeClosed(1, 700).boxed().toList());
			assertThat(hub.connections(teacher.accountId())).isEqualTo(1);
		}
	}

	private static String readHead(InputStream in) throws Exception {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.append((char) b);
		}
		return head.toString();
	}

	private ExecutionException handshakeFailure(Optional<String> cookie, Optional<String> origin) {
		var builder = HttpClient.newHttpClient().newWebSocketBuilder();
		cookie.ifPresent(c -> builder.header("Cookie", c));
		origin.ifPresent(o -> builder.header("Origin", o));
		var attempt = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new LiveClient());
		ExecutionException[] failure = new ExecutionException[1];
		assertThatThrownBy(() -> {
			try {
				attempt.get(10, TimeUnit.SECONDS);
			} catch (ExecutionException e) {
				failure[0] = e;
				throw e;
			}
		}).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
		return failure[0];
	}

	private void post(SchulhausUser who, int count) {
		for (int i = 1; i <= count; i++) {
			messages.post(who, room, "Nachricht " + i);
		}
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

	private UUID awaitRoom(UUID groupId) {
		await().atMost(WAIT).until(() -> roomOf(groupId).isPresent());
		return roomOf(groupId).orElseThrow();
	}

	private Optional<UUID> roomOf(UUID groupId) {
		return jdbc.sql("select id from chat_room where group_id = :group").param("group", groupId).query(UUID.class).optional();
	}

	private SchulhausUser person(TestSchools.SchoolRef where, String first, String last, String role) throws Exception {
		return users.load(schools.createUser(where, first, last, role, first.toLowerCase() + "-laterne-quitte-1", null).login()).orElseThrow();
	}
}
