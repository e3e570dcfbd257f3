package de.schulhaus.chat.internal;

/** The person reads the room but may not post there (its group is archived). */
public class PostingNotAllowedException extends RuntimeException {

	private final String messageKey;

	public PostingNotAllowedException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return messageKey;
	}
}
