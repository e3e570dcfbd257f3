package de.schulhaus.chat.internal;

import java.time.Instant;

/** The person reads the room but may not post there (archived, locked, announcements only, muted). */
public class PostingNotAllowedException extends RuntimeException {

	private final String messageKey;
	private final Instant until;

	public PostingNotAllowedException(String messageKey) {
		this(messageKey, null);
	}

	public PostingNotAllowedException(String messageKey, Instant until) {
		super(messageKey);
		this.messageKey = messageKey;
		this.until = until;
	}

	public String messageKey() {
		return messageKey;
	}

	/** When a mute ends (null: not a mute, or until a leader lifts it). */
	public Instant until() {
		return until;
	}
}
