package de.schulhaus.accounts;

import java.util.List;
import java.util.UUID;

import de.schulhaus.platform.Role;

/**
 * People of a school were created, changed (name, role, status) or deleted. One event carries the
 * changes of one operation, at most 1,000 people: a roster import of
 * thousands publishes a few such events, which listeners apply in bulk, not one transaction per person.
 */
public record AccountsChanged(UUID schoolId, List<Change> changes) {

	public enum Kind {
		CREATED, CHANGED, DELETED
	}

	/** One person after the change (for DELETED: as they were). */
	public record Change(Kind kind, UUID accountId, String login, String firstName, String lastName, Role role, AccountStatus status) {

		static Change of(Kind kind, Account a) {
			return new Change(kind, a.id(), a.login(), a.firstName(), a.lastName(), a.role(), a.status());
		}
	}
}
