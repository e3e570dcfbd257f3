package de.schulhaus.chat.internal;

/** The message was deleted: it can no longer be edited, answered or reacted to. */
public class MessageDeletedException extends RuntimeException {

	public MessageDeletedException() {
		super("chat.error.deletedMessage");
	}

	public String messageKey() {
		return "chat.error.deletedMessage";
	}
}
