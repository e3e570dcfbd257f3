package de.schulhaus.mail.internal;

import java.util.Locale;

/**
 * The folders every mailbox has, with their German names and the attributes of RFC 6154 that tell mail
 * apps which is which whatever they are called.
 */
public enum SpecialUse {

	// in the order folder lists show them

	INBOX("INBOX", null),
	DRAFTS("Entwürfe", "\\Drafts"),
	SENT("Gesendet", "\\Sent"),
	ARCHIVE("Archiv", "\\Archive"),
	JUNK("Spam", "\\Junk"),
	TRASH("Papierkorb", "\\Trash");

	private final String defaultName;
	private final String attribute;

	SpecialUse(String defaultName, String attribute) {
		this.defaultName = defaultName;
		this.attribute = attribute;
	}

	public String defaultName() {
		return defaultName;
	}

	/** The RFC 6154 attribute, or null for the inbox (which IMAP names by itself). */
	public String attribute() {
		return attribute;
	}

	String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	static SpecialUse ofColumn(String value) {
		return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
	}
}
