package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

import de.schulhaus.accounts.ClientCredentials;
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
		DavClients.requireInstalled("litmus");
		var teacher = DavClients.Teacher.of(mvc, credentials, users, "Litmus-Schule", "Lia", "Litmus");
		String secret = teacher.appPassword();

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

}
