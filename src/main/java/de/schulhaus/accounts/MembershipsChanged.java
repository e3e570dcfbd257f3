package de.schulhaus.accounts;

import java.util.List;
import java.util.UUID;

/**
 * People joined or left groups, or became or stopped being a group's leader (teacher of a class,
 * course leader); in batches like {@link AccountsChanged}. A pupil who changes class is one LEFT
 * and one JOINED in the same event.
 */
public record MembershipsChanged(UUID schoolId, List<Change> changes) {

	public enum Kind {
		JOINED, LEFT, ROLE_CHANGED
	}

	public record Change(Kind kind, UUID groupId, UUID accountId, boolean leader) {
	}
}
