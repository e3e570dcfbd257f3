package de.schulhaus.mail.smtp;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.schulhaus.mail.internal.Submission;

/**
 * A message answered with {@code 250} that some mailboxes refused because they filled up after {@code RCPT}:
 * the sender learns it from a bounce (RFC 3464, {@code 5.2.2}), into their mailbox when they are of the
 * platform, else through the queue for outside. A message without sender is itself a bounce and gets none.
 */
final class MailboxFullBounce {

	private static final Logger log = LoggerFactory.getLogger(MailboxFullBounce.class);
	private static final SmarthostReply FULL = new SmarthostReply(552, "5.2.2 Mailbox full");

	private MailboxFullBounce() {
	}

	/** Sends it; a failure is logged, never thrown: the message is delivered and the client has its answer coming. */
	static void send(SmtpServices services, UUID schoolId, String envelopeFrom, List<String> full, String subject, Instant arrived,
			byte[] originalHeader) {
		if (full.isEmpty() || envelopeFrom == null || envelopeFrom.isEmpty()) {
			return;
		}
		try {
			List<DeliveryReport.Failure> failures = full.stream().map(address -> new DeliveryReport.Failure(address, FULL)).toList();
			byte[] report = DeliveryReport.of(services.hostName(), envelopeFrom, subject, arrived, failures, new ByteArrayInputStream(originalHeader));
			Submission.Result result = services.submission().returnToSender(schoolId, envelopeFrom,
					services.store().stage(new ByteArrayInputStream(report), services.properties().maxMessageSize().toBytes()));
			if (result.delivered() + result.queued() == 0) {
				log.warn("bounce to {} for full mailboxes {} could not be delivered", envelopeFrom, full);
			}
		} catch (RuntimeException e) {
			log.warn("bounce to {} for full mailboxes {} could not be sent: {}", envelopeFrom, full, e.toString(), e);
		}
	}
}
