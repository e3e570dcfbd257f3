package de.schulhaus.accounts.imports;

/**
 * A person belongs to a group.
 *
 * @param leader {@code true} for the class teacher or course teacher
 */
public record RosterMembership(String groupSourceId, String personSourceId, boolean leader) {
}
