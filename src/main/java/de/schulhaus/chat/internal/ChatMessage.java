package de.schulhaus.chat.internal;

import java.time.Instant;
import java.util.UUID;

/** A message as readers see it: plain text, numbered per room from 1 without gaps. */
public record ChatMessage(UUID id, UUID roomId, long seq, UUID authorId, String authorName, String body, Instant createdAt) {
}
