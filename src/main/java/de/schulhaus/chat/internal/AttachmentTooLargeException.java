package de.schulhaus.chat.internal;

/** A file larger than {@code schulhaus.chat.attachment-max-bytes} was to be posted: nothing is stored. */
public class AttachmentTooLargeException extends RuntimeException {

	private final long limit;

	AttachmentTooLargeException(long limit) {
		super("attachment larger than " + limit + " bytes");
		this.limit = limit;
	}

	/** The largest file the messenger takes, in bytes. */
	public long limit() {
		return limit;
	}
}
