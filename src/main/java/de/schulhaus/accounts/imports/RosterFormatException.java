package de.schulhaus.accounts.imports;

import java.util.Arrays;
import java.util.List;

/**
 * The file as a whole cannot be read (not XML, wrong ZIP password, no header row, required column missing ...).
 * Carries a message key and arguments instead of text, so the web layer can show it in the user's language.
 */
public class RosterFormatException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String messageKey;

	private final transient List<Object> args;

	public RosterFormatException(String messageKey, Object... args) {
		this(null, messageKey, args);
	}

	public RosterFormatException(Throwable cause, String messageKey, Object... args) {
		super(messageKey + " " + Arrays.toString(args), cause);
		this.messageKey = messageKey;
		this.args = RowError.safeArgs(Arrays.asList(args));
	}

	/** Key in {@code i18n/imports_*.properties}. */
	public String messageKey() {
		return this.messageKey;
	}

	/** The {0}, {1} ... arguments of the message. */
	public List<Object> args() {
		return this.args;
	}

}
