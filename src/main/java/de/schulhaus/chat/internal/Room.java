package de.schulhaus.chat.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A roster group's room as stored. Who may read it is never stored: {@link RoomAccess} asks the
 * roster. {@code lastSeq} is the number of the room's newest message (0: none yet).
 */
public record Room(UUID id, UUID schoolId, UUID groupId, String name, boolean archived, long lastSeq, Instant lastActivityAt) {
}
