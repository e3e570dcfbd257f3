package de.schulhaus.accounts;

import de.schulhaus.accounts.internal.GuessablePasswords;
import de.schulhaus.platform.InvalidInputException;

/**
 * What a password must be: long rather than complicated (BSI and NIST advise length over rules), and
 * not easy to guess - no common password, word or name with digits added, nothing built on the
 * person's own name or address. The refusal says why, in the person's language.
 */
public final class PasswordRules {

	public static final int MIN_LENGTH = 10;

	static final int MAX_LENGTH = 200;

	private PasswordRules() {
	}

	/**
	 * @param field the form or API field the error belongs to
	 * @param login the service address or just its local part
	 * @throws InvalidInputException with a message key under {@code accounts.error.password}
	 */
	public static void check(String field, String password, String firstName, String lastName, String login) {
		if (password == null || password.length() < MIN_LENGTH) {
			throw new InvalidInputException(field, "accounts.error.passwordShort", MIN_LENGTH);
		}
		if (password.length() > MAX_LENGTH) {
			throw new InvalidInputException(field, "accounts.error.passwordLong");
		}
		GuessablePasswords.weakness(password, firstName, lastName, login).ifPresent(weakness -> {
			throw new InvalidInputException(field, messageKey(weakness));
		});
	}

	static String messageKey(GuessablePasswords.Weakness weakness) {
		return switch (weakness) {
			case PERSONAL -> "accounts.error.passwordGuessable.personal";
			case COMMON_PASSWORD -> "accounts.error.passwordGuessable.commonPassword";
			case COMMON_WORD -> "accounts.error.passwordGuessable.commonWord";
			case DATE -> "accounts.error.passwordGuessable.date";
			case SEQUENCE -> "accounts.error.passwordGuessable.sequence";
			case REPEAT -> "accounts.error.passwordGuessable.repeat";
			case KEYBOARD -> "accounts.error.passwordGuessable.keyboard";
			case PREDICTABLE -> "accounts.error.passwordGuessable.predictable";
		};
	}
}
