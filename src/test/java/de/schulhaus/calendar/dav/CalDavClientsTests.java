package de.schulhaus.calendar.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
 * Real CalDAV clients against the application on a real port: Python's caldav library runs a scripted
 * session, vdirsyncer syncs a calendar both ways with a folder of .ics files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class CalDavClientsTests {

	/** Debian's python3-caldav is installed for the system's Python, which need not be the first on the PATH. */
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
		var teacher = t.createUser(t.createSchool("Kalender-Klienten-Schule"), "Clara", "Chor", "TEACHER", "Kompass-Laterne-Quitte-2026", "9c");
		login = teacher.login();
		secret = credentials.createAppPassword(users.load(login).orElseThrow(), "Kalender-Programm", Set.of(Scope.CALENDAR), null).secret();
	}

	@Test
	void pythonCaldavRunsAScriptedSession() throws Exception {
		requireInstalled(PYTHON, "import caldav");
		Path script = temp.resolve("caldav_session.py");
		try (var in = getClass().getResourceAsStream("/caldav/caldav_session.py")) {
			Files.copy(in, script);
		}
		String out = run(List.of(PYTHON, script.toString(), "http://127.0.0.1:" + port + "/caldav/", login, secret), null);
		assertThat(out).contains("calendars: 9c, Klausurplan 9c, Persönlich, Schule").contains("found in week 51: 1").contains("found in March 2027: 0")
			.contains("events in personal: 1").endsWith("OK\n");
		// what the script left, as any other client sees it
		String personal = propfind("persoenlich/");
		assertThat(personal).contains(".ics");
		String made = propfind("python/");
		assertThat(made).contains("Python-Kalender").doesNotContain(".ics</D:href>");
	}

	@Test
	void pythonCaldavInvitesAndAsksTheOutboxForFreeBusy() throws Exception {
		requireInstalled(PYTHON, "import caldav");
		var t = new TestSchools(mvc);
		var school = t.createSchool("Einladungs-Klienten-Schule");
		var organizer = t.createUser(school, "Otto", "Orga", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var invitee = t.createUser(school, "Ina", "Vite", "TEACHER", "Kompass-Laterne-Quitte-2027", null);
		String organizerSecret = credentials.createAppPassword(users.load(organizer.login()).orElseThrow(), "Kalender", Set.of(Scope.CALENDAR), null).secret();
		Path script = temp.resolve("caldav_scheduling.py");
		try (var in = getClass().getResourceAsStream("/caldav/caldav_scheduling.py")) {
			Files.copy(in, script);
		}
		String out = run(List.of(PYTHON, script.toString(), "http://127.0.0.1:" + port + "/caldav/", organizer.login(), organizerSecret,
				"mailto:" + invitee.login()), null);
		assertThat(out).contains("inbox: http://127.0.0.1:" + port + "/caldav/" + organizer.login() + "/inbox/").contains("invited")
			.contains("status: 200").contains("2.0;Success").contains("FREEBUSY:20261203T100000Z/20261203T110000Z").endsWith("OK\n");
		// the invitation is in the invitee's calendar, as their own client reads it
		login = invitee.login();
		secret = credentials.createAppPassword(users.load(login).orElseThrow(), "Kalender", Set.of(Scope.CALENDAR), null).secret();
		assertThat(body(send("GET", "persoenlich/py-invite-1.ics", null))).contains("SUMMARY:Fachkonferenz").contains("PARTSTAT=NEEDS-ACTION");
	}

	@Test
	void vdirsyncerSyncsACalendarBothWays() throws Exception {
		requireInstalled("/usr/bin/vdirsyncer", null);
		String serverEvent = CalDavTests.event("server@schulhaus", "Zeugniskonferenz", "20261216T140000", "20261216T170000", null);
		assertThat(send("PUT", "persoenlich/server.ics", serverEvent).statusCode()).isEqualTo(201);

		Path local = Files.createDirectories(temp.resolve("kalender"));
		Path config = temp.resolve("config");
		Files.writeString(config, """
				[general]
				status_path = "%s"

				[pair schule]
				a = "server"
				b = "local"
				collections = ["persoenlich"]
				conflict_resolution = "a wins"

				[storage server]
				type = "caldav"
				url = "http://127.0.0.1:%d/caldav/"
				username = "%s"
				password = "%s"

				[storage local]
				type = "filesystem"
				path = "%s"
				fileext = ".ics"
				""".formatted(temp.resolve("status"), port, login, secret, local));
		run(List.of("/usr/bin/vdirsyncer", "-c", config.toString(), "discover"), "y\ny\n");
		run(List.of("/usr/bin/vdirsyncer", "-c", config.toString(), "sync"), null);
		Path folder = local.resolve("persoenlich");
		List<Path> files = list(folder);
		assertThat(files).hasSize(1);
		assertThat(Files.readString(files.get(0))).contains("Zeugniskonferenz");

		// edited and added locally, synced: the server has both
		Files.writeString(files.get(0), Files.readString(files.get(0)).replace("Zeugniskonferenz", "Zeugniskonferenz (Raum 104)"));
		String localEvent = CalDavTests.event("local@schulhaus", "Fachschaft Musik", "20261217T150000", "20261217T163000", null);
		Files.writeString(folder.resolve("local@schulhaus.ics"), localEvent);
		run(List.of("/usr/bin/vdirsyncer", "-c", config.toString(), "sync"), null);
		assertThat(body(send("GET", "persoenlich/server.ics", null))).contains("Zeugniskonferenz (Raum 104)");
		List<String> names = java.util.regex.Pattern.compile("persoenlich/([^<]+\\.ics)</D:href>").matcher(propfind("persoenlich/")).results()
			.map(m -> m.group(1)).toList();
		assertThat(names).hasSize(2).contains("server.ics");
		String name = names.stream().filter(n -> !n.equals("server.ics")).findFirst().orElseThrow();
		assertThat(body(send("GET", "persoenlich/" + name, null))).contains("Fachschaft Musik");

		// deleted on the server, synced: gone locally too
		assertThat(send("DELETE", "persoenlich/" + name, null).statusCode()).isEqualTo(204);
		run(List.of("/usr/bin/vdirsyncer", "-c", config.toString(), "sync"), null);
		assertThat(list(folder)).hasSize(1);
	}

	private static List<Path> list(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(p -> p.toString().endsWith(".ics")).toList();
		}
	}

	private String run(List<String> command, String input) throws Exception {
		Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
			.directory(temp.toFile()).start();
		if (input != null) {
			process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
		}
		process.getOutputStream().close();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s ends", command.get(0)).isTrue();
		assertThat(process.exitValue()).as("%s answered:%n%s", String.join(" ", command), out).isZero();
		return out;
	}

	private HttpResponse<byte[]> send(String method, String path, String body) throws Exception {
		String basic = login + ":" + secret;
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/caldav/" + login + "/" + path))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "text/calendar; charset=utf-8");
		}
		return HttpClient.newHttpClient().send(request.header("Depth", "1").build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private String propfind(String path) throws Exception {
		var answer = send("PROPFIND", path, null);
		assertThat(answer.statusCode()).isEqualTo(207);
		return body(answer);
	}

	private static String body(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	/** The client must be installed on CI ({@code .ci/run} installs it); elsewhere the test is skipped without it. */
	private static void requireInstalled(String program, String pythonImport) throws Exception {
		boolean installed = new File(program).canExecute();
		if (installed && pythonImport != null) {
			installed = new ProcessBuilder(program, "-c", pythonImport).start().waitFor() == 0;
		}
		if ("true".equals(System.getenv("CI"))) {
			assertThat(installed).as(program + " is installed on CI (.ci/run)").isTrue();
		}
		assumeTrue(installed, program + " is not installed");
	}
}
