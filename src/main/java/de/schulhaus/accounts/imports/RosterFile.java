package de.schulhaus.accounts.imports;

import java.util.List;

/**
 * Everything read from one roster file. Rows with errors are left out of persons, groups and memberships and
 * described in {@code errors} instead.
 */
public record RosterFile(RosterSource source, List<RosterPerson> persons, List<RosterGroup> groups,
		List<RosterMembership> memberships, List<RowError> errors) {

	public RosterFile {
		persons = List.copyOf(persons);
		groups = List.copyOf(groups);
		memberships = List.copyOf(memberships);
		errors = List.copyOf(errors);
	}

}
