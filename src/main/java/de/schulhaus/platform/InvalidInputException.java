package de.schulhaus.platform;

import java.util.List;

/**
 * Input that breaks a rule of the domain. Carries a message key (resolved in the user's language)
 * and, where it concerns one field, the field's name.
 */
public class InvalidInputException extends RuntimeException {

	private final String field;
	private final String messageKey;
	private final transient List<Object> args;

	public InvalidInputException(String field, String messageKey, Object... args) {
		super(messageKey);
		this.field = field;
		this.messageKey = messageKey;
		this.args = List.of(args);
	}

	public String field() {
		return field;
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] args() {
		return args.toArray();
	}
}
