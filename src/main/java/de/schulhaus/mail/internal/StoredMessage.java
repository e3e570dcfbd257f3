package de.schulhaus.mail.internal;

import java.time.Instant;
import java.util.UUID;

/** A message in a folder as lists, IMAP and the reading pane see it (the raw message is the blob). */
public record StoredMessage(UUID id, UUID schoolId, UUID mailboxId, UUID folderId, long uid, long modseq, UUID blobId, long sizeBytes,
		long headerBytes, Instant receivedAt, Flags flags, Instant sentAt, String subject, String fromAddress, String fromName, String toText,
		String ccText, String messageId, String inReplyTo, UUID threadId, boolean hasAttachments, String preview) {
}
