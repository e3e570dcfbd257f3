package de.schulhaus.chat.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A room as stored. Who may read a roster group's room is never stored: {@link RoomAccess} asks the
 * roster; direct and group chats have their members in chat_member. {@code lastSeq} is the number of
 * the room's newest message (0: none yet). {@code archived} is true when the room is read-only for
 * good: its group archived or gone, or a leader archived it ({@code closed}).
 */
public record Room(UUID id, UUID schoolId, UUID groupId, String name, boolean archived, long lastSeq, Instant lastActivityAt, RoomKind kind,
		boolean locked, boolean closed) {

	public Room(UUID id, UUID schoolId, UUID groupId, String name, boolean archived, long lastSeq, Instant lastActivityAt) {
		this(id, schoolId, groupId, name, archived, lastSeq, lastActivityAt, RoomKind.GROUP, false, false);
	}

	/** The same room under the name one person sees (a direct chat is named after the other person). */
	Room named(String shownName) {
		return new Room(id, schoolId, groupId, shownName, archived, lastSeq, lastActivityAt, kind, locked, closed);
	}
}
