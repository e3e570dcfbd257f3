package de.schulhaus.accounts;

import java.util.UUID;

/**
 * A group one person belongs to, with what other modules decide that person's rights from: the group's
 * kind, whether it is archived, and whether the person leads it (class or course teacher).
 */
public record PersonGroup(UUID groupId, String name, GroupKind kind, boolean archived, boolean leader) {
}
