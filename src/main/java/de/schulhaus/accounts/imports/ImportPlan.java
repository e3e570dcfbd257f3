package de.schulhaus.accounts.imports;

import java.util.List;
import java.util.UUID;

/**
 * What a roster import would do, computed without writing anything: shown as the preview, and
 * applied as it stands when the admin confirms. Groups are the same group as long as their id in
 * the source is: a class 05A that comes back as 06A under its old id is renamed (new school year),
 * and its pupils stay in it. {@code errors} lists the first row errors, {@code errorCount} counts all of them.
 */
public record ImportPlan(RosterSource source, List<Created> created, List<Updated> updated, List<Moved> moved,
		List<Marked> markedForDeletion, List<RowError> errors, List<RosterGroup> newGroups, List<Renamed> renamedGroups,
		int unchanged, int errorCount) {

	public record Created(RosterPerson person, List<String> groups) {
	}

	public record Updated(UUID accountId, String login, String before, String after, RosterPerson person) {
	}

	public record Moved(UUID accountId, String login, String name, List<String> from, List<String> to, RosterPerson person) {
	}

	public record Marked(UUID accountId, String login, String name) {
	}

	/** A group the source still knows by its id, under a new name or description. */
	public record Renamed(String oldName, RosterGroup group) {
	}

	/** Row errors counted but not listed. */
	public int unlistedErrors() {
		return errorCount - errors.size();
	}

	public boolean changesAnything() {
		return !created.isEmpty() || !updated.isEmpty() || !moved.isEmpty() || !markedForDeletion.isEmpty() || !newGroups.isEmpty()
				|| !renamedGroups.isEmpty();
	}
}
