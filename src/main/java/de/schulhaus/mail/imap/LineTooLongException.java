package de.schulhaus.mail.imap;

/** A command line (or literal) far past the limit: the rest cannot be read safely, so the connection ends after saying why. */
final class LineTooLongException extends BadCommandException {

	LineTooLongException() {
		super("command line too long (at most " + ImapReader.MAX_LINE + " bytes without literals)");
	}

	LineTooLongException(String reason) {
		super(reason);
	}
}
