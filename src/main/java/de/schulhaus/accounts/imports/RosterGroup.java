package de.schulhaus.accounts.imports;

import de.schulhaus.accounts.GroupKind;

/**
 * One group (class, year, course ...) read from a roster file.
 *
 * @param description longer text for the group, or {@code null} when the file has none
 */
public record RosterGroup(String sourceId, String name, GroupKind kind, String description) {
}
