package de.schulhaus.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.mail.internal.Flags;
import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.MailTls;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StoredMessage;

/** mbsync (isync), a real client, syncs a mailbox both ways over STARTTLS with the generated certificate. */
@IntegrationTest
class MbsyncClientTests {

	static final Path MBSYNC = Path.of("/usr/bin/mbsync");

	@Autowired MockMvc mvc;
	@Autowired ImapServer server;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageStore store;
	@Autowired MailTls tls;
	@Autowired AccountUserDetailsService users;

	@TempDir Path home;

	@Test
	void flagsDeletionsAndNewMessagesTravelBothWays() throws Exception {
		assumeTrue(Files.isExecutable(MBSYNC), "mbsync (isync) is not installed");
		TestSchools schools = new TestSchools(mvc);
		TestSchools.SchoolRef school = schools.createSchool("Sync-Schule");
		TestSchools.UserRef anna = schools.createUser(school, "Anna", "Amsel", "TEACHER", "lang-genug-passwort-1", null);
		Mailbox box = mailboxes.personal(school.id(), anna.id(), "Anna Amsel");
		MailFolder inbox = folders.special(box, SpecialUse.INBOX).orElseThrow();
		for (int i = 1; i <= 3; i++) {
			deliver(box, "Nachricht " + i);
		}
		Path maildir = home.resolve("mail");
		Files.createDirectories(maildir);
		Path config = home.resolve("mbsyncrc");
		Files.writeString(config, """
				IMAPAccount schule
				Host localhost
				Port %d
				User %s
				Pass %s
				SSLType STARTTLS
				CertificateFile %s
				AuthMechs LOGIN PLAIN

				IMAPStore fern
				Account schule

				MaildirStore nah
				Path %s/
				Inbox %s/INBOX

				Channel sync
				Far :fern:
				Near :nah:
				Patterns INBOX
				Create Both
				Expunge Both
				SyncState *
				Sync All
				""".formatted(server.port(), anna.login(), anna.password(), tls.certificateFile(), maildir, maildir));

		sync(config);
		assertThat(local(maildir)).hasSize(3);

		// locally: flag message 1, delete message 2, write a new one
		Path first = bySubject(maildir, "Nachricht 1");
		Files.move(first, first.resolveSibling(first.getFileName().toString().replaceAll(":2,.*$", "") + ":2,F"));
		Files.delete(bySubject(maildir, "Nachricht 2"));
		Files.writeString(maildir.resolve("INBOX/new/1700000000.1_1.lokal"), "From: anna@example.org\r\nSubject: Von unterwegs\r\n\r\nHallo\r\n");
		// on the server: message 3 read elsewhere, a new one arrives
		store.storeFlags(inbox, List.of(3L), MessageStore.FlagMode.ADD, Flags.of(List.of("\\Seen")), null);
		deliver(box, "Nachricht 4");

		sync(config);
		List<StoredMessage> onServer = store.byUids(inbox, List.of(1L, 2L, 3L, 4L, 5L, 6L));
		assertThat(onServer).extracting(StoredMessage::subject).containsExactly("Nachricht 1", "Nachricht 3", "Nachricht 4", "Von unterwegs");
		assertThat(onServer.get(0).flags().flagged()).isTrue();
		assertThat(local(maildir)).hasSize(4);
		assertThat(bySubject(maildir, "Nachricht 3").getFileName().toString()).endsWith(":2,S");
		assertThat(bySubject(maildir, "Nachricht 4")).exists();
		assertThat(bySubject(maildir, "Nachricht 1").getFileName().toString()).endsWith(":2,F");

		// on the server: message 3 expunged by another mail app, message 4 deleted in the webmail
		try (ImapTestClient other = new ImapTestClient(server.port())) {
			assertThat(other.command("LOGIN " + anna.login() + " " + anna.password())).contains(" OK ");
			other.command("SELECT INBOX");
			assertThat(other.command("UID STORE 3 +FLAGS.SILENT (\\Deleted)")).contains(" OK ");
			assertThat(other.command("EXPUNGE")).contains("EXPUNGE\n");
		}
		StoredMessage fourth = onServer.get(2);
		SchulhausUser annaInBrowser = users.load(anna.login()).orElseThrow().withTwoFactor(false);
		assertThat(mvc.perform(post("/mail/aktionen").param("aktion", "loeschen").param("auswahl", fourth.id().toString())
			.with(user(annaInBrowser)).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(302);

		sync(config);
		assertThat(local(maildir)).hasSize(2);
		assertThat(local(maildir).stream().map(MbsyncClientTests::subjectOf)).containsExactlyInAnyOrder("Nachricht 1", "Von unterwegs");
		assertThat(store.byUids(folders.special(box, SpecialUse.TRASH).orElseThrow(), List.of(1L))).extracting(StoredMessage::subject)
			.containsExactly("Nachricht 4");
	}

	private static String subjectOf(Path file) {
		try {
			return Files.readString(file, StandardCharsets.ISO_8859_1).replace("\r", "").replaceAll("(?s)^.*?\nSubject: ([^\n]*)\n.*$", "$1");
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private void deliver(Mailbox box, String subject) {
		byte[] raw = ("From: joerg@example.org\r\nSubject: " + subject + "\r\nMessage-ID: <" + subject.replace(' ', '-') + "@example.org>\r\n\r\n"
				+ "Text von " + subject + "\r\n").getBytes(StandardCharsets.US_ASCII);
		store.deliver(store.stage(new ByteArrayInputStream(raw), 1 << 20), List.of(box), "joerg@example.org");
	}

	private void sync(Path config) throws Exception {
		Process process = new ProcessBuilder(MBSYNC.toString(), "-c", config.toString(), "-a").redirectErrorStream(true)
			.redirectOutput(home.resolve("mbsync.log").toFile()).start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(Files.readString(home.resolve("mbsync.log"))).isZero();
	}

	private static List<Path> local(Path maildir) throws IOException {
		try (Stream<Path> files = Stream.concat(Files.list(maildir.resolve("INBOX/cur")), Files.list(maildir.resolve("INBOX/new")))) {
			return files.toList();
		}
	}

	/** The local file of a message (mbsync's maildir numbers messages its own way). */
	private static Path bySubject(Path maildir, String subject) throws IOException {
		for (Path file : local(maildir)) {
			if (Files.readString(file, StandardCharsets.ISO_8859_1).replace("\r", "").contains("Subject: " + subject + "\n")) {
				return file;
			}
		}
		throw new AssertionError("no local file with subject " + subject + " in " + local(maildir));
	}
}
