package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
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
 * litmus, the WebDAV server test suite, against the application on a real port: a teacher's own
 * files with an app password of scope files. The suites named in {@link #PASSING} must have no failure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class LitmusTests {

	static final String SUITES = "basic copymove props locks http";
	static final List<String> PASSING = List.of("basic", "copymove", "props", "locks", "http");
	private static final Pattern SUMMARY = Pattern.compile("<- summary for `(\\w+)': of (\\d+) tests run: (\\d+) passed, (\\d+) failed");

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Test
	void litmusFindsNoFailure() throws Exception {
		boolean installed = onPath("litmus");
		if ("true".equals(System.getenv("CI"))) {
			assertThat(installed).as("litmus is installed on CI (.ci/run)").isTrue();
		}
		assumeTrue(installed, "litmus is not installed");
		var t = new TestSchools(mvc);
		var school = t.createSchool("Litmus-Schule");
		var teacher = t.createUser(school, "Lia", "Litmus", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		String secret = credentials.createAppPassword(users.load(teacher.login()).orElseThrow(), "litmus", Set.of(Scope.FILES), null).secret();

		Path log = Path.of("target", "litmus.log");
		Files.createDirectories(log.getParent());
		ProcessBuilder litmus = new ProcessBuilder("litmus", "-k", "http://127.0.0.1:" + port + "/dav/files/" + teacher.login() + "/",
				teacher.login(), secret).redirectErrorStream(true).redirectOutput(log.toFile());
		litmus.environment().put("TESTS", SUITES);
		// litmus writes its debug.log and child.log into its working directory
		Path work = Files.createDirectories(Path.of("target", "litmus"));
		litmus.directory(work.toFile());
		Process process = litmus.start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		Map<String, Integer> failures = new LinkedHashMap<>();
		Matcher m = SUMMARY.matcher(output);
		while (m.find()) {
			failures.put(m.group(1), Integer.parseInt(m.group(4)));
		}
		for (String suite : PASSING) {
			assertThat(failures).as("litmus summary of %s in:%n%s", suite, output).containsEntry(suite, 0);
		}
	}

	private static boolean onPath(String program) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (new File(dir, program).canExecute()) {
				return true;
			}
		}
		return false;
	}
}
