package de.schulhaus.accounts;

import java.util.UUID;

import de.schulhaus.accounts.GroupKind;

/** A class, year, course, staff group or custom group of one school. */
public record Group(UUID id, UUID schoolId, String name, GroupKind kind, String description, AccountSource source,
		long memberCount, java.time.Instant archivedAt) {

	public boolean archived() {
		return archivedAt != null;
	}
}
