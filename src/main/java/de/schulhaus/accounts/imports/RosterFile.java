package de.schulhaus.accounts.imports;

import java.util.List;

/**
 * Everything read from one roster file. Rows with errors are left out of persons, groups and memberships and
 * described in {@code errors} instead: the first {@link ImportLimits#maxListedErrors()} of them, while
 * {@code errorCount} counts them all.
 */
public record RosterFile(RosterSource source, List<RosterPerson> persons, List<RosterGroup> groups,
		List<RosterMembership> memberships, List<RowError> errors, int errorCount) {

	public RosterFile {
		persons = List.copyOf(persons);
		groups = List.copyOf(groups);
		memberships = List.copyOf(memberships);
		errors = List.copyOf(errors);
		errorCount = Math.max(errorCount, errors.size());
	}

	RosterFile(RosterSource source, List<RosterPerson> persons, List<RosterGroup> groups,
			List<RosterMembership> memberships, RowErrors errors) {
		this(source, persons, groups, memberships, errors.listed(), errors.count());
	}

}
