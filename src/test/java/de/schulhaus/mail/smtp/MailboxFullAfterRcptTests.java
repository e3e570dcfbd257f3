package de.schulhaus.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.awaitility.Awaitility;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.blobs.BlobStore;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** A mailbox that fills up between RCPT and DATA: the others get the message, its sender a bounce that names the full one. */
@IntegrationTest
class MailboxFullAfterRcptTests {

	private static final String PASSWORD = "lang-genug-passwort-1";

	@Autowired MockMvc mvc;
	@Autowired SmtpListeners listeners;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageStore store;
	@Autowired StorageQuotas quotas;
	@Autowired JdbcClient jdbc;
	@Autowired BlobStore blobs;

	TestSchools.SchoolRef school;
	TestSchools.UserRef anna;
	TestSchools.UserRef bert;
	TestSchools.UserRef carla;

	@BeforeEach
	void setUp() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		school = schools.createSchool("Voll-Schule");
		anna = schools.createUser(school, "Anna", "Amsel", "TEACHER", PASSWORD, "7b");
		bert = schools.createUser(school, "Bert", "Buche", "TEACHER", "lang-genug-passwort-2", "7b");
		carla = schools.createUser(school, "Carla", "Clematis", "TEACHER", "lang-genug-passwort-3", "7b");
	}

	@Test
	void aSenderOfTheSchoolGetsABounceInTheirInbox() throws Exception {
		try (SmtpDialog smtp = new SmtpDialog(listeners.submissionPort())) {
			smtp.send("EHLO client.example.org");
			smtp.startTls();
			assertThat(smtp.authPlain(anna.login(), PASSWORD)).startsWith("235");
			assertThat(smtp.send("MAIL FROM:<" + anna.login() + ">")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<" + bert.login() + ">")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<" + carla.login() + ">")).startsWith("250");
			fillUp(carla);
			assertThat(smtp.data(SmtpDialog.message(anna.login(), bert.login() + ", " + carla.login(), "Konferenz"))).startsWith("250 2.0.0");
		}
		assertThat(inbox(bert)).extracting(StoredMessage::subject).containsExactly("Konferenz");
		assertThat(inbox(carla)).isEmpty();
		StoredMessage bounce = inbox(anna).get(0);
		assertThat(bounce.subject()).isEqualTo("Unzustellbar: Konferenz");
		byte[] raw;
		try (InputStream in = store.open(bounce)) {
			raw = in.readAllBytes();
		}
		// delivered with the empty envelope sender: nobody answers or bounces it
		assertThat(new String(raw, StandardCharsets.UTF_8)).startsWith("Return-Path: <>\r\n").contains("Auto-Submitted: auto-replied");

		// RFC 3464: a report of three parts, for people, for programs, and the original's header without its body
		MimeMessage report = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
		ContentType type = new ContentType(report.getContentType());
		assertThat(type.getBaseType()).isEqualTo("multipart/report");
		assertThat(type.getParameter("report-type")).isEqualTo("delivery-status");
		MimeMultipart parts = (MimeMultipart) report.getContent();
		assertThat(parts.getCount()).isEqualTo(3);
		assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
		assertThat((String) parts.getBodyPart(0).getContent()).contains("Ihre Nachricht konnte an folgende Empfänger nicht zugestellt werden:\r\n  "
				+ carla.login(), "Your message could not be delivered to these recipients:\r\n  " + carla.login()).doesNotContain(bert.login());
		assertThat(parts.getBodyPart(1).isMimeType("message/delivery-status")).isTrue();
		assertThat(rawContent(parts, 1)).contains("Reporting-MTA: dns; ", "Arrival-Date: ", "Final-Recipient: rfc822; " + carla.login(),
				"Action: failed", "Status: 5.2.2", "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full")
			.doesNotContain("Final-Recipient: rfc822; " + bert.login());
		assertThat(parts.getBodyPart(2).isMimeType("text/rfc822-headers")).isTrue();
		assertThat(rawContent(parts, 2)).contains("Subject: Konferenz", "From: " + anna.login()).doesNotContain("Hallo,");
	}

	@Test
	void whenNoMailboxHasRoomTheMessageIsRefusedWithoutBounce() throws Exception {
		try (SmtpDialog smtp = new SmtpDialog(listeners.submissionPort())) {
			smtp.send("EHLO client.example.org");
			smtp.startTls();
			assertThat(smtp.authPlain(anna.login(), PASSWORD)).startsWith("235");
			assertThat(smtp.send("MAIL FROM:<" + anna.login() + ">")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<" + carla.login() + ">")).startsWith("250");
			fillUp(carla);
			// the client still has the message and tells its person itself
			assertThat(smtp.data(SmtpDialog.message(anna.login(), carla.login(), "Konferenz"))).startsWith("552 5.2.2");
		}
		assertThat(inbox(carla)).isEmpty();
		assertThat(inbox(anna)).isEmpty();
		assertThat(messagesInSchool()).isZero();
	}

	@Test
	void aFullMailboxOfAListMemberBouncesNothing() throws Exception {
		String list = "7b@" + school.domain();
		// the list comes with the group (mail.lists follows the roster's events); members may write to it
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from mail_list where school_id = :s and local_part = '7b'").param("s", school.id()).query(Long.class).single() == 1);
		try (SmtpDialog smtp = new SmtpDialog(listeners.submissionPort())) {
			smtp.send("EHLO client.example.org");
			smtp.startTls();
			assertThat(smtp.authPlain(anna.login(), PASSWORD)).startsWith("235");
			assertThat(smtp.send("MAIL FROM:<" + anna.login() + ">")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<" + list + ">")).startsWith("250");
			fillUp(carla);
			assertThat(smtp.data(SmtpDialog.message(anna.login(), list, "Klassenfahrt"))).startsWith("250 2.0.0");
		}
		assertThat(inbox(bert)).extracting(StoredMessage::subject).containsExactly("Klassenfahrt");
		assertThat(inbox(carla)).isEmpty();
		// the list reached its members; a member's full mailbox is theirs to sort out and stays unnamed to the writer
		assertThat(inbox(anna)).isEmpty();
		assertThat(messagesInSchool()).isEqualTo(1);
	}

	@Test
	void aSenderOutsideGetsTheBounceThroughTheQueueWithTheEmptySender() throws Exception {
		sendFromOutside("joerg@example.org");
		assertThat(inbox(bert)).extracting(StoredMessage::subject).containsExactly("Elternabend");
		Map<String, Object> queued = jdbc.sql("select m.envelope_from, m.blob_id, r.address from mail_outbound_message m "
				+ "join mail_outbound_recipient r on r.message_id = m.id where m.school_id = :s").param("s", school.id()).query().singleRow();
		assertThat(queued.get("envelope_from")).isEqualTo("");
		assertThat(queued.get("address")).isEqualTo("joerg@example.org");
		try (InputStream raw = blobs.open((UUID) queued.get("blob_id")).orElseThrow()) {
			assertThat(new String(raw.readAllBytes(), StandardCharsets.UTF_8)).contains("To: <joerg@example.org>",
					"Final-Recipient: rfc822; " + carla.login(), "Status: 5.2.2", "Subject: Elternabend");
		}
	}

	@Test
	void aBounceThatFindsAMailboxFullIsNeverBounced() throws Exception {
		sendFromOutside("");
		assertThat(inbox(bert)).extracting(StoredMessage::subject).containsExactly("Elternabend");
		assertThat(jdbc.sql("select count(*) from mail_outbound_message where school_id = :s").param("s", school.id()).query(Integer.class).single())
			.isZero();
		// the only message stored in the school is Bert's
		assertThat(messagesInSchool()).isEqualTo(1);
	}

	private void sendFromOutside(String sender) throws Exception {
		try (SmtpDialog smtp = new SmtpDialog(listeners.smtpPort())) {
			smtp.send("EHLO mx.example.org");
			assertThat(smtp.send("MAIL FROM:<" + sender + ">")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<" + bert.login() + ">")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<" + carla.login() + ">")).startsWith("250");
			fillUp(carla);
			assertThat(smtp.data(SmtpDialog.message("joerg@example.org", bert.login(), "Elternabend"))).startsWith("250 2.0.0");
		}
	}

	/** The school admin sets the quota to nothing: the mailbox had room at RCPT and has none at DATA. */
	private void fillUp(TestSchools.UserRef person) {
		SchulhausUser admin = new SchulhausUser(anna.id(), school.id(), anna.login(), "Anna Amsel", Role.SCHOOL_ADMIN, "de", false, true, null);
		quotas.setPersonal(school.id(), person.id(), null, 0L, admin);
	}

	private long messagesInSchool() {
		return jdbc.sql("select count(*) from mail_message where school_id = :s").param("s", school.id()).query(Long.class).single();
	}

	private static String rawContent(MimeMultipart parts, int index) throws Exception {
		try (InputStream in = ((MimeBodyPart) parts.getBodyPart(index)).getRawInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private List<StoredMessage> inbox(TestSchools.UserRef person) {
		Mailbox box = mailboxes.personal(school.id(), person.id(), "x");
		return store.byUids(folders.special(box, SpecialUse.INBOX).orElseThrow(), List.of(1L, 2L));
	}
}
