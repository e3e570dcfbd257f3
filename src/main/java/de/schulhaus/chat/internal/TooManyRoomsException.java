package de.schulhaus.chat.internal;

import java.time.Duration;

/** The person started too many chats within the hour (429): {@link #retryAfter} says when the next one is possible. */
public class TooManyRoomsException extends RuntimeException {

	public static final String MESSAGE_KEY = "chat.error.tooManyChats";

	private final Duration retryAfter;

	public TooManyRoomsException(Duration retryAfter) {
		super(MESSAGE_KEY);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return retryAfter;
	}
}
