package de.schulhaus.calendar.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/**
 * Thunderbird as a real CalDAV client: headless, with a profile that subscribes the person's calendar
 * (the app password in the address, which Thunderbird uses without asking), run until it has synced.
 * A recording proxy in front of the server shows what Thunderbird asked and got; its offline cache
 * (the profile's {@code calendar-data/cache.sqlite}) must then hold the server's event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ThunderbirdTests {

	private static final String THUNDERBIRD = "/usr/bin/thunderbird";

	/** Reads Thunderbird's cache with the system Python's sqlite3 module. */
	private static final String PYTHON = "/usr/bin/python3";

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@TempDir
	Path temp;

	String login;
	String secret;

	@BeforeEach
	void teacherWithCalendarPassword() throws Exception {
		var t = new TestSchools(mvc);
		var teacher = t.createUser(t.createSchool("Thunderbird-Schule"), "Theo", "Donner", "TEACHER", "Kompass-Laterne-Quitte-2026", "9c");
		login = teacher.login();
		secret = credentials.createAppPassword(users.load(login).orElseThrow(), "Thunderbird", Set.of(Scope.CALENDAR), null).secret();
	}

	@Test
	void thunderbirdSyncsTheServersEventsIntoItsCache() throws Exception {
		requireInstalled();
		assertThat(send("PUT", "persoenlich/konferenz.ics",
				CalDavTests.event("tb-konferenz@schulhaus", "Zeugniskonferenz", "20261216T140000", "20261216T170000", "FREQ=YEARLY;COUNT=3"))
			.statusCode()).isEqualTo(201);

		List<Exchange> seen = new CopyOnWriteArrayList<>();
		HttpServer proxy = recordingProxy(seen);
		Path profile = Files.createDirectories(temp.resolve("profile"));
		String user = URLEncoder.encode(login, StandardCharsets.UTF_8);
		String calendar = "http://" + user + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "@127.0.0.1:" + proxy.getAddress().getPort()
				+ "/caldav/" + login + "/persoenlich/";
		Files.writeString(profile.resolve("user.js"), String.join("\n",
				pref("calendar.registry.schulhaus.type", "\"caldav\""), pref("calendar.registry.schulhaus.uri", "\"" + calendar + "\""),
				pref("calendar.registry.schulhaus.name", "\"Schulhaus\""), pref("calendar.registry.schulhaus.username", "\"" + login + "\""),
				pref("calendar.registry.schulhaus.cache.enabled", "true"), pref("calendar.list.sortOrder", "\"schulhaus\""),
				// nothing else of a first start: no default-client question, no update check, no account wizard
				pref("mail.shell.checkDefaultClient", "false"), pref("app.update.disabledForTesting", "true"),
				pref("mail.provider.suppress_dialog_on_startup", "true"), pref("mailnews.start_page.enabled", "false"), ""));
		var builder = new ProcessBuilder(THUNDERBIRD, "--headless", "--no-remote", "-profile", profile.toString()).redirectErrorStream(true)
			.redirectOutput(temp.resolve("thunderbird.log").toFile()).directory(temp.toFile());
		builder.environment().keySet().removeAll(List.of("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"));
		builder.environment().put("HOME", Files.createDirectories(temp.resolve("home")).toString());
		builder.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
		Process thunderbird = builder.start();
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
			while (seen.stream().noneMatch(e -> e.status() == 207 && e.body().contains("UID:tb-konferenz@schulhaus")) && System.nanoTime() < deadline
					&& thunderbird.isAlive()) {
				Thread.sleep(200);
			}
			// a moment to write what it got into its cache, then the ordinary end (SIGTERM)
			Thread.sleep(3000);
		}
		finally {
			thunderbird.destroy();
			if (!thunderbird.waitFor(15, TimeUnit.SECONDS)) {
				thunderbird.descendants().forEach(ProcessHandle::destroyForcibly);
				thunderbird.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
			proxy.stop(0);
		}
		String log = Files.readString(temp.resolve("thunderbird.log"));
		assertThat(seen).as("Thunderbird's requests; its log:%n%s", log).isNotEmpty()
			.allSatisfy(e -> assertThat(e.userAgent()).contains("Thunderbird/"));
		// the calendar's own requests all succeed (401 is the challenge before Thunderbird sends the address's password);
		// Thunderbird's look at the principal for scheduling may fail without harm to the calendar, but never with a 5xx
		String calendarPath = "/caldav/" + login + "/persoenlich/";
		assertThat(seen).as("answers to Thunderbird: %s", seen.stream().map(e -> e.method() + " " + e.path() + " " + e.status()).toList())
			.noneMatch(e -> e.status() >= 500)
			.filteredOn(e -> URI.create(e.path()).getPath().startsWith(calendarPath)).allMatch(e -> e.status() < 300 || e.status() == 401)
			.anyMatch(e -> e.method().equals("REPORT") && e.status() == 207 && e.body().contains("UID:tb-konferenz@schulhaus"));

		var cache = new ProcessBuilder(PYTHON, "-c", "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); "
				+ "print([(r[0], r[1]) for r in db.execute('select id, title from cal_events where cal_id = ?', ('schulhaus',))])",
				profile.resolve("calendar-data/cache.sqlite").toString()).redirectErrorStream(true).start();
		String cached = new String(cache.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(cache.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(cached).as("Thunderbird's cache").isEqualTo("[('tb-konferenz@schulhaus', 'Zeugniskonferenz')]\n");
	}

	/** One request Thunderbird made through the proxy (its path as sent, not decoded) and the server's answer. */
	private record Exchange(String method, String path, String userAgent, int status, String body) {
	}

	/** A reverse proxy on a free port that passes everything to the application and keeps a record of it. */
	private HttpServer recordingProxy(List<Exchange> seen) throws IOException {
		var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		var hopByHop = Set.of("host", "connection", "content-length", "expect", "upgrade", "keep-alive", "transfer-encoding", "te", "trailer");
		HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		proxy.createContext("/", (HttpExchange exchange) -> {
			try (exchange) {
				byte[] body = exchange.getRequestBody().readAllBytes();
				var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + exchange.getRequestURI()))
					.timeout(Duration.ofSeconds(30))
					.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
				exchange.getRequestHeaders().forEach((name, values) -> {
					if (!hopByHop.contains(name.toLowerCase(Locale.ROOT))) {
						values.forEach(value -> request.header(name, value));
					}
				});
				HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
				answer.headers().map().forEach((name, values) -> {
					if (!hopByHop.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
						exchange.getResponseHeaders().put(name, values);
					}
				});
				seen.add(new Exchange(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
						String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")), answer.statusCode(),
						new String(answer.body(), StandardCharsets.UTF_8)));
				boolean empty = answer.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
				exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : answer.body().length);
				if (!empty) {
					exchange.getResponseBody().write(answer.body());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		proxy.start();
		return proxy;
	}

	private static String pref(String name, String value) {
		return "user_pref(\"" + name + "\", " + value + ");";
	}

	private HttpResponse<byte[]> send(String method, String path, String body) throws Exception {
		String basic = login + ":" + secret;
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/caldav/" + login + "/" + path))
			.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "text/calendar; charset=utf-8").method(method, HttpRequest.BodyPublishers.ofString(body));
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Thunderbird must be installed on CI ({@code .ci/run} installs it); elsewhere the test is skipped without it. */
	private static void requireInstalled() {
		boolean installed = new File(THUNDERBIRD).canExecute() && new File(PYTHON).canExecute();
		if ("true".equals(System.getenv("CI"))) {
			assertThat(installed).as(THUNDERBIRD + " is installed on CI (.ci/run)").isTrue();
		}
		assumeTrue(installed, THUNDERBIRD + " is not installed");
	}
}
