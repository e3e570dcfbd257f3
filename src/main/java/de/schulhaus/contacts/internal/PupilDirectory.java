package de.schulhaus.contacts.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What pupils and external people see of their school in the directory; school admins choose. */
public enum PupilDirectory {
	/** Teachers, staff and admins only. */
	STAFF,
	/** Also the people and groups they share a group with: the default. */
	GROUPS,
	/** Everyone of the school and every group. */
	EVERYONE;

	public String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<PupilDirectory> of(String column) {
		return Arrays.stream(values()).filter(v -> v.column().equals(column)).findFirst();
	}
}
