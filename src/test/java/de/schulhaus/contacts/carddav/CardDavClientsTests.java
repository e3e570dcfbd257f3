package de.schulhaus.contacts.carddav;

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
 * A real CardDAV client against the application on a real port: vdirsyncer syncs the personal address
 * book both ways with a folder of .vcf files, and reads the school's directory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class CardDavClientsTests {

	private static final String VDIRSYNCER = "/usr/bin/vdirsyncer";

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
	String classmate;

	@BeforeEach
	void pupilWithCalendarPassword() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Adressbuch-Klienten-Schule");
		var pupil = t.createUser(school, "Clara", "Chor", "PUPIL", "Kompass-Laterne-Quitte-2026", "9c");
		classmate = t.createUser(school, "Bruno", "Bass", "PUPIL", "Kompass-Laterne-Quitte-2027", "9c").login();
		t.createUser(school, "Fritz", "Fremd", "PUPIL", "Kompass-Laterne-Quitte-2028", "5a");
		login = pupil.login();
		secret = credentials.createAppPassword(users.load(login).orElseThrow(), "Adressbuch-Programm", Set.of(Scope.CALENDAR), null).secret();
	}

	@Test
	void vdirsyncerSyncsThePersonalAddressBookBothWaysAndReadsTheDirectory() throws Exception {
		requireInstalled();
		assertThat(send("PUT", "kontakte/server.vcf", CardDavTests.vcard3("server@schulhaus", "Erna", "Ehrenamt", "erna@example.org")).statusCode())
			.isEqualTo(201);

		Path local = Files.createDirectories(temp.resolve("kontakte"));
		Path directory = Files.createDirectories(temp.resolve("schule"));
		Path config = temp.resolve("config");
		Files.writeString(config, """
				[general]
				status_path = "%1$s"

				[pair kontakte]
				a = "server"
				b = "local"
				collections = ["kontakte"]
				conflict_resolution = "a wins"

				[pair schule]
				a = "directory"
				b = "directory_local"
				collections = ["schule"]

				[storage server]
				type = "carddav"
				url = "http://127.0.0.1:%2$d/carddav/"
				username = "%3$s"
				password = "%4$s"

				[storage directory]
				type = "carddav"
				url = "http://127.0.0.1:%2$d/carddav/"
				username = "%3$s"
				password = "%4$s"
				read_only = true

				[storage local]
				type = "filesystem"
				path = "%5$s"
				fileext = ".vcf"

				[storage directory_local]
				type = "filesystem"
				path = "%6$s"
				fileext = ".vcf"
				""".formatted(temp.resolve("status"), port, login, secret, local, directory));
		run(List.of(VDIRSYNCER, "-c", config.toString(), "discover"), "y\ny\ny\ny\n");
		run(List.of(VDIRSYNCER, "-c", config.toString(), "sync"), null);
		Path folder = local.resolve("kontakte");
		List<Path> files = list(folder);
		assertThat(files).hasSize(1);
		assertThat(Files.readString(files.get(0))).contains("FN:Erna Ehrenamt");

		// the directory: the pupil, the classmate and the class, not the other class's pupil
		String people = String.join("\n", list(directory.resolve("schule")).stream().map(CardDavClientsTests::read).toList());
		assertThat(people).contains("FN:Clara Chor").contains(classmate).contains("X-ADDRESSBOOKSERVER-KIND:group").contains("FN:9c")
			.doesNotContain("Fritz Fremd");

		// edited and added locally, synced: the server has both
		Files.writeString(files.get(0), Files.readString(files.get(0)).replace("erna@example.org", "erna.ehrenamt@example.org"));
		Files.writeString(folder.resolve("local@schulhaus.vcf"), CardDavTests.vcard4("local@schulhaus", "Trainer Tom", "Tommi"));
		run(List.of(VDIRSYNCER, "-c", config.toString(), "sync"), null);
		assertThat(body(send("GET", "kontakte/server.vcf", null))).contains("erna.ehrenamt@example.org");
		List<String> names = java.util.regex.Pattern.compile("kontakte/([^<]+\\.vcf)</D:href>").matcher(propfind("kontakte/")).results()
			.map(m -> m.group(1)).toList();
		assertThat(names).hasSize(2).contains("server.vcf");
		String name = names.stream().filter(n -> !n.equals("server.vcf")).findFirst().orElseThrow();
		assertThat(body(send("GET", "kontakte/" + name, null))).contains("FN:Trainer Tom").contains("NICKNAME:Tommi");

		// deleted on the server, synced: gone locally too
		assertThat(send("DELETE", "kontakte/" + name, null).statusCode()).isEqualTo(204);
		run(List.of(VDIRSYNCER, "-c", config.toString(), "sync"), null);
		assertThat(list(folder)).hasSize(1);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static List<Path> list(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(p -> p.toString().endsWith(".vcf")).toList();
		}
	}

	private String run(List<String> command, String input) throws Exception {
		Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).directory(temp.toFile()).start();
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
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/carddav/" + login + "/" + path))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "text/vcard; charset=utf-8");
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

	/** vdirsyncer must be installed on CI ({@code .ci/run} installs it); elsewhere the test is skipped without it. */
	private static void requireInstalled() {
		boolean installed = new File(VDIRSYNCER).canExecute();
		if ("true".equals(System.getenv("CI"))) {
			assertThat(installed).as(VDIRSYNCER + " is installed on CI (.ci/run)").isTrue();
		}
		assumeTrue(installed, VDIRSYNCER + " is not installed");
	}
}
