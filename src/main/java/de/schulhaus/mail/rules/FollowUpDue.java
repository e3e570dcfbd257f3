package de.schulhaus.mail.rules;

import java.util.UUID;

/**
 * A delivery that needs work after its commit: a quota warning, forwarding or an absence note. Published
 * in the delivering transaction only when one of them applies, so an ordinary delivery writes no event.
 *
 * @param quotaPercent the mailbox's fill level to warn about, or null for no warning
 */
public record FollowUpDue(UUID schoolId, UUID mailboxId, UUID accountId, UUID messageId, String envelopeFrom, Integer quotaPercent) {
}
