package de.schulhaus.mail.internal;

/** A message longer than the limit; nothing of it was kept. */
public class MessageTooLargeException extends RuntimeException {

	private final long limit;

	public MessageTooLargeException(long limit) {
		super("message larger than " + limit + " bytes");
		this.limit = limit;
	}

	public long limit() {
		return limit;
	}
}
