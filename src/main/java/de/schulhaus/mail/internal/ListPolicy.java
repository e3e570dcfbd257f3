package de.schulhaus.mail.internal;

import java.util.Locale;

/** Who may write to a group's list address; the group's leader chooses. */
public enum ListPolicy {
	/** only the group's members */
	MEMBERS,
	/** anyone of the school, signed in */
	SCHOOL,
	/** anyone, also from outside */
	ANYONE;

	public String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static ListPolicy ofColumn(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}
}
