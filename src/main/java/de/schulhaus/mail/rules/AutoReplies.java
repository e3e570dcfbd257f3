package de.schulhaus.mail.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.mail.internal.Submission;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * Answers a message with the person's absence note, once per sender in {@link #INTERVAL} (RFC 3834:
 * {@code Auto-Submitted: auto-replied}, to the envelope sender, referring to the message it answers, sent with
 * the empty envelope sender so that no other responder answers it and no bounce comes back).
 */
@Component
class AutoReplies {

	static final Duration INTERVAL = Duration.ofDays(7);
	private static final Logger log = LoggerFactory.getLogger(AutoReplies.class);

	private final JdbcClient jdbc;
	private final MessageStore store;
	private final Submission submission;

	AutoReplies(JdbcClient jdbc, MessageStore store, Submission submission) {
		this.jdbc = jdbc;
		this.store = store;
		this.submission = submission;
	}

	/** Sends the note if the rules allow and this sender was not answered within the interval; answers whether it did. */
	boolean answer(Submission.Sender person, Absence absence, StoredMessage message, InternetHeaders headers, String envelopeFrom,
			Set<String> ownAddresses) {
		if (!AutoReplyRules.mayAnswer(headers, envelopeFrom, ownAddresses)) {
			return false;
		}
		String sender = envelopeFrom.strip().toLowerCase(java.util.Locale.ROOT);
		if (sender.equals(person.address()) || ownAddresses.contains(sender) || !claim(person, sender)) {
			return false;
		}
		byte[] reply = compose(person, absence, message, sender);
		Submission.Result result = submission.autoReply(person, sender, store.stage(new ByteArrayInputStream(reply), reply.length + 1L));
		if (!result.anyAccepted()) {
			log.debug("Absence note of {} to {} was refused: {}", person.address(), sender, result.verdicts());
		}
		return result.anyAccepted();
	}

	/** Takes this sender's turn in one statement each, so two deliveries at once answer once. */
	private boolean claim(Submission.Sender person, String sender) {
		Instant now = Instant.now();
		int renewed = jdbc.sql("update mail_absence_reply set replied_at = :now where account_id = :account and sender = :sender "
				+ "and school_id = :school and replied_at < :cutoff")
			.param("now", Timestamp.from(now)).param("account", person.accountId()).param("sender", sender).param("school", person.schoolId())
			.param("cutoff", Timestamp.from(now.minus(INTERVAL))).update();
		if (renewed == 1) {
			return true;
		}
		return jdbc.sql("insert into mail_absence_reply (account_id, sender, school_id, replied_at) values (:account, :sender, :school, :now) "
				+ "on conflict do nothing")
			.param("account", person.accountId()).param("sender", sender).param("school", person.schoolId()).param("now", Timestamp.from(now))
			.update() == 1;
	}

	private static byte[] compose(Submission.Sender person, Absence absence, StoredMessage original, String to) {
		try {
			MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
			reply.setFrom(new InternetAddress(person.address(), person.from().displayName(), "UTF-8"));
			reply.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to));
			String subject = absence.subject() == null || absence.subject().isBlank()
					? "Abwesenheitsnotiz" + (original.subject() == null ? "" : ": " + original.subject())
					: absence.subject();
			reply.setSubject(subject, "UTF-8");
			reply.setText(absence.body(), "UTF-8");
			reply.setSentDate(new Date());
			reply.setHeader("Auto-Submitted", "auto-replied");
			reply.setHeader("X-Auto-Response-Suppress", "All");
			reply.setHeader("Precedence", "bulk");
			if (original.messageId() != null) {
				reply.setHeader("In-Reply-To", original.messageId());
				reply.setHeader("References", original.messageId());
			}
			reply.saveChanges();
			String domain = person.address().substring(person.address().indexOf('@') + 1);
			reply.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			reply.writeTo(out);
			return out.toByteArray();
		} catch (MessagingException | UnsupportedEncodingException e) {
			throw new IllegalStateException("could not write the absence note", e);
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
