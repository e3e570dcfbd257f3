package de.schulhaus.mail.imap;

/** A command the server cannot read or will not take; answered with {@code BAD} and the reason. */
class BadCommandException extends RuntimeException {

	BadCommandException(String reason) {
		super(reason);
	}
}
