package de.schulhaus.accounts;

import java.util.List;
import java.util.UUID;

/**
 * Groups of a school (classes, courses, staff groups) were created, renamed, archived (kept for
 * reading after their time), brought back or deleted; in batches like {@link AccountsChanged}.
 */
public record GroupsChanged(UUID schoolId, List<Change> changes) {

	public enum Kind {
		CREATED, RENAMED, ARCHIVED, RESTORED, DELETED
	}

	/** The group after the change (for DELETED: as it was). */
	public record Change(Kind kind, UUID groupId, String name, GroupKind groupKind) {
	}
}
