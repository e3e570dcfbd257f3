package de.schulhaus.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.smtp.SmtpListeners;

@IntegrationTest
class ImapSocketTests {

	@Autowired MockMvc mvc;
	@Autowired ImapServer server;
	@Autowired Mailboxes mailboxes;
	@Autowired MessageStore store;
	@Autowired de.schulhaus.mail.internal.MailFolders folders;
	@Autowired StructureCache structures;
	@Autowired StorageQuotas quotas;
	@Autowired AccountUserDetailsService users;
	@Autowired SmtpListeners smtp;

	TestSchools schools;
	TestSchools.SchoolRef school;
	TestSchools.UserRef anna;
	Mailbox annas;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Imap-Schule");
		anna = schools.createUser(school, "Anna", "Amsel", "TEACHER", "lang-genug-passwort-1", null);
		annas = mailboxes.personal(school.id(), anna.id(), "Anna Amsel");
	}

	void deliver(Mailbox box, byte[] raw) {
		store.deliver(store.stage(new ByteArrayInputStream(raw), 1 << 20), List.of(box), "joerg@example.org");
	}

	ImapTestClient signedIn(TestSchools.UserRef user) throws Exception {
		ImapTestClient client = new ImapTestClient(server.port());
		assertThat(client.command("LOGIN " + user.login() + " " + user.password())).contains(" OK ");
		return client;
	}

	@Test
	void signInListAndReadAMessageInParts() throws Exception {
		deliver(annas, MessageStructureTests.sample("elternabend.eml"));
		deliver(annas, MessageStructureTests.sample("kurz.eml"));
		try (ImapTestClient client = new ImapTestClient(server.port())) {
			assertThat(client.greeting).startsWith("* OK [CAPABILITY IMAP4rev1").contains("IDLE", "UIDPLUS", "MOVE", "SPECIAL-USE", "STARTTLS");
			assertThat(client.command("LOGIN " + anna.login() + " falsch")).contains("NO [AUTHENTICATIONFAILED]");
			assertThat(client.command("LOGIN " + anna.login() + " lang-genug-passwort-1")).contains("OK [CAPABILITY");
			String list = client.command("LIST \"\" \"*\"");
			assertThat(list).contains("* LIST (\\HasNoChildren) \"/\" \"INBOX\"", "* LIST (\\HasNoChildren \\Drafts) \"/\" \"Entw&APw-rfe\"",
					"\\Sent) \"/\" \"Gesendet\"", "\\Trash) \"/\" \"Papierkorb\"");
			String select = client.command("SELECT INBOX");
			assertThat(select).contains("* 2 EXISTS", "* OK [UNSEEN 1]", "[UIDVALIDITY ", "[UIDNEXT 3]", "OK [READ-WRITE]");
			String fast = client.command("FETCH 1:* (UID FLAGS RFC822.SIZE)");
			assertThat(fast).contains("* 1 FETCH (UID 1 FLAGS () RFC822.SIZE 1074)", "* 2 FETCH (UID 2 FLAGS () RFC822.SIZE ");
			assertThat(client.command("UID FETCH 1 (BODY.PEEK[HEADER.FIELDS (Subject)])"))
				.contains("BODY[HEADER.FIELDS (Subject)] {52}\nSubject: =?UTF-8?Q?Elternabend_f=C3=BCr_die_5a?=\r\n\r\n");
			assertThat(client.command("FETCH 1 (BODY.PEEK[1.1]<6.7> BODY.PEEK[2.MIME] BODY.PEEK[3.HEADER.FIELDS (SUBJECT)])"))
				.contains("BODY[1.1]<6> {7}\nEltern,", "BODY[2.MIME] {", "Content-Disposition: attachment", "Subject: Weitergeleitet");
			assertThat(client.command("FETCH 1 (BODY.PEEK[2.TEXT] BODY.PEEK[9])")).contains("BODY[2.TEXT] NIL BODY[9] NIL)", "OK FETCH");
			assertThat(client.command("FETCH 1 (FLAGS)")).contains("FLAGS ()");
			assertThat(client.command("FETCH 1 (BODY[1.1])")).contains("FLAGS (\\Seen)", "BODY[1.1] {47}");
			assertThat(client.command("FETCH 2 (ENVELOPE BODYSTRUCTURE)")).contains("ENVELOPE (NIL \"Kurz\"", "BODYSTRUCTURE (\"TEXT\" \"PLAIN\"");
			String first = client.command("FETCH 1 (BODYSTRUCTURE BODY)");
			assertThat(first).contains("\"ALTERNATIVE\" (\"BOUNDARY\" \"innen\")", "BODY (((\"TEXT\" \"PLAIN\"");
			// the second answer comes from the cached row and is the same
			var inbox = folders.special(annas, de.schulhaus.mail.internal.SpecialUse.INBOX).orElseThrow();
			java.util.UUID blob = store.byUids(inbox, List.of(1L)).get(0).blobId();
			assertThat(structures.find(school.id(), blob)).isPresent();
			structures.sweep();
			assertThat(structures.find(school.id(), blob)).as("kept while a message uses the blob").isPresent();
			String again = client.command("FETCH 1 (BODYSTRUCTURE BODY)");
			assertThat(again.substring(0, again.indexOf('\n'))).isEqualTo(first.substring(0, first.indexOf('\n')));
			assertThat(client.command("UID SEARCH SUBJECT elternabend")).contains("* SEARCH 1\n");
			assertThat(client.command("SEARCH UNSEEN")).contains("* SEARCH 2\n");
			assertThat(client.command("SEARCH OR FROM joerg TEXT Dienstag NOT LARGER 100000")).contains("* SEARCH 1 2\n");
			assertThat(client.command("SEARCH HEADER Message-ID <kurz@example.org>")).contains("* SEARCH 2\n");
			assertThat(client.command("SEARCH SENTON 1-Dec-2026")).contains("* SEARCH 1\n");
			assertThat(client.command("SEARCH SENTBEFORE 1-Dec-2026")).contains("* SEARCH\n");
			assertThat(client.command("SEARCH SMALLER 500 ON " + java.time.format.DateTimeFormatter.ofPattern("d-MMM-yyyy", java.util.Locale.ENGLISH)
				.format(java.time.LocalDate.now(java.time.ZoneOffset.UTC)))).contains("* SEARCH 2\n");
			assertThat(client.command("SEARCH 2:* TO kollegium")).contains("* SEARCH\n");
			assertThat(client.command("SEARCH 1:* CC ben")).contains("* SEARCH 1\n");
			assertThat(client.command("SEARCH SINCE 1-Jan-2020 BODY \"Nur Text\"")).contains("* SEARCH 2\n");
			client.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
			assertThat(client.command("EXPUNGE")).contains("* 1 EXPUNGE");
			structures.sweep();
			assertThat(structures.find(school.id(), blob)).as("swept with the last message").isEmpty();
		}
	}

	@Test
	void storeCopyMoveExpungeAndAppend() throws Exception {
		deliver(annas, MessageStructureTests.sample("kurz.eml"));
		deliver(annas, MessageStructureTests.sample("kurz.eml"));
		deliver(annas, MessageStructureTests.sample("kurz.eml"));
		try (ImapTestClient client = signedIn(anna)) {
			client.command("SELECT INBOX");
			assertThat(client.command("STORE 1 +FLAGS (\\Flagged $Wichtig)")).contains("* 1 FETCH (FLAGS (\\Flagged $Wichtig))");
			assertThat(client.command("SEARCH KEYWORD $Wichtig")).contains("* SEARCH 1\n");
			assertThat(client.command("SEARCH UNKEYWORD $Wichtig FLAGGED")).contains("* SEARCH\n");
			assertThat(client.command("SEARCH UNKEYWORD $Wichtig")).contains("* SEARCH 2 3\n");
			assertThat(client.command("UID STORE 2 +FLAGS.SILENT (\\Deleted)")).doesNotContain("FETCH");
			assertThat(client.command("UID COPY 1 Archiv")).containsPattern("OK \\[COPYUID \\d+ 1 1\\] UID COPY completed");
			String moved = client.command("UID MOVE 3 Archiv");
			assertThat(moved).containsPattern("\\* OK \\[COPYUID \\d+ 3 2\\]").contains("* 3 EXPUNGE");
			assertThat(client.command("EXPUNGE")).contains("* 2 EXPUNGE");
			assertThat(client.command("FETCH 1:* (UID)")).contains("* 1 FETCH (UID 1)").doesNotContain("* 2 FETCH");
			assertThat(client.command("CREATE Projekte/Klassenfahrt")).contains("OK CREATE");
			assertThat(client.command("LIST \"\" Projekte/%")).contains("\"Projekte/Klassenfahrt\"");
			assertThat(client.command("LIST \"\" %")).contains("(\\Noselect \\HasChildren) \"/\" \"Projekte\"");
			assertThat(client.command("UNSUBSCRIBE Projekte/Klassenfahrt")).contains("OK UNSUBSCRIBE");
			assertThat(client.command("LSUB \"\" *")).contains("\"Archiv\"").doesNotContain("Klassenfahrt");
			assertThat(client.command("LIST (SUBSCRIBED) \"\" *")).contains("\\Subscribed").doesNotContain("Klassenfahrt");
			assertThat(client.command("LIST (SPECIAL-USE) \"\" *")).contains("\\Archive").doesNotContain("INBOX");
			assertThat(client.command("SUBSCRIBE Projekte/Klassenfahrt")).contains("OK SUBSCRIBE");
			assertThat(client.command("RENAME Projekte/Klassenfahrt Fahrten")).contains("OK RENAME");
			assertThat(client.command("RENAME Fahrten Archiv")).contains("NO [ALREADYEXISTS]");
			assertThat(client.command("CREATE Fahrten")).contains("NO [ALREADYEXISTS]");
			assertThat(client.command("DELETE Fahrten")).contains("OK DELETE");
			assertThat(client.command("LIST \"\" *")).doesNotContain("Fahrten").doesNotContain("Projekte");
			assertThat(client.command("STATUS Archiv (MESSAGES UIDNEXT UNSEEN)")).contains("* STATUS \"Archiv\" (MESSAGES 2 UIDNEXT 3 UNSEEN 2)");

			byte[] message = "Subject: Entwurf\r\n\r\nHallo\r\n".getBytes(StandardCharsets.US_ASCII);
			client.send(client.nextTag() + " APPEND Entw&APw-rfe (\\Draft \\Seen) \"05-Dec-2026 10:15:00 +0100\" {" + message.length + "+}");
			client.sendBytes(message);
			client.send("");
			assertThat(client.until(client.lastTag())).containsPattern("OK \\[APPENDUID \\d+ 1\\] APPEND completed");
			client.send(client.nextTag() + " APPEND INBOX {" + message.length + "}");
			assertThat(client.line()).startsWith("+ ");
			client.sendBytes(message);
			client.send("");
			assertThat(client.until(client.lastTag())).containsPattern("OK \\[APPENDUID \\d+ 4\\]");
			assertThat(client.command("NOOP")).contains("* 2 EXISTS");
			assertThat(client.command("EXAMINE Entw&APw-rfe")).contains("[READ-ONLY]");
			assertThat(client.command("FETCH 1 (FLAGS INTERNALDATE BODY[])")).contains("FLAGS (\\Seen \\Draft)", "INTERNALDATE \"05-Dec-2026 09:15:00 +0000\"",
					"BODY[] {27}\nSubject: Entwurf");
			assertThat(client.command("STORE 1 +FLAGS (\\Deleted)")).contains("NO [READ-ONLY]");
			client.send(client.nextTag() + " APPEND INBOX {999999999}");
			assertThat(client.until(client.lastTag())).contains("NO [TOOBIG]");
			assertThat(client.command("APPEND Nirgends {3}")).contains("NO [TRYCREATE]");
		}
	}

	@Test
	void othersChangesReachTheSelectedSessionAndIdleWakes() throws Exception {
		deliver(annas, MessageStructureTests.sample("kurz.eml"));
		deliver(annas, MessageStructureTests.sample("kurz.eml"));
		try (ImapTestClient watcher = signedIn(anna); ImapTestClient other = signedIn(anna)) {
			watcher.command("ENABLE CONDSTORE");
			watcher.command("SELECT INBOX");
			other.command("SELECT INBOX");
			other.command("STORE 1 +FLAGS.SILENT (\\Seen)");
			assertThat(watcher.command("NOOP")).containsPattern("\\* 1 FETCH \\(UID 1 FLAGS \\(\\\\Seen\\) MODSEQ \\(\\d+\\)\\)");
			other.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
			other.command("EXPUNGE");
			assertThat(watcher.command("NOOP")).contains("* 1 EXPUNGE");
			assertThat(watcher.command("FETCH 1 (UID)")).containsPattern("\\* 1 FETCH \\(MODSEQ \\(\\d+\\) UID 2\\)");
			String modseq = watcher.command("FETCH 1 (MODSEQ)").replaceAll("(?s).*MODSEQ \\((\\d+)\\).*", "$1");
			assertThat(watcher.command("STORE 1 (UNCHANGEDSINCE " + modseq + ") +FLAGS (\\Flagged)")).contains("FLAGS (\\Flagged)", "OK STORE");
			assertThat(watcher.command("STORE 1 (UNCHANGEDSINCE " + modseq + ") +FLAGS (\\Answered)")).contains("OK [MODIFIED 1]");
			assertThat(watcher.command("FETCH 1:* (FLAGS) (CHANGEDSINCE " + modseq + ")")).contains("* 1 FETCH (MODSEQ (");

			watcher.send(watcher.nextTag() + " IDLE");
			assertThat(watcher.line()).startsWith("+ ");
			long start = System.nanoTime();
			deliver(annas, MessageStructureTests.sample("kurz.eml"));
			assertThat(watcher.line()).isEqualTo("* 2 EXISTS");
			long millis = (System.nanoTime() - start) / 1_000_000;
			watcher.send("DONE");
			assertThat(watcher.until(watcher.lastTag())).contains("OK IDLE terminated");
			assertThat(millis).isLessThan(2_000);
		}
	}

	@Test
	void idleWakesWhenAMessageArrivesOverSmtp() throws Exception {
		try (ImapTestClient watcher = signedIn(anna)) {
			assertThat(watcher.command("SELECT INBOX")).contains("* 0 EXISTS");
			watcher.send(watcher.nextTag() + " IDLE");
			assertThat(watcher.line()).startsWith("+ ");
			// an MX hands the message to the inbound listener, as from outside
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", smtp.smtpPort())) {
				socket.setSoTimeout(10_000);
				java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
				java.io.OutputStream out = socket.getOutputStream();
				assertThat(smtpReply(in)).startsWith("220");
				for (String command : List.of("EHLO mx.example.org", "MAIL FROM:<joerg@example.org>", "RCPT TO:<" + anna.login() + ">")) {
					out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
					out.flush();
					assertThat(smtpReply(in)).as(command).startsWith("250");
				}
				out.write("DATA\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				assertThat(smtpReply(in)).startsWith("354");
				out.write(("From: joerg@example.org\r\nTo: " + anna.login() + "\r\nSubject: Per SMTP\r\n\r\nWach auf.\r\n.\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				assertThat(smtpReply(in)).startsWith("250 2.0.0");
			}
			long acknowledged = System.nanoTime();
			assertThat(watcher.line()).isEqualTo("* 1 EXISTS");
			long millis = (System.nanoTime() - acknowledged) / 1_000_000;
			watcher.send("DONE");
			assertThat(watcher.until(watcher.lastTag())).contains("OK IDLE terminated");
			assertThat(millis).as("IDLE woken %d ms after the 250", millis).isLessThan(2_000);
			assertThat(watcher.command("FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])")).contains("Subject: Per SMTP");
		}
	}

	/** One SMTP reply, all its lines. */
	private static String smtpReply(java.io.BufferedReader in) throws java.io.IOException {
		StringBuilder reply = new StringBuilder();
		String line;
		do {
			line = in.readLine();
			assertThat(line).as("an SMTP reply after: " + reply).isNotNull();
			reply.append(line).append('\n');
		} while (line.length() > 3 && line.charAt(3) == '-');
		return reply.toString();
	}

	@Test
	void idIsAnsweredBeforeAndAfterTheSignIn() throws Exception {
		try (ImapTestClient client = new ImapTestClient(server.port())) {
			assertThat(client.greeting).contains(" ID ");
			// as Thunderbird sends it, before LOGIN
			assertThat(client.command("ID (\"name\" \"Thunderbird\" \"version\" \"128.5.0\" \"os\" NIL)"))
				.contains("* ID (\"name\" \"Schulhaus\"", "OK ID completed");
			assertThat(client.command("ID NIL")).contains("* ID (\"name\" \"Schulhaus\"", "OK ID completed");
			assertThat(client.command("ID (\"name\")")).contains(" BAD ");
			assertThat(client.command("LOGIN " + anna.login() + " lang-genug-passwort-1")).contains("OK [CAPABILITY");
			assertThat(client.command("ID (\"name\" \"iOS Mail\")")).contains("* ID (\"name\" \"Schulhaus\"", "OK ID completed");
			assertThat(client.command("SELECT INBOX")).contains("OK [READ-WRITE]");
		}
	}

	@Test
	void badInputIsAnsweredAndTheSessionGoesOn() throws Exception {
		try (ImapTestClient client = new ImapTestClient(server.port())) {
			client.send("");
			assertThat(client.line()).startsWith("* BAD");
			assertThat(client.command("FROBNICATE")).contains("BAD unknown command FROBNICATE");
			assertThat(client.command("SELECT INBOX")).contains("BAD SELECT needs a sign-in first");
			assertThat(client.command("LOGIN \"unterminated")).contains("BAD unterminated quoted string");
			assertThat(client.command("AUTHENTICATE PLAIN !!!")).contains("BAD the PLAIN response is not Base64");
			String plain = java.util.Base64.getEncoder().encodeToString(("\0" + anna.login() + "\0lang-genug-passwort-1").getBytes(StandardCharsets.UTF_8));
			assertThat(client.command("AUTHENTICATE PLAIN " + plain)).contains("OK [CAPABILITY");
			client.command("SELECT INBOX");
			assertThat(client.command("FETCH 1:x (UID)")).contains("BAD invalid sequence set");
			assertThat(client.command("FETCH 1 (BODY[NONSENSE])")).contains("BAD unknown section NONSENSE");
			assertThat(client.command("SEARCH FROBNICATE")).contains("BAD unknown search key FROBNICATE");
			assertThat(client.command("STORE 1 +FLAGS (\\Unknown)")).contains("BAD");
			assertThat(client.command("SELECT \"Papierkorb\"")).contains("OK [READ-WRITE]");
			assertThat(client.command("DELETE Papierkorb")).contains("NO [CANNOT]");
			client.send("a99 SELECT " + "x".repeat(70_000));
			assertThat(client.line()).startsWith("* BYE command line too long");
		}
		try (ImapTestClient client = signedIn(anna)) {
			assertThat(client.command("CAPABILITY")).contains("IMAP4rev1");
		}
	}

	@Test
	void randomBytesNeverStopTheServer() throws Exception {
		java.util.Random random = new java.util.Random(12);
		String[] pieces = { "a1 ", "FETCH ", "1:* ", "(", ")", "[", "]", "{5}\r\n", "{3+}\r\n", "\"", "\\", "BODY[", "<0.", ">", " ", "\r\n",
				"SEARCH ", "OR ", "NOT ", "LOGIN ", "APPEND ", "INBOX ", "%", "*", "UID ", "STORE ", "+FLAGS ", "&-", "&AOQ", "\0" };
		for (int round = 0; round < 20; round++) {
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
				socket.setSoTimeout(2000);
				java.io.OutputStream out = socket.getOutputStream();
				StringBuilder noise = new StringBuilder("x LOGIN " + anna.login() + " lang-genug-passwort-1\r\nx SELECT INBOX\r\n");
				for (int i = 0; i < 300; i++) {
					noise.append(pieces[random.nextInt(pieces.length)]);
					if (random.nextInt(10) == 0) {
						noise.append((char) random.nextInt(256));
					}
				}
				out.write(noise.toString().getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				socket.getInputStream().readNBytes(1);
			} catch (java.io.IOException closed) {
				// the server may end a hopeless connection; it must go on serving others
			}
		}
		try (ImapTestClient client = signedIn(anna)) {
			assertThat(client.command("SELECT INBOX")).contains("OK [READ-WRITE]");
		}
	}

	@Test
	void aSessionNeverSeesAnotherAccountsOrSchoolsFolders() throws Exception {
		TestSchools.UserRef ben = schools.createUser(school, "Ben", "Birke", "TEACHER", "lang-genug-passwort-2", null);
		TestSchools.SchoolRef other = schools.createSchool("Andere-Schule");
		TestSchools.UserRef cem = schools.createUser(other, "Cem", "Celik", "TEACHER", "lang-genug-passwort-3", null);
		Mailbox sekretariat = mailboxes.createFunction(school.id(), "sekretariat", "Sekretariat");
		mailboxes.addMember(sekretariat, anna.id());
		deliver(sekretariat, MessageStructureTests.sample("kurz.eml"));
		Mailbox foreign = mailboxes.createFunction(other.id(), "sekretariat", "Sekretariat");
		deliver(foreign, MessageStructureTests.sample("kurz.eml"));
		deliver(mailboxes.personal(school.id(), ben.id(), "Ben Birke"), MessageStructureTests.sample("kurz.eml"));

		try (ImapTestClient client = signedIn(anna)) {
			assertThat(client.command("NAMESPACE")).contains("((\"Funktionspostf&AOQ-cher/\" \"/\"))");
			String list = client.command("LIST \"\" *");
			assertThat(list).contains("\"Funktionspostf&AOQ-cher/sekretariat/INBOX\"");
			assertThat(client.command("SELECT Funktionspostf&AOQ-cher/sekretariat/INBOX")).contains("* 1 EXISTS");
			assertThat(client.command("STATUS Funktionspostf&AOQ-cher/sekretariat/INBOX (MESSAGES)")).contains("(MESSAGES 1)");
			mailboxes.removeMember(sekretariat, anna.id());
			assertThat(client.command("FETCH 1 (UID)")).contains("NO [NOPERM]");
			assertThat(client.command("FETCH 1 (UID)")).contains("BAD FETCH needs a selected folder");
		}
		try (ImapTestClient client = signedIn(ben)) {
			assertThat(client.command("LIST \"\" *")).doesNotContain("sekretariat");
			assertThat(client.command("SELECT Funktionspostf&AOQ-cher/sekretariat/INBOX")).contains("NO [NONEXISTENT]");
			assertThat(client.command("SELECT INBOX")).contains("* 1 EXISTS");
		}
		try (ImapTestClient client = signedIn(cem)) {
			assertThat(client.command("SELECT INBOX")).contains("* 0 EXISTS");
			assertThat(client.command("LIST \"\" *")).doesNotContain("sekretariat");
			assertThat(client.command("UID FETCH 1:* (UID)")).doesNotContain("FETCH (");
			assertThat(client.command("STATUS Funktionspostf&AOQ-cher/sekretariat/INBOX (MESSAGES)")).contains("NO [NONEXISTENT]");
		}
	}

	@Test
	void quotaShowsTheMailQuotaAndAFullMailboxRefusesAppend() throws Exception {
		SchulhausUser admin = users.load(schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-1", null).login()).orElseThrow();
		quotas.setPersonal(school.id(), anna.id(), null, 1L, admin);
		byte[] head = "From: joerg@example.org\r\nSubject: Gross\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		byte[] big = java.util.Arrays.copyOf(head, 400 * 1024);
		java.util.Arrays.fill(big, head.length, big.length, (byte) 'x');
		deliver(annas, big);
		Mailbox sekretariat = mailboxes.createFunction(school.id(), "sekretariat", "Sekretariat");
		mailboxes.addMember(sekretariat, anna.id());

		try (ImapTestClient client = new ImapTestClient(server.port())) {
			assertThat(client.greeting).contains(" QUOTA QUOTA=RES-STORAGE");
			assertThat(client.command("GETQUOTAROOT INBOX")).contains("BAD GETQUOTAROOT needs a sign-in first");
			client.command("LOGIN " + anna.login() + " " + anna.password());
			assertThat(client.command("GETQUOTAROOT INBOX")).startsWith("* QUOTAROOT \"INBOX\" \"\"\n* QUOTA \"\" (STORAGE 400 1024)\n")
				.contains("OK GETQUOTAROOT completed");
			assertThat(client.command("GETQUOTAROOT Archiv")).contains("* QUOTAROOT \"Archiv\" \"\"\n", "(STORAGE 400 1024)");
			assertThat(client.command("GETQUOTA \"\"")).isEqualTo("* QUOTA \"\" (STORAGE 400 1024)\n" + client.lastTag() + " OK GETQUOTA completed\n");
			assertThat(client.command("GETQUOTAROOT Funktionspostf&AOQ-cher/sekretariat/INBOX"))
				.as("a function mailbox counts against the school, which sets it no limit")
				.startsWith("* QUOTAROOT \"Funktionspostf&AOQ-cher/sekretariat/INBOX\"\n").doesNotContain("* QUOTA ");
			assertThat(client.command("GETQUOTAROOT Nirgends")).contains("NO [NONEXISTENT]");
			assertThat(client.command("GETQUOTA sekretariat")).contains("NO [NONEXISTENT]");
			assertThat(client.command("SETQUOTA \"\" (STORAGE 999999)")).contains("NO [NOPERM]");
			assertThat(client.command("GETQUOTA \"\"")).as("unchanged").contains("(STORAGE 400 1024)");

			client.send(client.nextTag() + " APPEND INBOX {700000}");
			assertThat(client.line()).as("refused before the client sends the message").startsWith(client.lastTag() + " NO [OVERQUOTA]");
			client.send(client.nextTag() + " APPEND INBOX {700000+}");
			client.sendBytes(new byte[700000]);
			client.send("");
			assertThat(client.until(client.lastTag())).contains("NO [OVERQUOTA]");
			assertThat(client.command("NOOP")).contains("OK NOOP");
			byte[] small = "Subject: Passt noch\r\n\r\nKlein\r\n".getBytes(StandardCharsets.US_ASCII);
			client.send(client.nextTag() + " APPEND INBOX {" + small.length + "+}");
			client.sendBytes(small);
			client.send("");
			assertThat(client.until(client.lastTag())).contains("OK [APPENDUID");
			client.send(client.nextTag() + " APPEND Funktionspostf&AOQ-cher/sekretariat/INBOX {700000+}");
			client.sendBytes(("Subject: Gross\r\n\r\n" + "x".repeat(700000 - 18)).getBytes(StandardCharsets.US_ASCII));
			client.send("");
			assertThat(client.until(client.lastTag())).as("the function mailbox is not the person's quota").contains("OK [APPENDUID");
			assertThat(client.command("GETQUOTA \"\"")).contains("(STORAGE 401 1024)");
		}
	}
}
