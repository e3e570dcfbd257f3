package de.schulhaus.mail.imap;

/** A command understood but refused; answered with {@code NO}, a response code if one fits, and the reason. */
final class NoException extends RuntimeException {

	private final String code;

	NoException(String code, String reason) {
		super(reason);
		this.code = code;
	}

	NoException(String reason) {
		this(null, reason);
	}

	/** The response code without brackets ({@code TRYCREATE}, {@code TOOBIG}), or null. */
	String code() {
		return code;
	}
}
