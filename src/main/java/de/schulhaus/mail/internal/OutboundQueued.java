package de.schulhaus.mail.internal;

import java.util.UUID;

/** Mail for outside was queued; published in the queuing transaction, so the sender can start right after its commit. */
public record OutboundQueued(UUID schoolId, UUID messageId) {
}
