package de.schulhaus.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

@IntegrationTest
class InboundSmtpTests {

	@Autowired MockMvc mvc;
	@Autowired SmtpListeners listeners;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageStore store;
	@Autowired StorageQuotas quotas;

	TestSchools.SchoolRef school;
	TestSchools.UserRef anna;

	@BeforeEach
	void setUp() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		school = schools.createSchool("Eingang-Schule");
		anna = schools.createUser(school, "Anna", "Amsel", "TEACHER", "lang-genug-passwort-1", null);
	}

	@Test
	void mailFromOutsideIsInTheInboxWithTraceLinesWhenThe250Comes() throws Exception {
		try (SmtpDialog smtp = new SmtpDialog(listeners.smtpPort())) {
			assertThat(smtp.greeting).startsWith("220 ");
			String ehlo = smtp.send("EHLO mx.example.org");
			assertThat(ehlo).contains("250-PIPELINING", "250-SIZE 26214400", "STARTTLS").doesNotContain("AUTH", "CHUNKING");
			assertThat(smtp.send("MAIL FROM:<joerg@example.org> SIZE=500")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<" + anna.login().toUpperCase() + ">")).startsWith("250");
			assertThat(smtp.data(SmtpDialog.message("joerg@example.org", anna.login(), "Elternabend"))).startsWith("250 2.0.0");
		}
		StoredMessage message = inbox(anna).get(0);
		assertThat(message.subject()).isEqualTo("Elternabend");
		try (InputStream raw = store.open(message)) {
			String text = new String(raw.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(text).startsWith("Return-Path: <joerg@example.org>\r\nReceived: from mx.example.org ([127.0.0.1])\r\n\tby ")
				.contains("for <" + anna.login() + ">; ").contains("\r\n.eine Zeile mit Punkt\r\n").endsWith("Gruß\r\n");
		}
	}

	@Test
	void anMxMayEncryptWithStartTlsButNeverSignsIn() throws Exception {
		try (SmtpDialog smtp = new SmtpDialog(listeners.smtpPort())) {
			smtp.send("EHLO mx.example.org");
			assertThat(smtp.startTls()).doesNotContain("STARTTLS", "AUTH");
			assertThat(smtp.send("AUTH PLAIN AGFubmEAZ2VoZWlt")).startsWith("502");
			assertThat(smtp.send("MAIL FROM:<joerg@example.org>")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<" + anna.login() + ">")).startsWith("250");
			assertThat(smtp.data(SmtpDialog.message("joerg@example.org", anna.login(), "Verschluesselt"))).startsWith("250 2.0.0");
		}
		try (InputStream raw = store.open(inbox(anna).get(0))) {
			assertThat(new String(raw.readAllBytes(), StandardCharsets.UTF_8)).contains(" with ESMTPS id ");
		}
	}

	@Test
	void unknownRecipientsAndOutsideAddressesAreRefusedAtRcpt() throws Exception {
		try (SmtpDialog smtp = new SmtpDialog(listeners.smtpPort())) {
			smtp.send("EHLO mx.example.org");
			assertThat(smtp.send("MAIL FROM:<spam@example.org>")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<niemand@" + school.domain() + ">")).startsWith("550 5.1.1");
			// never an open relay
			assertThat(smtp.send("RCPT TO:<opfer@example.com>")).startsWith("554 5.7.1");
			assertThat(smtp.send("DATA")).startsWith("554 5.5.1");
		}
		assertThat(inbox(anna)).isEmpty();
	}

	@Test
	void mailToADeactivatedAccountIsRefusedAtRcptAndTheOthersGetIt() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		TestSchools.UserRef ben = schools.createUser(school, "Ben", "Birke", "TEACHER", "lang-genug-passwort-2", null);
		account(ben, "deactivate");
		try (SmtpDialog smtp = new SmtpDialog(listeners.smtpPort())) {
			smtp.send("EHLO mx.example.org");
			assertThat(smtp.send("MAIL FROM:<joerg@example.org>")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<" + ben.login() + ">")).startsWith("550 5.2.1");
			assertThat(smtp.send("RCPT TO:<" + anna.login() + ">")).startsWith("250");
			assertThat(smtp.data(SmtpDialog.message("joerg@example.org", ben.login(), "An alle"))).startsWith("250 2.0.0");
		}
		assertThat(inbox(anna)).extracting(StoredMessage::subject).containsExactly("An alle");
		assertThat(inbox(ben)).isEmpty();
		// active again, the address takes mail again
		account(ben, "activate");
		try (SmtpDialog smtp = new SmtpDialog(listeners.smtpPort())) {
			smtp.send("EHLO mx.example.org");
			smtp.send("MAIL FROM:<joerg@example.org>");
			assertThat(smtp.send("RCPT TO:<" + ben.login() + ">")).startsWith("250");
		}
	}

	private void account(TestSchools.UserRef user, String action) throws Exception {
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/api/v1/schools/" + school.id() + "/users/" + user.id() + "/" + action)
			.header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN)
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
	}

	@Test
	void aFullMailboxRefusesAtRcpt() throws Exception {
		SchulhausUser admin = new SchulhausUser(anna.id(), school.id(), anna.login(), "Anna Amsel", Role.SCHOOL_ADMIN, "de", false, true, null);
		quotas.setPersonal(school.id(), anna.id(), null, 0L, admin);
		try (SmtpDialog smtp = new SmtpDialog(listeners.smtpPort())) {
			smtp.send("EHLO mx.example.org");
			smtp.send("MAIL FROM:<joerg@example.org>");
			assertThat(smtp.send("RCPT TO:<" + anna.login() + ">")).startsWith("552 5.2.2");
		}
	}

	@Test
	void sizeIsAnnouncedAndEnforcedWhileTheMessageStreams() throws Exception {
		try (SmtpDialog smtp = new SmtpDialog(listeners.smtpPort())) {
			smtp.send("EHLO mx.example.org");
			assertThat(smtp.send("MAIL FROM:<joerg@example.org> SIZE=30000000")).startsWith("552 5.3.4");
			assertThat(smtp.send("MAIL FROM:<joerg@example.org>")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<" + anna.login() + ">")).startsWith("250");
			assertThat(smtp.send("DATA")).startsWith("354");
			smtp.write("Subject: gross\r\n\r\n");
			byte[] line = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
			byte[] chunk = new byte[line.length * 1000];
			for (int i = 0; i < 1000; i++) {
				System.arraycopy(line, 0, chunk, i * line.length, line.length);
			}
			for (int i = 0; i < 27; i++) {
				smtp.write(chunk);
			}
			smtp.write(".\r\n");
			assertThat(smtp.reply()).startsWith("552 5.3.4");
			// the connection goes on: the rest of the message was not read as commands
			assertThat(smtp.send("NOOP")).startsWith("250");
		}
		assertThat(inbox(anna)).isEmpty();
	}

	@Test
	void recipientsAreLimitedPerMessage() throws Exception {
		try (SmtpDialog smtp = new SmtpDialog(listeners.smtpPort())) {
			smtp.send("EHLO mx.example.org");
			smtp.send("MAIL FROM:<joerg@example.org>");
			for (int i = 0; i < 100; i++) {
				assertThat(smtp.send("RCPT TO:<" + anna.login() + ">")).startsWith("250");
			}
			assertThat(smtp.send("RCPT TO:<" + anna.login() + ">")).startsWith("452 4.5.3");
		}
	}

	@Test
	void aClientThatSendsTheMessageBeforeThe354IsDropped() throws Exception {
		try (SmtpDialog smtp = new SmtpDialog(listeners.smtpPort())) {
			smtp.send("EHLO mx.example.org");
			smtp.send("MAIL FROM:<joerg@example.org>");
			smtp.send("RCPT TO:<" + anna.login() + ">");
			smtp.write("DATA\r\nSubject: vorgedraengelt\r\n\r\nhallo\r\n.\r\nQUIT\r\n");
			assertThat(smtp.reply()).startsWith("554 5.5.0");
			assertThat(smtp.reply()).isNull();
		}
		assertThat(inbox(anna)).isEmpty();
	}

	@Test
	void anOverlongCommandLineEndsTheConnection() throws Exception {
		try (SmtpDialog smtp = new SmtpDialog(listeners.smtpPort())) {
			assertThat(smtp.send("EHLO " + "x".repeat(2000))).startsWith("501");
			assertThat(smtp.reply()).isNull();
		}
	}

	@Test
	void oneClientGetsAtMostItsShareOfConnections() throws Exception {
		List<SmtpDialog> open = new ArrayList<>();
		try {
			for (int i = 0; i < 50; i++) {
				SmtpDialog smtp = new SmtpDialog(listeners.smtpPort());
				open.add(smtp);
				assertThat(smtp.greeting).startsWith("220");
			}
			try (SmtpDialog oneTooMany = new SmtpDialog(listeners.smtpPort())) {
				assertThat(oneTooMany.greeting).startsWith("421 4.7.0");
			}
		} finally {
			for (SmtpDialog smtp : open) {
				smtp.close();
			}
		}
	}

	private List<StoredMessage> inbox(TestSchools.UserRef person) {
		Mailbox box = mailboxes.personal(school.id(), person.id(), "x");
		return store.byUids(folders.special(box, SpecialUse.INBOX).orElseThrow(), List.of(1L, 2L, 3L));
	}
}
