package de.schulhaus.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.MailTls;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;

/** Python's imaplib, a real client: implicit TLS, STARTTLS, APPEND, GETQUOTAROOT, IDLE woken by a delivery, UID MOVE. */
@IntegrationTest
class ImaplibClientTests {

	static final Path PYTHON = Path.of("/usr/bin/python3");

	@Autowired MockMvc mvc;
	@Autowired ImapServer server;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageStore store;
	@Autowired MailTls tls;

	@Test
	void idleAppendAndMoveWorkForImaplib() throws Exception {
		assumeTrue(Files.isExecutable(PYTHON), "python3 is not installed");
		TestSchools schools = new TestSchools(mvc);
		TestSchools.SchoolRef school = schools.createSchool("Python-Schule");
		TestSchools.UserRef anna = schools.createUser(school, "Anna", "Amsel", "TEACHER", "lang-genug-passwort-1", null);
		Mailbox box = mailboxes.personal(school.id(), anna.id(), "Anna Amsel");
		Path script = Path.of(getClass().getResource("/mail/imap/imaplib_client.py").toURI());

		Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), Integer.toString(server.port()),
				Integer.toString(server.tlsPort()), tls.certificateFile().toString(), anna.login(), anna.password())
			.redirectErrorStream(true).start();
		List<String> output = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				output.add(line);
				if (line.equals("IDLING")) {
					byte[] raw = "From: joerg@example.org\r\nSubject: Lieferung\r\n\r\nDa ist sie.\r\n".getBytes(StandardCharsets.US_ASCII);
					store.deliver(store.stage(new ByteArrayInputStream(raw), 1 << 20), List.of(box), "joerg@example.org");
				}
			}
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		// the wake-up time is printed for the log; timing is judged in bench/, not here
		output.stream().filter(l -> l.startsWith("woken after")).forEach(System.out::println);
		assertThat(output).as(String.join("\n", output)).contains("ok IDLE woken by the delivery", "ok UID MOVE to Archiv", "DONE")
			.anyMatch(l -> l.startsWith("ok GETQUOTAROOT INBOX"));;
		assertThat(process.exitValue()).isZero();
		assertThat(store.byUids(folders.special(box, SpecialUse.ARCHIVE).orElseThrow(), List.of(1L)))
			.extracting(m -> m.subject()).containsExactly("Lieferung");
		assertThat(store.byUids(folders.special(box, SpecialUse.DRAFTS).orElseThrow(), List.of(1L)))
			.extracting(m -> m.subject(), m -> m.flags().draft()).containsExactly(org.assertj.core.groups.Tuple.tuple("Entwurf aus Python", true));
	}
}
