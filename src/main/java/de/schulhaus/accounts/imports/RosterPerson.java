package de.schulhaus.accounts.imports;

/**
 * One person read from a roster file.
 *
 * @param row the data row in a table file (header is row 1), or the ordinal of the person element in a SchILD file
 * @param sourceId the id the school's administration software uses; stable across imports
 */
public record RosterPerson(int row, String sourceId, String firstName, String lastName, PersonKind kind) {
}
