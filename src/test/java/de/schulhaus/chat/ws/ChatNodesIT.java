package de.schulhaus.chat.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.SchulhausApplication;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.internal.ChatMessages;
import de.schulhaus.platform.SchulhausUser;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Two nodes of the platform on this machine's PostgreSQL (a database of this run's own) and Redis (a
 * channel of this run's own): a message posted over the API of one node reaches a person connected to
 * the other, room changes follow the person to the other node, a client that comes back on the other
 * node catches up exactly, and what a node missed while its subscription was down is filled from the
 * database. Needs PostgreSQL (user postgres, trust) on 127.0.0.1:5432 and Redis on 127.0.0.1:6379: it
 * skips without them, except on CI, where it fails.
 */
class ChatNodesIT {

	private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
	private static final String REDIS = "redis://127.0.0.1:6379";
	private static final Duration WAIT = Duration.ofSeconds(20);
	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
	private static final Pattern META_HEADER = Pattern.compile("<meta name=\"csrf-header\" content=\"([^\"]+)\"");

	private final String run = "chatnodes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	private final String prefix = "schulhaus-test:" + run + ":";
	private ConfigurableApplicationContext node1;
	private ConfigurableApplicationContext node2;
	private boolean databaseCreated;

	@Test
	void aMessagePostedOnOneNodeReachesAClientOfTheOtherAndAResumeOnTheOtherNodeMissesNothing() throws Exception {
		assumeServices();
		try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "")) {
			admin.createStatement().execute("CREATE DATABASE " + run);
			databaseCreated = true;
		}
		// one after the other: the first migrates the new database
		node1 = start();
		node2 = start();
		int port1 = port(node1);
		int port2 = port(node2);

		TestSchools schools = new TestSchools(MockMvcBuilders.webAppContextSetup((WebApplicationContext) node1).apply(springSecurity()).build());
		TestSchools.SchoolRef school = schools.createSchool("Zwei-Knoten-Schule");
		AccountUserDetailsService users = node1.getBean(AccountUserDetailsService.class);
		GroupManagement groups = node1.getBean(GroupManagement.class);
		SchulhausUser admin = person(schools, users, school, "Ada", "Admin", "SCHOOL_ADMIN").withTwoFactor(true);
		SchulhausUser teacher = person(schools, users, school, "Tina", "Tafel", "TEACHER");
		SchulhausUser pupil = person(schools, users, school, "Paul", "Pult", "PUPIL");
		SchulhausUser newcomer = person(schools, users, school, "Nora", "Neu", "PUPIL");
		Group classA = groups.create(school.id(), "5a", GroupKind.CLASS, null, admin);
		groups.addMember(school.id(), classA.id(), teacher.accountId(), true, admin);
		groups.addMember(school.id(), classA.id(), pupil.accountId(), false, admin);
		UUID room = awaitRoom(node1, classA.id());

		// A (the teacher) on node 1, B (the pupil) on node 2; one browser each, whose session works on both nodes
		Browser teacherBrowser = new Browser();
		Browser pupilBrowser = new Browser();
		Browser newcomerBrowser = new Browser();
		LiveClient a = LiveClient.connect(port1, teacherBrowser.signIn(port1, teacher));
		LiveClient b = LiveClient.connect(port2, pupilBrowser.signIn(port2, pupil));
		assertThat(JsonPath.<Map<String, Integer>>read(a.next("rooms", WAIT), "$.rooms")).containsEntry(room.toString(), 0);
		assertThat(JsonPath.<Map<String, Integer>>read(b.next("rooms", WAIT), "$.rooms")).containsEntry(room.toString(), 0);

		teacherBrowser.post(port1, room, "Morgen Wandertag");
		String arrived = b.next("message", WAIT);
		assertThat(JsonPath.<Integer>read(arrived, "$.seq")).isEqualTo(1);
		assertThat(JsonPath.<String>read(arrived, "$.body")).isEqualTo("Morgen Wandertag");
		assertThat(JsonPath.<String>read(arrived, "$.authorName")).isEqualTo("Tina Tafel");
		assertThat(a.messageSeqs(1, WAIT)).containsExactly(1);

		// and back: B answers over node 2's API, A on node 1 gets it
		pupilBrowser.post(port2, room, "Bringen wir Brote mit?");
		assertThat(JsonPath.<String>read(a.next("message", WAIT), "$.body")).isEqualTo("Bringen wir Brote mit?");
		assertThat(b.messageSeqs(1, WAIT)).containsExactly(2);

		// a change of the roster made on node 1 reaches her connection on node 2: the room comes, live from seq 2
		LiveClient c = LiveClient.connect(port2, newcomerBrowser.signIn(port2, newcomer));
		assertThat(JsonPath.<Map<String, Integer>>read(c.next("rooms", WAIT), "$.rooms")).isEmpty();
		groups.addMember(school.id(), classA.id(), newcomer.accountId(), false, admin);
		assertThat(JsonPath.<Map<String, Integer>>read(c.next("rooms", WAIT), "$.rooms")).containsEntry(room.toString(), 2);
		teacherBrowser.post(port1, room, "Willkommen, Nora");
		assertThat(c.messageSeqs(1, WAIT)).containsExactly(3);
		assertThat(b.messageSeqs(1, WAIT)).containsExactly(3);
		assertThat(a.messageSeqs(1, WAIT)).containsExactly(3);

		// B goes offline on node 2; 50 messages are posted on node 1; B comes back on node 1 and resumes
		b.close();
		ChatMessages messages1 = node1.getBean(ChatMessages.class);
		for (int i = 1; i <= 50; i++) {
			messages1.post(teacher, room, "Nachricht " + i);
		}
		LiveClient back = LiveClient.connect(port1, pupilBrowser.session());
		back.next("rooms", WAIT);
		back.send("{\"type\":\"resume\",\"rooms\":{\"" + room + "\":3}}");
		assertThat(back.messageSeqs(50, WAIT)).isEqualTo(IntStream.rangeClosed(4, 53).boxed().toList());
		assertThat(JsonPath.<Map<String, Integer>>read(back.next("resumed", WAIT), "$.rooms")).containsEntry(room.toString(), 53);
		// and what is posted on node 2 now reaches B on node 1
		pupilBrowser.post(port2, room, "Wieder da");
		assertThat(back.messageSeqs(1, WAIT)).containsExactly(54);

		// node 2 loses its subscription for a while: what was announced meanwhile is taken from the database
		RedisMessageListenerContainer subscription2 = node2.getBean(RedisMessageListenerContainer.class);
		assertThat(c.messageSeqs(51, WAIT)).isEqualTo(IntStream.rangeClosed(4, 54).boxed().toList());
		subscription2.stop();
		for (int i = 1; i <= 3; i++) {
			messages1.post(teacher, room, "Während der Pause " + i);
		}
		assertThat(c.rest(Duration.ofMillis(500))).noneMatch(f -> f.contains("\"message\""));
		subscription2.start();
		assertThat(c.messageSeqs(3, WAIT)).containsExactly(55, 56, 57);

		assertThat(c.rest(Duration.ofMillis(700))).noneMatch(f -> f.contains("\"message\""));
		assertThat(back.messageSeqs(3, WAIT)).containsExactly(55, 56, 57);
		assertThat(a.messageSeqs(54, WAIT)).isEqualTo(IntStream.rangeClosed(4, 57).boxed().toList());
		assertThat(a.rest(Duration.ofMillis(300))).noneMatch(f -> f.contains("\"message\""));

		// an edit made on node 1 reaches the clients of both nodes as the message in its new state, under the room's next seq
		de.schulhaus.chat.internal.ChatMessage first = messages1.before(teacher, room, 2L, 1).get(0);
		node1.getBean(de.schulhaus.chat.internal.MessageChanges.class).edit(teacher, first.id(), "Übermorgen Wandertag");
		for (LiveClient client : List.of(c, back, a)) {
			String edited = client.next("message", WAIT);
			assertThat(JsonPath.<Integer>read(edited, "$.seq")).isEqualTo(1);
			assertThat(JsonPath.<Integer>read(edited, "$.changedSeq")).isEqualTo(58);
			assertThat(JsonPath.<String>read(edited, "$.body")).isEqualTo("Übermorgen Wandertag");
		}
		// typing on node 1 is shown on node 2; search runs on PostgreSQL as on H2
		back.send("{\"type\":\"typing\",\"room\":\"" + room + "\"}");
		assertThat(JsonPath.<String>read(c.next("typing", WAIT), "$.name")).isEqualTo("Paul Pult");
		assertThat(node2.getBean(de.schulhaus.chat.internal.MessageSearch.class).search(pupil, "ÜBERMORGEN", 10))
			.extracting(hit -> hit.message().seq()).containsExactly(1L);
		assertThat(node2.getBean(de.schulhaus.chat.internal.MessageSearch.class).search(pupil, "100%", 10)).isEmpty();
		a.close();
		back.close();
		c.close();
	}

	@AfterEach
	void dropEverything() throws Exception {
		for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { node2, node1 }) {
			if (node != null) {
				node.close();
			}
		}
		if (databaseCreated) {
			try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "")) {
				admin.createStatement().execute("DROP DATABASE IF EXISTS " + run + " WITH (FORCE)");
			}
		}
		// pub/sub keeps nothing, but whatever this run left under its prefix goes
		RedisClient redis = RedisClient.create(REDIS);
		try (StatefulRedisConnection<String, String> connection = redis.connect()) {
			ScanCursor cursor = ScanCursor.INITIAL;
			do {
				KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
				if (!page.getKeys().isEmpty()) {
					connection.sync().del(page.getKeys().toArray(String[]::new));
				}
				cursor = page;
			} while (!cursor.isFinished());
		} catch (RuntimeException e) {
			// Redis was never there (the test skipped)
		} finally {
			redis.shutdown();
		}
	}

	private static void assumeServices() {
		boolean ci = "true".equals(System.getenv("CI"));
		boolean postgres;
		try (Connection probe = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "")) {
			postgres = probe.isValid(5);
		} catch (Exception e) {
			postgres = false;
		}
		boolean redis;
		RedisClient client = RedisClient.create(REDIS);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			redis = "PONG".equals(connection.sync().ping());
		} catch (RuntimeException e) {
			redis = false;
		} finally {
			client.shutdown();
		}
		if (ci) {
			assertThat(postgres).as("PostgreSQL on 127.0.0.1:5432").isTrue();
			assertThat(redis).as("Redis on 127.0.0.1:6379").isTrue();
		}
		assumeTrue(postgres && redis, "needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379");
	}

	private ConfigurableApplicationContext start() {
		// arguments, not default properties: those would lose against the test profile's own database
		return new SpringApplicationBuilder(SchulhausApplication.class).profiles("test")
			.run("--spring.datasource.url=" + POSTGRES + run, "--spring.datasource.username=postgres", "--spring.datasource.password=",
					"--server.port=0", "--schulhaus.chat.redis-url=" + REDIS, "--schulhaus.chat.redis-channel=" + prefix + "chat");
	}

	private static int port(ConfigurableApplicationContext node) {
		return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
	}

	private static UUID awaitRoom(ConfigurableApplicationContext node, UUID groupId) {
		JdbcClient jdbc = node.getBean(JdbcClient.class);
		await().atMost(WAIT).until(() -> roomOf(jdbc, groupId).isPresent());
		return roomOf(jdbc, groupId).orElseThrow();
	}

	private static Optional<UUID> roomOf(JdbcClient jdbc, UUID groupId) {
		return jdbc.sql("select id from chat_room where group_id = :group").param("group", groupId).query(UUID.class).optional();
	}

	private static SchulhausUser person(TestSchools schools, AccountUserDetailsService users, TestSchools.SchoolRef where, String first,
			String last, String role) throws Exception {
		return users.load(schools.createUser(where, first, last, role, password(first), null).login()).orElseThrow();
	}

	private static String password(String first) {
		return first.toLowerCase() + "-laterne-quitte-1";
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	/** One person's browser: its cookies go to either node (one host), as behind a load balancer. */
	private static final class Browser {

		private final CookieManager cookies = new CookieManager();
		private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

		/** Signs in through the form; answers the session cookie. */
		String signIn(int port, SchulhausUser who) throws Exception {
			HttpResponse<String> page = http.send(request(port, "/anmelden").build(), HttpResponse.BodyHandlers.ofString());
			Matcher csrf = CSRF.matcher(page.body());
			assertThat(csrf.find()).isTrue();
			String form = "login=" + enc(who.login()) + "&password=" + enc(password(who.displayName().split(" ")[0])) + "&_csrf=" + enc(csrf.group(1));
			HttpResponse<String> signedIn = http.send(request(port, "/anmelden").header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(signedIn.statusCode()).isEqualTo(302);
			return session();
		}

		String session() {
			return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("SCHULHAUS_SESSION"))
				.map(HttpCookie::toString).collect(Collectors.joining("; "));
		}

		/** Posts as the page's script does: the CSRF token from the page's meta tags, JSON body. */
		void post(int port, UUID room, String text) throws Exception {
			String page = http.send(request(port, "/").build(), HttpResponse.BodyHandlers.ofString()).body();
			Matcher token = META_TOKEN.matcher(page);
			Matcher header = META_HEADER.matcher(page);
			assertThat(token.find() && header.find()).as("the page names its CSRF token").isTrue();
			HttpResponse<String> posted = http.send(request(port, "/api/v1/chat/rooms/" + room + "/messages").header(header.group(1), token.group(1))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"" + text + "\"}")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
		}

		private static HttpRequest.Builder request(int port, String path) {
			return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		}
	}
}
