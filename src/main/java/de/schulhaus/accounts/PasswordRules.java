package de.schulhaus.accounts;

import de.schulhaus.platform.InvalidInputException;

/** What a password must be: long rather than complicated (BSI and NIST advise length over rules). */
final class PasswordRules {

	static final int MIN_LENGTH = 10;

	private PasswordRules() {
	}

	static void check(String field, String password) {
		if (password == null || password.length() < MIN_LENGTH) {
			throw new InvalidInputException(field, "accounts.error.passwordShort", MIN_LENGTH);
		}
		if (password.length() > 200) {
			throw new InvalidInputException(field, "accounts.error.passwordLong");
		}
	}
}
