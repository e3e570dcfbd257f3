package de.schulhaus.chat.internal;

import java.time.Instant;

/**
 * A room a person may read, and whether they may post there right now; if not, why
 * ({@code refusalKey}, a message key; {@code mutedUntil} for a mute that ends). Leaders moderate the
 * room: a roster group's leaders, a group chat's starter, the school's admins for the announcements.
 */
public record RoomRights(Room room, boolean mayPost, boolean leader, String refusalKey, Instant mutedUntil, boolean muted) {

	public RoomRights(Room room, boolean mayPost) {
		this(room, mayPost, false, mayPost ? null : "chat.error.archived", null, false);
	}

	/** Why this person may not post (only when {@link #mayPost()} is false). */
	public PostingNotAllowedException refusal() {
		return new PostingNotAllowedException(refusalKey == null ? "chat.error.archived" : refusalKey, mutedUntil);
	}
}
