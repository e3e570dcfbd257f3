package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
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
}
