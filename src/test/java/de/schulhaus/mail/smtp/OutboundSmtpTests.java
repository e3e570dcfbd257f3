package de.schulhaus.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.IntegrationTest;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.blobs.BlobStore;
import de.schulhaus.mail.MailProperties;
import de.schulhaus.mail.internal.Submission;
import de.schulhaus.mail.internal.StagedMessage;
import de.schulhaus.TestSchools;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StoredMessage;

/** Mail for outside through a smarthost: a second SMTP server in the test that takes, refuses (550) or defers (451) by recipient. */
@IntegrationTest
class OutboundSmtpTests {

	record Received(String from, List<String> to, String text) {
	}

	static final List<Received> SINK = new CopyOnWriteArrayList<>();
	static final SMTPServer SMARTHOST = SMTPServer.port(0).bindAddress(java.net.InetAddress.getLoopbackAddress())
		.messageHandlerFactory(context -> new SinkTransaction()).insertReceivedHeaders(false)
		.build();

	static final KeyPair DKIM_KEY;
	static final Path DKIM_PEM;

	static {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			DKIM_KEY = generator.generateKeyPair();
			DKIM_PEM = Files.createDirectories(Path.of("target", "test-data")).resolve("dkim-" + System.nanoTime() + ".pem");
			try (JcaPEMWriter pem = new JcaPEMWriter(Files.newBufferedWriter(DKIM_PEM))) {
				pem.writeObject(DKIM_KEY.getPrivate());
			}
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
		// it lives as long as the cached context that sends to it, so until the JVM ends
		SMARTHOST.start();
	}

	/** Takes mail like the smarthost of a provider; the recipient's local part says what it answers. */
	static final class SinkTransaction implements org.subethamail.smtp.MessageHandler {
		private String from;
		private final List<String> to = new java.util.ArrayList<>();

		@Override
		public void from(String from) {
			this.from = from;
		}

		@Override
		public void recipient(String recipient) throws RejectException {
			if (recipient.startsWith("abgelehnt@")) {
				throw new RejectException(550, "5.1.1 User unknown");
			}
			if (recipient.startsWith("spaeter@")) {
				throw new RejectException(451, "4.2.0 Try again later");
			}
			to.add(recipient);
		}

		@Override
		public String data(InputStream data) throws java.io.IOException {
			SINK.add(new Received(from, List.copyOf(to), new String(data.readAllBytes(), StandardCharsets.UTF_8)));
			return null;
		}

		@Override
		public void done() {
		}
	}

	@DynamicPropertySource
	static void smarthost(DynamicPropertyRegistry registry) {
		registry.add("schulhaus.mail.smarthost.host", () -> "127.0.0.1");
		registry.add("schulhaus.mail.smarthost.port", SMARTHOST::getPortAllocated);
		registry.add("schulhaus.mail.smarthost.tls", () -> "none");
		registry.add("schulhaus.mail.dkim.selector", () -> "test2026");
		registry.add("schulhaus.mail.dkim.private-key", DKIM_PEM::toString);
	}

	@Autowired MockMvc mvc;
	@Autowired SmtpListeners listeners;
	@Autowired OutboundSender sender;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageStore store;
	@Autowired JdbcClient jdbc;
	@Autowired BlobStore blobs;
	@Autowired PlatformTransactionManager transactions;
	@Autowired OutboundRows rows;
	@Autowired Submission submission;
	@Autowired MailProperties properties;
	@Autowired SmtpServices services;

	TestSchools.SchoolRef school;
	TestSchools.UserRef anna;

	@BeforeEach
	void setUp() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		school = schools.createSchool("Ausgang-Schule");
		anna = schools.createUser(school, "Anna", "Amsel", "TEACHER", "lang-genug-passwort-1", null);
	}

	@Test
	void mailForOutsideReachesTheSmarthostAndLeavesTheQueue() throws Exception {
		send("eltern." + school.number() + "@example.com", "Wandertag");
		waitFor(() -> received("eltern." + school.number() + "@example.com") != null);
		Received received = received("eltern." + school.number() + "@example.com");
		assertThat(received.from()).isEqualTo(anna.login());
		// signed; our Return-Path stays home; the rest arrives as sent, dots and all
		assertThat(received.text()).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + school.domain() + "; s=test2026;")
			.contains("\r\nReceived: from client.example.org", "Subject: Wandertag", "\r\n.eine Zeile mit Punkt\r\n").doesNotContain("Return-Path");
		assertThat(dkimVerifies(received.text())).isTrue();
		waitFor(() -> queued() == 0);
		assertThat(jdbc.sql("select count(*) from mail_outbound_message where school_id = :s").param("s", school.id()).query(Integer.class).single())
			.isZero();
	}

	@Test
	void aPermanentRefusalBouncesIntoTheSendersInbox() throws Exception {
		send("abgelehnt@example.com", "Zeugnisse");
		waitFor(() -> !inbox().isEmpty());
		StoredMessage bounce = inbox().get(0);
		assertThat(bounce.subject()).isEqualTo("Unzustellbar: Zeugnisse");
		try (InputStream raw = store.open(bounce)) {
			String text = new String(raw.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(text).startsWith("Return-Path: <>").contains("multipart/report; report-type=delivery-status",
					"Final-Recipient: rfc822; abgelehnt@example.com", "Action: failed", "Status: 5.1.1",
					"Diagnostic-Code: smtp; 550 5.1.1 User unknown", "Content-Type: text/rfc822-headers", "Subject: Zeugnisse");
		}
		waitFor(() -> queued() == 0);
	}

	@Test
	void aTemporaryRefusalLeavesTheRecipientQueuedForLater() throws Exception {
		send("spaeter@example.com", "Elternbrief");
		waitFor(() -> attempts() > 0);
		Map<String, Object> row = jdbc.sql("select attempts, last_error, next_attempt_at from mail_outbound_recipient where school_id = :s")
			.param("s", school.id()).query().singleRow();
		assertThat(row.get("attempts")).isEqualTo(1);
		assertThat((String) row.get("last_error")).startsWith("451 4.2.0");
		OffsetDateTime next = jdbc.sql("select next_attempt_at from mail_outbound_recipient where school_id = :s").param("s", school.id())
			.query(OffsetDateTime.class).single();
		assertThat(next.toInstant()).isAfter(Instant.now().plusSeconds(30));
		// sending again now tries nothing of it: it is not due
		sender.sendDue();
		assertThat(attempts()).isEqualTo(1);
		assertThat(inbox()).isEmpty();
	}

	@Test
	void aBounceThatCannotBeDeliveredIsNeverBouncedAndItsContentGoesWithItsRow() throws Exception {
		StagedMessage staged = store.stage(new ByteArrayInputStream(SmtpDialog.message("", "abgelehnt@example.com", "Abwesend")
			.getBytes(StandardCharsets.UTF_8)), 1_000_000);
		UUID messageId = UUID.randomUUID();
		UUID blobId = new TransactionTemplate(transactions).execute(status -> {
			UUID blob = blobs.attach(staged.blob(), BlobOwner.school(school.id()));
			Timestamp now = Timestamp.from(Instant.now());
			jdbc.sql("insert into mail_outbound_message (id, school_id, account_id, envelope_from, blob_id, size_bytes, created_at) "
					+ "values (:id, :s, :a, '', :b, :size, :now)")
				.param("id", messageId).param("s", school.id()).param("a", anna.id()).param("b", blob).param("size", staged.size())
				.param("now", now).update();
			jdbc.sql("insert into mail_outbound_recipient (message_id, address, school_id, attempts, next_attempt_at) "
					+ "values (:id, 'abgelehnt@example.com', :s, 0, :now)")
				.param("id", messageId).param("s", school.id()).param("now", now).update();
			return blob;
		});
		sender.sendDue();
		waitFor(() -> queued() == 0);
		assertThat(blobs.size(blobId)).isEmpty();
		assertThat(inbox()).isEmpty();
	}

	@Test
	void aRecipientThatIsOnlyEverDeferredBouncesWhenTheSenderGivesUp() throws Exception {
		send("spaeter@example.com", "Klassenfahrt");
		// the first try, by the application's own sender, the moment the message was queued
		waitFor(() -> attempts() > 0);
		Instant queuedAt = jdbc.sql("select created_at from mail_outbound_message where school_id = :s").param("s", school.id())
			.query(OffsetDateTime.class).single().toInstant();
		MovableClock clock = new MovableClock();
		OutboundSender later = sender(properties, clock);
		Instant lastTry = null;
		int tries = 1;
		while (queued() > 0) {
			assertThat(inbox()).as("no bounce while the sender still tries (try %d)", tries).isEmpty();
			assertThat(tries).as("tries").isLessThan(40);
			// the days pass: each retry at the time the row names
			lastTry = nextAttempt();
			clock.now = lastTry;
			later.sendDue();
			tries++;
		}
		// at last every 4 h: the try that gives up is within 4 h of the three days, not earlier
		assertThat(lastTry).isAfter(queuedAt.plus(OutboundSender.GIVE_UP_AFTER).minus(Duration.ofHours(4)))
			.isBefore(queuedAt.plus(OutboundSender.GIVE_UP_AFTER));
		assertThat(tries).as("tries in three days").isGreaterThan(15);
		assertThat(SINK.stream().filter(r -> r.to().contains("spaeter@example.com"))).as("never taken").isEmpty();
		assertThat(inbox()).hasSize(1);
		StoredMessage bounce = inbox().get(0);
		assertThat(bounce.subject()).isEqualTo("Unzustellbar: Klassenfahrt");
		try (InputStream raw = store.open(bounce)) {
			assertThat(new String(raw.readAllBytes(), StandardCharsets.UTF_8)).contains("multipart/report; report-type=delivery-status",
					"Final-Recipient: rfc822; spaeter@example.com", "Action: failed", "Status: 4.2.0",
					"Diagnostic-Code: smtp; 451 4.2.0 Try again later", "Subject: Klassenfahrt");
		}
		assertThat(jdbc.sql("select count(*) from mail_outbound_message where school_id = :s").param("s", school.id()).query(Integer.class).single())
			.isZero();
	}

	@Test
	void anUnreachableSmarthostLeavesTheMessageQueuedWithARetryTimeAndTheReason() throws Exception {
		send("spaeter@example.com", "Sportfest");
		waitFor(() -> attempts() > 0);
		UUID messageId = jdbc.sql("select id from mail_outbound_message where school_id = :s").param("s", school.id()).query(UUID.class).single();
		UUID blobId = jdbc.sql("select blob_id from mail_outbound_message where school_id = :s").param("s", school.id()).query(UUID.class).single();
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		MailProperties p = properties;
		MailProperties unreachable = new MailProperties(p.enabled(), p.hostname(), p.bindAddress(), p.smtp(), p.submission(), p.imap(), p.imaps(),
				p.maxMessageSize(), p.tls(), p.limits(), new MailProperties.Smarthost("127.0.0.1", closedPort, "none", null, null, null), p.dkim());
		MovableClock clock = new MovableClock();
		clock.now = nextAttempt();
		Instant tried = clock.now;

		ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(OutboundSender.class);
		ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
		ch.qos.logback.classic.Level level = logger.getLevel();
		logged.start();
		logger.addAppender(logged);
		logger.setLevel(ch.qos.logback.classic.Level.INFO);
		try {
			sender(unreachable, clock).sendDue();
		} finally {
			logger.detachAppender(logged);
			logger.setLevel(level);
		}

		Map<String, Object> row = jdbc.sql("select attempts, last_error, next_attempt_at from mail_outbound_recipient where school_id = :s")
			.param("s", school.id()).query().singleRow();
		assertThat(row.get("attempts")).isEqualTo(2);
		assertThat((String) row.get("last_error")).startsWith("451 4.4.1 smarthost 127.0.0.1: ").contains("Connection refused");
		assertThat(nextAttempt()).isEqualTo(tried.plus(Duration.ofMinutes(5)));
		// nothing lost: the message and its content wait for the next try, and the writer got no bounce
		assertThat(jdbc.sql("select count(*) from mail_outbound_message where id = :id").param("id", messageId).query(Integer.class).single())
			.isEqualTo(1);
		assertThat(blobs.size(blobId)).isPresent();
		assertThat(inbox()).isEmpty();
		assertThat(logged.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
			.anySatisfy(line -> assertThat(line).contains(messageId.toString(), "spaeter@example.com", "Connection refused"));
	}

	private void send(String to, String subject) throws Exception {
		try (SmtpDialog smtp = new SmtpDialog(listeners.submissionPort())) {
			smtp.send("EHLO client.example.org");
			smtp.startTls();
			assertThat(smtp.authPlain(anna.login(), "lang-genug-passwort-1")).startsWith("235");
			assertThat(smtp.send("MAIL FROM:<" + anna.login() + ">")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<" + to + ">")).startsWith("250");
			assertThat(smtp.data(SmtpDialog.message(anna.login(), to, subject))).startsWith("250 2.0.0");
		}
	}

	/** dkimpy (Debian python3-dkim) checks the signature with our public key as its DNS answer; required on CI, skipped elsewhere. */
	private static boolean dkimVerifies(String message) throws Exception {
		boolean installed = new ProcessBuilder("/usr/bin/python3", "-c", "import dkim").start().waitFor() == 0;
		if ("true".equals(System.getenv("CI"))) {
			assertThat(installed).as("python3-dkim is installed on CI (.ci/run)").isTrue();
		}
		org.junit.jupiter.api.Assumptions.assumeTrue(installed, "python3-dkim is not installed");
		Path file = Files.createTempFile(Path.of("target"), "dkim", ".eml");
		Files.writeString(file, message);
		String script = "import dkim,sys\nmsg=open(sys.argv[1],'rb').read()\n"
				+ "print(dkim.verify(msg, dnsfunc=lambda name, timeout=5: ('v=DKIM1; k=rsa; p=' + sys.argv[2]).encode()))";
		Process python = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString(),
				Base64.getEncoder().encodeToString(DKIM_KEY.getPublic().getEncoded())).redirectErrorStream(true).start();
		String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		python.waitFor();
		Files.delete(file);
		assertThat(out).isIn("True", "False");
		return out.equals("True");
	}

	/** A sender as the application has, but on a clock of the test's own and with the given settings. */
	private OutboundSender sender(MailProperties settings, Clock clock) {
		return new OutboundSender(rows, blobs, store, submission, settings, services, transactions, clock);
	}

	private Instant nextAttempt() {
		return jdbc.sql("select next_attempt_at from mail_outbound_recipient where school_id = :s").param("s", school.id())
			.query(OffsetDateTime.class).single().toInstant();
	}

	/** A clock the test sets. */
	static final class MovableClock extends Clock {
		volatile Instant now = Instant.now();

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	}

	private Received received(String to) {
		return SINK.stream().filter(r -> r.to().contains(to)).findFirst().orElse(null);
	}

	private int queued() {
		return jdbc.sql("select count(*) from mail_outbound_recipient where school_id = :s").param("s", school.id()).query(Integer.class).single();
	}

	private int attempts() {
		return jdbc.sql("select coalesce(max(attempts), 0) from mail_outbound_recipient where school_id = :s").param("s", school.id())
			.query(Integer.class).single();
	}

	private List<StoredMessage> inbox() {
		Mailbox box = mailboxes.personal(school.id(), anna.id(), "x");
		return store.byUids(folders.special(box, SpecialUse.INBOX).orElseThrow(), List.of(1L));
	}

	private static void waitFor(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
			Thread.sleep(100);
		}
	}
}
