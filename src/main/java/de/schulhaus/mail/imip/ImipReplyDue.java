package de.schulhaus.mail.imip;

import java.util.UUID;

/** A delivered message that answers an invitation, to hand to the calendar after the delivery committed. */
public record ImipReplyDue(UUID schoolId, UUID accountId, UUID messageId) {
}
