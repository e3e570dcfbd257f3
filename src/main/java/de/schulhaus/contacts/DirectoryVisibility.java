package de.schulhaus.contacts;

import java.util.Set;
import java.util.UUID;

import de.schulhaus.platform.Role;

/**
 * Whom and which groups one person sees of their school's directory: staff see everyone; pupils and external
 * people the school's staff, themselves and, as the school decided, the people and groups they share a group
 * with, everyone, or no one else. Other modules ask this instead of writing the rule again.
 *
 * @param viewer the account that looks
 * @param everyone whether it sees every person and every group
 * @param groups the groups it sees when not everyone
 * @param companions the people it sees, beside staff and itself, when not everyone
 */
public record DirectoryVisibility(UUID viewer, boolean everyone, Set<UUID> groups, Set<UUID> companions) {

	private static final Set<Role> STAFF = Set.of(Role.SCHOOL_ADMIN, Role.TEACHER, Role.STAFF);

	public DirectoryVisibility {
		groups = Set.copyOf(groups);
		companions = Set.copyOf(companions);
	}

	public boolean seesPerson(UUID accountId, Role role) {
		return everyone || STAFF.contains(role) || companions.contains(accountId) || accountId.equals(viewer);
	}

	public boolean seesGroup(UUID groupId) {
		return everyone || groups.contains(groupId);
	}

	/** Whether a person of this role sees the whole directory whatever the school decided for pupils. */
	public static boolean seesAll(Role role) {
		return STAFF.contains(role);
	}
}
