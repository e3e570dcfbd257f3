package de.schulhaus.mail;

import java.util.UUID;

/**
 * A message arrived in a mailbox's inbox (from SMTP, the webmail or another person of the platform).
 * Published in the delivering transaction and heard there: listeners decide whether the delivery needs work
 * after the commit (auto-replies, forwarding, quota warnings) and publish a durable event of their own for it.
 *
 * @param envelopeFrom the SMTP sender (empty for bounces)
 * @param calendarReply whether the message carries an answer to an invitation ({@code text/calendar; method=REPLY})
 */
public record MailDelivered(UUID schoolId, UUID mailboxId, UUID accountId, UUID messageId, String envelopeFrom, boolean calendarReply) {
}
