package de.schulhaus.chat.internal;

/** The person reads the room (or may use the messenger) but may not do this there: 403 with the message key's text. */
public class NotAllowedException extends RuntimeException {

	private final String messageKey;

	public NotAllowedException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return messageKey;
	}
}
