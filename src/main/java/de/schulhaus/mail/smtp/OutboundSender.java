package de.schulhaus.mail.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.blobs.BlobStore;
import de.schulhaus.mail.MailProperties;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.StagedMessage;
import de.schulhaus.mail.internal.Submission;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Sends the due recipients of {@code mail_outbound_*} through the smarthost, every few seconds and right
 * after mail was queued on this node. An answer of 4xx (or no connection) tries again after 1 min, 5 min,
 * 30 min, 2 h and then every 4 h; a 5xx, or still no success after 3 days, bounces to the sender's inbox
 * (never for a message without sender, which is a bounce itself). Without a smarthost mail waits.
 */
@Component
public class OutboundSender {

	private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);
	private static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
			Duration.ofHours(2), Duration.ofHours(4));
	static final Duration GIVE_UP_AFTER = Duration.ofDays(3);
	private static final Duration LEASE = Duration.ofMinutes(15);
	private static final Duration WAITING_LOG_EVERY = Duration.ofMinutes(10);

	private final OutboundRows rows;
	private final BlobStore blobs;
	private final MessageStore store;
	private final Submission submission;
	private final MailProperties properties;
	private final SmtpServices services;
	private final TransactionTemplate transaction;
	private final DkimSigner dkim;
	private final SSLContext smarthostTrust;
	private final Clock clock;
	private volatile Instant lastWaitingLog = Instant.EPOCH;

	@Autowired
	OutboundSender(OutboundRows rows, BlobStore blobs, MessageStore store, Submission submission, MailProperties properties, SmtpServices services,
			PlatformTransactionManager transactions) {
		this(rows, blobs, store, submission, properties, services, transactions, Clock.systemUTC());
	}

	/** With its own clock: tests let days pass between attempts without waiting for them. */
	OutboundSender(OutboundRows rows, BlobStore blobs, MessageStore store, Submission submission, MailProperties properties, SmtpServices services,
			PlatformTransactionManager transactions, Clock clock) {
		this.clock = clock;
		this.rows = rows;
		this.blobs = blobs;
		this.store = store;
		this.submission = submission;
		this.properties = properties;
		this.services = services;
		this.transaction = new TransactionTemplate(transactions);
		this.dkim = properties.dkim().configured() ? DkimSigner.load(properties.dkim().selector(), properties.dkim().privateKey()) : null;
		this.smarthostTrust = SmarthostTrust.context(properties.smarthost().trustCertificate());
	}

	/** Sends what is due now (void: ShedLock locks no method that returns a value). */
	@Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
	@SchedulerLock(name = "mail.outbound", lockAtMostFor = "PT15M")
	public void sendDue() {
		Instant now = clock.instant();
		if (!properties.smarthost().configured()) {
			if (now.isAfter(lastWaitingLog.plus(WAITING_LOG_EVERY))) {
				int waiting = rows.countDue(now);
				if (waiting > 0) {
					lastWaitingLog = now;
					log.warn("{} recipients of mail for outside are waiting: no smarthost is configured (schulhaus.mail.smarthost.host)", waiting);
				}
			}
			return;
		}
		Map<UUID, List<OutboundRows.Due>> byMessage = new LinkedHashMap<>();
		for (OutboundRows.Due due : rows.due(now, 200)) {
			if (rows.claim(due, now.plus(LEASE))) {
				byMessage.computeIfAbsent(due.messageId(), id -> new ArrayList<>()).add(due);
			}
		}
		SmarthostClient client = new SmarthostClient(properties.smarthost(), services.hostName(), smarthostTrust);
		for (List<OutboundRows.Due> recipients : byMessage.values()) {
			send(client, recipients);
		}
	}

	private void send(SmarthostClient client, List<OutboundRows.Due> recipients) {
		OutboundRows.Due first = recipients.get(0);
		Map<String, SmarthostReply> replies;
		byte[] signature = signature(first);
		try (InputStream stored = blobs.open(first.blobId()).orElseThrow(() -> new IOException("queued message " + first.messageId() + " has no content"));
				InputStream message = new SequenceInputStream(new ByteArrayInputStream(signature), DotStuffing.withoutReturnPath(stored))) {
			replies = client.send(first.envelopeFrom(), recipients.stream().map(OutboundRows.Due::address).toList(), message,
					first.size() + signature.length);
		} catch (IOException | RuntimeException e) {
			SmarthostReply failed = SmarthostReply.temporary(e.getMessage());
			replies = new LinkedHashMap<>();
			for (OutboundRows.Due due : recipients) {
				replies.put(due.address(), failed);
			}
		}
		Instant now = clock.instant();
		List<OutboundRows.Due> finished = new ArrayList<>();
		List<DeliveryReport.Failure> failures = new ArrayList<>();
		List<Runnable> later = new ArrayList<>();
		for (OutboundRows.Due due : recipients) {
			SmarthostReply reply = replies.getOrDefault(due.address(), SmarthostReply.temporary("no answer"));
			if (reply.positive()) {
				finished.add(due);
				continue;
			}
			Instant next = now.plus(BACKOFF.get(Math.min(due.attempts(), BACKOFF.size() - 1)));
			if (reply.permanent() || next.isAfter(due.createdAt().plus(GIVE_UP_AFTER))) {
				finished.add(due);
				failures.add(new DeliveryReport.Failure(due.address(), reply));
			} else {
				later.add(() -> rows.retryLater(due, next, reply.line()));
				log.info("mail {} to {} waits until {}: {}", due.messageId(), due.address(), next, reply.line());
			}
		}
		StagedMessage bounce = failures.isEmpty() || first.envelopeFrom().isEmpty() ? null : stageBounce(first, failures);
		transaction.executeWithoutResult(status -> {
			later.forEach(Runnable::run);
			if (bounce != null) {
				Submission.Result result = submission.receive("", List.of(first.envelopeFrom()), bounce);
				if (result.delivered() == 0) {
					log.warn("bounce for mail {} could not be delivered to {}", first.messageId(), first.envelopeFrom());
				}
			}
			finished.forEach(rows::done);
		});
	}

	/** The DKIM-Signature line for the sender's domain, or nothing (no key, no sender, or the signing failed: sent unsigned). */
	private byte[] signature(OutboundRows.Due message) {
		int at = message.envelopeFrom().lastIndexOf('@');
		if (dkim == null || at < 0) {
			return new byte[0];
		}
		try (InputStream stored = blobs.open(message.blobId()).orElseThrow(() -> new IOException("no content"))) {
			return dkim.sign(stored, message.envelopeFrom().substring(at + 1));
		} catch (IOException | RuntimeException e) {
			log.warn("mail {} goes out without DKIM signature: {}", message.messageId(), e.toString());
			return new byte[0];
		}
	}

	private StagedMessage stageBounce(OutboundRows.Due message, List<DeliveryReport.Failure> failures) {
		byte[] report;
		try (InputStream original = blobs.open(message.blobId()).orElse(InputStream.nullInputStream())) {
			report = DeliveryReport.of(services.hostName(), message.envelopeFrom(), message.subject(), message.createdAt(), failures, original);
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		return store.stage(new ByteArrayInputStream(report), properties.maxMessageSize().toBytes());
	}
}
