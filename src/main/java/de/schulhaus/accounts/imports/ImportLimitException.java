package de.schulhaus.accounts.imports;

/**
 * The file is readable but larger than the {@link ImportLimits} allow: unpacked too large, too many persons,
 * groups or memberships. The admin has to split or trim it; nothing of it is kept.
 */
public class ImportLimitException extends RosterFormatException {

	private static final long serialVersionUID = 1L;

	public ImportLimitException(String messageKey, Object... args) {
		super(messageKey, args);
	}

	public ImportLimitException(Throwable cause, String messageKey, Object... args) {
		super(cause, messageKey, args);
	}

}
