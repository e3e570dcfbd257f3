package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/** What the tests with real WebDAV clients share: the client installed (always on CI), and a teacher with a files app password. */
final class DavClients {

	private DavClients() {
	}

	/** The program must be on the PATH on CI ({@code .ci/run} installs it); elsewhere the test is skipped without it. */
	static void requireInstalled(String program) {
		boolean installed = false;
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			installed |= new File(dir, program).canExecute();
		}
		require(program, installed);
	}

	/** A daemon that others start or a library, so outside the PATH: at one of these places, required on CI like the others. */
	static void requireInstalledAt(String program, String... candidates) {
		boolean installed = false;
		for (String candidate : candidates) {
			installed |= new File(candidate).isFile();
		}
		require(program, installed);
	}

	private static void require(String program, boolean installed) {
		if ("true".equals(System.getenv("CI"))) {
			assertThat(installed).as(program + " is installed on CI (.ci/run)").isTrue();
		}
		assumeTrue(installed, program + " is not installed");
	}

	/** A teacher of a new school, signed in the way a WebDAV client is: service address and app password of scope files. */
	record Teacher(String login, String appPassword) {

		static Teacher of(MockMvc mvc, ClientCredentials credentials, AccountUserDetailsService users, String schoolName, String first,
				String last) throws Exception {
			var t = new TestSchools(mvc);
			var teacher = t.createUser(t.createSchool(schoolName), first, last, "TEACHER", "Kompass-Laterne-Quitte-2026", null);
			String secret = credentials.createAppPassword(users.load(teacher.login()).orElseThrow(), "WebDAV-Programm",
					Set.of(Scope.FILES), null).secret();
			return new Teacher(teacher.login(), secret);
		}
	}

	/** Checks what a client left behind the way any other client would see it: plain HTTP requests on the real port. */
	record Http(int port, Teacher teacher) {

		private static final HttpClient CLIENT = HttpClient.newHttpClient();

		/** The answer to a request on a path below the teacher's own files, the body as bytes. */
		HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) throws Exception {
			String basic = teacher.login() + ":" + teacher.appPassword();
			var request = HttpRequest.newBuilder(URI.create(url() + path))
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
			if (headers.length > 0) {
				request.headers(headers);
			}
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}

		/** The multistatus of a PROPFIND with Depth 1 for all properties, as text. */
		String propfind(String path) throws Exception {
			var answer = send("PROPFIND", path, null, "Depth", "1");
			assertThat(answer.statusCode()).as("PROPFIND %s", path).isEqualTo(207);
			return new String(answer.body(), StandardCharsets.UTF_8);
		}

		String url() {
			return "http://127.0.0.1:" + port + "/dav/files/" + teacher.login() + "/";
		}
	}
}
