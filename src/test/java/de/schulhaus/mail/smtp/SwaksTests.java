package de.schulhaus.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StoredMessage;

/** swaks (Debian package swaks), a real SMTP client, on both listeners; required on CI, skipped elsewhere without it. */
@IntegrationTest
class SwaksTests {

	@Autowired MockMvc mvc;
	@Autowired SmtpListeners listeners;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageStore store;

	TestSchools.SchoolRef school;
	TestSchools.UserRef anna;
	TestSchools.UserRef ben;

	@BeforeEach
	void setUp() throws Exception {
		boolean installed = false;
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			installed |= new File(dir, "swaks").canExecute();
		}
		if ("true".equals(System.getenv("CI"))) {
			assertThat(installed).as("swaks is installed on CI (.ci/run)").isTrue();
		}
		assumeTrue(installed, "swaks is not installed");
		TestSchools schools = new TestSchools(mvc);
		school = schools.createSchool("Swaks-Schule");
		anna = schools.createUser(school, "Anna", "Amsel", "TEACHER", "lang-genug-passwort-1", null);
		ben = schools.createUser(school, "Ben", "Birke", "PUPIL", "lang-genug-passwort-2", null);
	}

	@Test
	void swaksDeliversFromOutsideWithPipelining() throws Exception {
		String out = swaks("--server", "127.0.0.1", "--port", String.valueOf(listeners.smtpPort()), "--ehlo", "mx.example.org", "--pipeline",
				"--from", "joerg@example.org", "--to", anna.login(), "--header", "Subject: Von draussen", "--body", "Hallo Anna");
		assertThat(out).contains("<-  250 2.0.0");
		StoredMessage message = inbox(anna).get(0);
		assertThat(message.subject()).isEqualTo("Von draussen");
		try (InputStream raw = store.open(message)) {
			assertThat(new String(raw.readAllBytes(), StandardCharsets.UTF_8)).startsWith("Return-Path: <joerg@example.org>").contains("Hallo Anna");
		}
		String relay = swaks("--server", "127.0.0.1", "--port", String.valueOf(listeners.smtpPort()), "--from", "joerg@example.org",
				"--to", "opfer@example.com");
		assertThat(relay).contains("<** 554 5.7.1");
	}

	@Test
	void swaksSubmitsWithStartTlsAndAuthPlain() throws Exception {
		String out = swaks("--server", "127.0.0.1", "--port", String.valueOf(listeners.submissionPort()), "--tls", "--auth", "PLAIN",
				"--auth-user", anna.login(), "--auth-password", "lang-genug-passwort-1", "--from", anna.login(), "--to", ben.login(),
				"--header", "Subject: Mit Anmeldung", "--body", "Hallo Ben");
		assertThat(out).contains("<~  235", "<~  250 2.0.0");
		assertThat(inbox(ben)).extracting(StoredMessage::subject).containsExactly("Mit Anmeldung");
		String anonymous = swaks("--server", "127.0.0.1", "--port", String.valueOf(listeners.submissionPort()), "--from", anna.login(),
				"--to", "opfer@example.com");
		assertThat(anonymous).contains("<** 530 5.7.0");
	}

	private static String swaks(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("swaks", "--timeout", "20"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return out;
	}

	private List<StoredMessage> inbox(TestSchools.UserRef person) {
		Mailbox box = mailboxes.personal(school.id(), person.id(), "x");
		return store.byUids(folders.special(box, SpecialUse.INBOX).orElseThrow(), List.of(1L, 2L, 3L));
	}
}
