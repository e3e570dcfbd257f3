package de.schulhaus.accounts.imports;

import de.schulhaus.accounts.GroupKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import de.schulhaus.accounts.imports.ColumnMapping.Columns;
import de.schulhaus.accounts.imports.TableRows.TableRow;

/**
 * Turns data rows of a table file into persons, groups and memberships. A row with any problem is left out as a
 * whole and all of its problems are reported, so the user can fix the file in one go.
 */
final class TableRosterBuilder {

	private static final Pattern PIPE = Pattern.compile("\\|");

	private static final Pattern PIPE_OR_COMMA = Pattern.compile("[|,]");

	private final Columns columns;

	private final int headerWidth;

	private final boolean strictWidth;

	private final Pattern groupSeparator;

	private final List<RosterPerson> persons = new ArrayList<>();

	/** Every source id seen, with the row it appeared in first. */
	private final Map<String, Integer> rowsById = new HashMap<>();

	private final Map<String, GroupEntry> groups = new LinkedHashMap<>();

	private final List<RosterMembership> memberships = new ArrayList<>();

	private final RowErrors errors;

	private final ImportLimits limits;

	private int dataRows;

	TableRosterBuilder(Columns columns, int headerWidth, TableRows rows, ImportLimits limits) {
		this.columns = columns;
		this.headerWidth = headerWidth;
		this.strictWidth = rows.strictWidth();
		this.groupSeparator = rows.commaSeparatesGroups() ? PIPE_OR_COMMA : PIPE;
		this.limits = limits;
		this.errors = new RowErrors(limits.maxListedErrors());
	}

	void add(TableRow row) {
		if (row.isBlank()) {
			return;
		}
		// every data row is a person, with or without errors
		if (++this.dataRows > this.limits.maxPersons()) {
			throw new ImportLimitException("import.error.tooManyPersons", this.limits.maxPersons());
		}
		int number = row.number();
		String id = row.cell(this.columns.sourceId());
		String reportedId = (id.isEmpty() || !FieldChecks.isValid(id)) ? null : id;
		if (hasLongField(row)) {
			this.errors.add(RowError.of(number, reportedId, "import.error.fieldTooLong", this.limits.maxFieldLength()));
			return;
		}
		if (this.strictWidth && !fitsHeader(row)) {
			// the values are probably shifted, so checking them one by one would only add confusing messages
			this.errors.add(RowError.of(number, reportedId, "import.error.fieldCount", this.headerWidth,
					row.cells().size()));
			return;
		}
		List<RowError> problems = new ArrayList<>(2);
		if (id.isEmpty()) {
			problems.add(RowError.of(number, null, "import.error.missingSourceId"));
		}
		else if (reportedId == null) {
			problems.add(RowError.of(number, null, "import.error.invalidSourceId"));
		}
		else {
			Integer first = this.rowsById.putIfAbsent(id, number);
			if (first != null) {
				problems.add(RowError.of(number, id, "import.error.duplicateSourceId", first));
			}
		}
		String lastName = row.cell(this.columns.lastName());
		String firstName = row.cell(this.columns.firstName());
		if (lastName.isEmpty() || firstName.isEmpty()) {
			problems.add(RowError.of(number, reportedId, "import.error.missingName"));
		}
		else if (!FieldChecks.isValid(lastName) || !FieldChecks.isValid(firstName)) {
			problems.add(RowError.of(number, reportedId, "import.error.invalidName"));
		}
		String kindValue = row.cell(this.columns.kind());
		PersonKind kind = Kinds.parse(kindValue);
		if (kindValue.isEmpty()) {
			problems.add(RowError.of(number, reportedId, "import.error.missingKind"));
		}
		else if (kind == null) {
			problems.add(RowError.of(number, reportedId, "import.error.unknownKind", kindValue));
		}
		Set<String> groupNames = groupNames(row.cell(this.columns.group()));
		for (String group : groupNames) {
			if (!FieldChecks.isValid(group)) {
				problems.add(RowError.of(number, reportedId, "import.error.invalidGroupName", group));
			}
		}
		if (!problems.isEmpty()) {
			this.errors.addAll(problems);
			return;
		}
		this.persons.add(new RosterPerson(number, id, firstName, lastName, kind));
		addGroups(id, kind, groupNames);
	}

	RosterFile build() {
		List<RosterGroup> result = new ArrayList<>(this.groups.size());
		this.groups.forEach((name, entry) -> result.add(new RosterGroup(name, name, entry.kind, null)));
		return new RosterFile(RosterSource.CSV, this.persons, result, this.memberships, this.errors);
	}

	// The readers keep one character more than the limit of a longer field, so it shows here without the rest.
	private boolean hasLongField(TableRow row) {
		for (String cell : row.cells()) {
			if (cell != null && cell.length() > this.limits.maxFieldLength()
					&& FieldChecks.clean(cell).length() > this.limits.maxFieldLength()) {
				return true;
			}
		}
		return false;
	}

	// Trailing empty fields ("a;b;c;;") are what Excel writes when another row is wider; they shift nothing.
	private boolean fitsHeader(TableRow row) {
		List<String> cells = row.cells();
		if (cells.size() < this.headerWidth) {
			return false;
		}
		for (int i = this.headerWidth; i < cells.size(); i++) {
			if (!FieldChecks.clean(cells.get(i)).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	private Set<String> groupNames(String cell) {
		Set<String> names = new LinkedHashSet<>();
		if (!cell.isEmpty()) {
			for (String part : this.groupSeparator.split(cell)) {
				String name = FieldChecks.clean(part);
				if (!name.isEmpty()) {
					names.add(name);
				}
			}
		}
		return names;
	}

	/**
	 * Pupils name their class first and courses after it; teachers lead every group in their row. The kind of a
	 * group comes from the most telling row: a pupil row beats a teacher row, which beats staff and extern rows.
	 */
	private void addGroups(String personId, PersonKind kind, Set<String> names) {
		boolean first = true;
		for (String name : names) {
			GroupEntry entry = switch (kind) {
				case PUPIL -> new GroupEntry(first ? GroupKind.CLASS : GroupKind.COURSE, 3);
				case TEACHER -> new GroupEntry(GroupKind.CLASS, 2);
				case STAFF -> new GroupEntry(GroupKind.STAFF, 1);
				case EXTERN -> new GroupEntry(GroupKind.CUSTOM, 1);
			};
			this.groups.merge(name, entry, (old, candidate) -> (candidate.rank > old.rank) ? candidate : old);
			if (this.memberships.size() >= this.limits.maxMemberships()) {
				throw new ImportLimitException("import.error.tooManyMemberships", this.limits.maxMemberships());
			}
			this.memberships.add(new RosterMembership(name, personId, kind == PersonKind.TEACHER));
			first = false;
		}
	}

	private record GroupEntry(GroupKind kind, int rank) {
	}

}
