package de.schulhaus.calendar.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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

import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/**
 * GNOME's calendar and contacts stack as a real client: evolution-data-server, the backend of GNOME
 * Calendar, GNOME Contacts and Evolution, in a D-Bus session of its own, driven by a script through its
 * client libraries (PyGObject). It adds the person's calendar and address book with an app password,
 * writes, reads, edits and deletes; the test looks at the server after each step and changes it between
 * steps, as another device of the person would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class EvolutionDataServerTests {

	/** Debian's python3-gi and the GObject typelibs are installed for the system's Python. */
	private static final String PYTHON = "/usr/bin/python3";

	private static final String DBUS_RUN_SESSION = "/usr/bin/dbus-run-session";

	private static final List<String> EDS_SERVICES = List.of("/usr/libexec/evolution-source-registry",
			"/usr/libexec/evolution-calendar-factory", "/usr/libexec/evolution-addressbook-factory");

	private static final String IMPORTS = "import gi; [gi.require_version(n, v) for n, v in (('EDataServer', '1.2'), ('ECal', '2.0'), "
			+ "('EBook', '1.2'), ('EBookContacts', '1.2'), ('ICalGLib', '3.0'))]; from gi.repository import EDataServer, ECal, EBook";

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
		var teacher = t.createUser(t.createSchool("GNOME-Klienten-Schule"), "Greta", "Gnom", "TEACHER", "Kompass-Laterne-Quitte-2026", "9c");
		login = teacher.login();
		secret = credentials.createAppPassword(users.load(login).orElseThrow(), "GNOME-Kalender", Set.of(Scope.CALENDAR), null).secret();
	}

	@Test
	void evolutionDataServerSyncsTheCalendarAndTheAddressBookBothWays() throws Exception {
		requireInstalled();
		Path script = temp.resolve("eds_session.py");
		try (var in = getClass().getResourceAsStream("/eds/eds_session.py")) {
			Files.copy(in, script);
		}
		Path home = Files.createDirectories(temp.resolve("home"));
		var builder = new ProcessBuilder(DBUS_RUN_SESSION, "--", PYTHON, script.toString(), "http://127.0.0.1:" + port, login, secret,
				"server-konferenz@schulhaus", "server-kontakt@schulhaus").redirectErrorStream(true).directory(temp.toFile());
		// a desktop of its own: settings in memory, no keyring or display of the machine's
		var env = builder.environment();
		env.keySet().removeAll(List.of("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"));
		env.put("HOME", home.toString());
		env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
		env.put("XDG_DATA_HOME", home.resolve("data").toString());
		env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
		env.put("GSETTINGS_BACKEND", "memory");
		env.put("GIO_USE_VFS", "local");
		Process process = builder.start();
		var transcript = new StringBuilder();
		// the script stops itself after 150 s; this is for a client that hangs below Python
		var watchdog = CompletableFuture.runAsync(() -> destroy(process), CompletableFuture.delayedExecutor(180, TimeUnit.SECONDS));
		try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				Writer in = process.outputWriter(StandardCharsets.UTF_8)) {
			var session = new Session(out, in, transcript);

			// the calendar is set up: another device adds an event on the server
			session.until("calendar-connected");
			assertThat(transcript).contains("Schulhaus: asks for a password").contains("calendar: connected, writable");
			assertThat(send("PUT", "/caldav/", "persoenlich/server-konferenz.ics",
					CalDavTests.event("server-konferenz@schulhaus", "Zeugniskonferenz", "20261216T140000", "20261216T170000", null))
				.statusCode()).isEqualTo(201);
			session.proceed();

			// GNOME's weekly rehearsal in Berlin time reaches the server with its zone, and is expanded there
			session.until("event-created");
			String rehearsal = body(send("GET", "/caldav/", "persoenlich/eds-chor@schulhaus.ics", null));
			assertThat(rehearsal).contains("PRODID:-//Ximian//NONSGML Evolution Calendar//EN").contains("SUMMARY:Chor-Probe")
				.contains("LOCATION:Musikraum").contains("DTSTART;TZID=Europe/Berlin:20261207T150000").contains("BEGIN:VTIMEZONE")
				.contains("RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO");
			assertThat(eventsBetween("20261221T133000Z", "20261221T143000Z")).containsExactly("eds-chor@schulhaus.ics");
			assertThat(eventsBetween("20270222T000000Z", "20270301T000000Z")).isEmpty();
			session.proceed();

			// the server's event arrived in the client's cache
			session.until("event-read");
			assertThat(transcript).contains("calendar: read from the server: Zeugniskonferenz");
			session.proceed();

			// edited in GNOME: the server has the new title and place
			session.until("event-modified");
			assertThat(body(send("GET", "/caldav/", "persoenlich/server-konferenz.ics", null))).contains("SUMMARY:Zeugniskonferenz (verlegt)")
				.contains("LOCATION:Aula");
			session.proceed();

			// one rehearsal cancelled: an EXDATE, and the server's expansion leaves that Monday out
			session.until("occurrence-removed");
			assertThat(body(send("GET", "/caldav/", "persoenlich/eds-chor@schulhaus.ics", null))).contains("EXDATE:20261221T140000Z")
				.contains("RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO");
			assertThat(eventsBetween("20261221T133000Z", "20261221T143000Z")).isEmpty();
			assertThat(eventsBetween("20261228T133000Z", "20261228T143000Z")).containsExactly("eds-chor@schulhaus.ics");
			session.proceed();

			// deleted in GNOME: gone from the server
			session.until("event-deleted");
			assertThat(send("GET", "/caldav/", "persoenlich/server-konferenz.ics", null).statusCode()).isEqualTo(404);
			assertThat(eventsBetween("20261201T000000Z", "20270101T000000Z")).containsExactly("eds-chor@schulhaus.ics");
			session.proceed();

			// GNOME Contacts' new contact is on the server; another device adds one
			session.until("contact-created");
			assertThat(transcript).contains("Schulhaus-Kontakte: asks for a password").contains("contacts: connected, writable");
			assertThat(body(send("GET", "/carddav/", "kontakte/eds-kontakt@schulhaus.vcf", null))).contains("FN:Erika Elternrat")
				.contains("erika@example.org").contains("+49 170 1234567");
			assertThat(send("PUT", "/carddav/", "kontakte/server-kontakt.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:server-kontakt@schulhaus\r\n"
					+ "FN:Bernd Beirat\r\nN:Beirat;Bernd;;;\r\nEMAIL;TYPE=INTERNET:bernd@example.org\r\nEND:VCARD\r\n").statusCode()).isEqualTo(201);
			session.proceed();

			session.until("contact-read");
			assertThat(transcript).contains("contacts: read from the server: Bernd Beirat");
			session.proceed();

			session.until("contact-modified");
			assertThat(body(send("GET", "/carddav/", "kontakte/server-kontakt.vcf", null))).contains("FN:Bernd Beirat").contains("neu@example.org")
				.doesNotContain("bernd@example.org");
			session.proceed();

			session.until(null);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the session ends").isTrue();
			assertThat(process.exitValue()).as("the script answered:%n%s", transcript).isZero();
			assertThat(transcript).contains("contacts: deleted server-kontakt@schulhaus").contains("\nOK\n");
			assertThat(send("GET", "/carddav/", "kontakte/server-kontakt.vcf", null).statusCode()).isEqualTo(404);
			assertThat(body(send("GET", "/carddav/", "kontakte/eds-kontakt@schulhaus.vcf", null))).contains("FN:Erika Elternrat");
		}
		finally {
			watchdog.cancel(false);
			destroy(process);
		}
	}

	/** The script prints "STEP name" and waits for a line; the test reads up to that line, looks, and lets it go on. */
	private record Session(BufferedReader out, Writer in, StringBuilder transcript) {

		/** Reads up to the step (or to the end with {@code null}), failing with what the client said if it ends first. */
		void until(String step) throws IOException {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				if (line.equals("STEP " + step)) {
					return;
				}
				transcript.append(line).append('\n');
			}
			if (step != null) {
				fail("evolution-data-server's session ended before step %s:%n%s", step, transcript);
			}
		}

		void proceed() throws IOException {
			in.write("\n");
			in.flush();
		}
	}

	private static void destroy(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	/** The names of the personal calendar's events with an instance in the span, by a CalDAV calendar-query. */
	private List<String> eventsBetween(String start, String end) throws Exception {
		var answer = send("REPORT", "/caldav/", "persoenlich/", """
				<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
				  <D:prop><D:getetag/></D:prop>
				  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
				    <C:time-range start="%s" end="%s"/>
				  </C:comp-filter></C:comp-filter></C:filter>
				</C:calendar-query>""".formatted(start, end));
		assertThat(answer.statusCode()).isEqualTo(207);
		return java.util.regex.Pattern.compile("persoenlich/([^<]+\\.ics)</D:href>").matcher(body(answer)).results().map(m -> m.group(1)).toList();
	}

	private HttpResponse<byte[]> send(String method, String root, String path, String body) throws Exception {
		String basic = login + ":" + secret;
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + root + login + "/" + path))
			.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", body.startsWith("BEGIN:VCARD") ? "text/vcard; charset=utf-8"
					: body.startsWith("BEGIN:") ? "text/calendar; charset=utf-8" : "application/xml; charset=utf-8");
		}
		return HttpClient.newHttpClient().send(request.header("Depth", "1").build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String body(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	/**
	 * evolution-data-server, its GObject bindings and a D-Bus session bus must be installed on CI ({@code .ci/run}
	 * installs them); elsewhere the test is skipped without them.
	 */
	private static void requireInstalled() throws Exception {
		boolean installed = new File(PYTHON).canExecute() && new File(DBUS_RUN_SESSION).canExecute()
				&& EDS_SERVICES.stream().allMatch(service -> new File(service).canExecute());
		if (installed) {
			installed = new ProcessBuilder(PYTHON, "-c", IMPORTS).redirectErrorStream(true).start().waitFor() == 0;
		}
		if ("true".equals(System.getenv("CI"))) {
			assertThat(installed).as("evolution-data-server, its typelibs and dbus are installed on CI (.ci/run)").isTrue();
		}
		assumeTrue(installed, "evolution-data-server is not installed");
	}
}
