package de.schulhaus.chat.internal;

import java.util.UUID;

/**
 * Something passing that the other members of a room may show, best effort: someone is typing
 * ({@link #TYPING}), someone has read up to {@code seq} ({@link #READ}). Never stored; a signal that
 * does not arrive is simply not shown, and it is the first thing dropped when a client falls behind.
 */
public record LiveSignal(String kind, UUID schoolId, UUID roomId, UUID accountId, String name, long seq) {

	public static final String TYPING = "typing";
	public static final String READ = "read";

	public static LiveSignal typing(UUID schoolId, UUID roomId, UUID accountId, String name) {
		return new LiveSignal(TYPING, schoolId, roomId, accountId, name, 0);
	}

	public static LiveSignal read(UUID schoolId, UUID roomId, UUID accountId, long seq) {
		return new LiveSignal(READ, schoolId, roomId, accountId, null, seq);
	}
}
