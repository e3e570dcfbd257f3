package de.schulhaus.accounts.imports;

import de.schulhaus.accounts.GroupKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Collects persons, groups and memberships of a SchILD export. Memberships are checked only at the end, because
 * nothing in the format guarantees that persons and groups come before the memberships that name them.
 */
final class SchildRosterBuilder {

	private final List<RosterPerson> persons = new ArrayList<>();

	/** Every person id seen, with the ordinal where it appeared first; for duplicate messages. */
	private final Map<String, Integer> personOrdinals = new HashMap<>();

	private final Set<String> acceptedPersons = new HashSet<>();

	private final Map<String, RosterGroup> groups = new LinkedHashMap<>();

	/** Ids of groups left out with an error; their memberships are dropped without a second message. */
	private final Set<String> rejectedGroups = new HashSet<>();

	private final List<RosterMembership> pending = new ArrayList<>();

	private final RowErrors errors;

	private final ImportLimits limits;

	private int groupCount;

	SchildRosterBuilder(ImportLimits limits) {
		this.limits = limits;
		this.errors = new RowErrors(limits.maxListedErrors());
	}

	void person(int ordinal, XmlElement person) {
		if (ordinal > this.limits.maxPersons()) {
			throw new ImportLimitException("import.error.tooManyPersons", this.limits.maxPersons());
		}
		String id = person.value("sourcedid/id");
		if (id == null) {
			this.errors.add(RowError.of(ordinal, null, "import.error.missingSourceId"));
			return;
		}
		if (tooLong(person)) {
			boolean validId = FieldChecks.isValid(id);
			if (validId) {
				// its memberships are left out without a message of their own, as for other refused persons
				this.personOrdinals.putIfAbsent(id, ordinal);
			}
			this.errors.add(RowError.of(ordinal, validId ? id : null, "import.error.fieldTooLong",
					this.limits.maxFieldLength()));
			return;
		}
		if (!FieldChecks.isValid(id)) {
			this.errors.add(RowError.of(ordinal, null, "import.error.invalidSourceId"));
			return;
		}
		Integer first = this.personOrdinals.putIfAbsent(id, ordinal);
		if (first != null) {
			this.errors.add(RowError.of(ordinal, id, "import.error.duplicatePersonId", first));
			return;
		}
		String role = person.value("institutionrole@institutionroletype");
		PersonKind kind = Kinds.parse(role);
		if (kind == null) {
			this.errors.add((role == null) ? RowError.of(ordinal, id, "import.error.missingKind")
					: RowError.of(ordinal, id, "import.error.unknownKind", role));
			return;
		}
		String[] names = SchildNames.of(person.value("name/n/given"), person.value("name/n/family"),
				person.value("name/fn"));
		if (names == null) {
			this.errors.add(RowError.of(ordinal, id, "import.error.missingName"));
			return;
		}
		if (!FieldChecks.isValid(names[0]) || !FieldChecks.isValid(names[1])) {
			this.errors.add(RowError.of(ordinal, id, "import.error.invalidName"));
			return;
		}
		this.acceptedPersons.add(id);
		this.persons.add(new RosterPerson(ordinal, id, names[0], names[1], kind));
	}

	void group(XmlElement group) {
		if (++this.groupCount > this.limits.maxPersons()) {
			throw new ImportLimitException("import.error.tooManyGroups", this.limits.maxPersons());
		}
		String id = group.value("sourcedid/id");
		if (id == null) {
			this.errors.add(RowError.of(null, null, "import.error.missingSourceId"));
			return;
		}
		if (tooLong(group)) {
			this.rejectedGroups.add(id);
			this.errors.add(RowError.of(null, FieldChecks.isValid(id) ? id : null, "import.error.fieldTooLong",
					this.limits.maxFieldLength()));
			return;
		}
		if (this.groups.containsKey(id)) {
			this.errors.add(RowError.of(null, id, "import.error.duplicateGroupId", id));
			return;
		}
		String name = (group.value("description/short") != null) ? group.value("description/short") : id;
		if (!FieldChecks.isValid(id) || !FieldChecks.isValid(name)) {
			this.rejectedGroups.add(id);
			this.errors.add(RowError.of(null, id, "import.error.invalidGroupName", name));
			return;
		}
		String description = group.value("description/long");
		this.groups.put(id, new RosterGroup(id, name, groupKind(group.value("grouptype/typevalue")), description));
	}

	void membership(XmlElement membership) {
		String groupId = membership.value("sourcedid/id");
		if (groupId == null) {
			this.errors.add(RowError.of(null, null, "import.error.missingSourceId"));
			return;
		}
		if (tooLong(membership)) {
			this.errors.add(RowError.of(null, null, "import.error.fieldTooLong", this.limits.maxFieldLength()));
			return;
		}
		for (XmlElement member : membership.children()) {
			// idtype 2 nests a group in a group; the platform has no nested groups, so those are left out quietly
			if ("2".equals(member.value("idtype"))) {
				continue;
			}
			String personId = member.value("sourcedid/id");
			if (personId == null) {
				this.errors.add(RowError.of(null, groupId, "import.error.missingSourceId"));
				continue;
			}
			if (tooLong(member)) {
				this.errors.add(RowError.of(null, null, "import.error.fieldTooLong", this.limits.maxFieldLength()));
				continue;
			}
			if (this.pending.size() >= this.limits.maxMemberships()) {
				throw new ImportLimitException("import.error.tooManyMemberships", this.limits.maxMemberships());
			}
			// IMS role type 02 is "Instructor": the class teacher or the teacher of the course
			boolean leader = "02".equals(member.value("role@roletype"));
			this.pending.add(new RosterMembership(groupId, personId, leader));
		}
	}

	RosterFile build() {
		Map<String, RosterMembership> memberships = new LinkedHashMap<>();
		Set<String> reportedGroups = new HashSet<>();
		Set<String> reportedPersons = new HashSet<>();
		for (RosterMembership member : this.pending) {
			String groupId = member.groupSourceId();
			String personId = member.personSourceId();
			if (!this.groups.containsKey(groupId)) {
				if (!this.rejectedGroups.contains(groupId) && reportedGroups.add(groupId)) {
					this.errors.add(RowError.of(null, groupId, "import.error.unknownGroup", groupId));
				}
				continue;
			}
			if (!this.acceptedPersons.contains(personId)) {
				// a person left out with an error already has a message; an unknown one gets one per group
				if (!this.personOrdinals.containsKey(personId) && reportedPersons.add(personId + "\n" + groupId)) {
					this.errors.add(RowError.of(null, personId, "import.error.unknownPerson", personId,
							this.groups.get(groupId).name()));
				}
				continue;
			}
			// a person listed twice in a group (IMS allows split membership elements) is a leader if any entry says so
			memberships.merge(groupId + "\n" + personId, member, (a, b) -> a.leader() ? a : b);
		}
		return new RosterFile(RosterSource.SCHILD, this.persons, new ArrayList<>(this.groups.values()),
				new ArrayList<>(memberships.values()), this.errors);
	}

	// The reader keeps one character more than the limit of a longer value, so it shows here without the rest.
	private boolean tooLong(XmlElement element) {
		return element.longestValue() > this.limits.maxFieldLength();
	}

	private static GroupKind groupKind(String typeValue) {
		if (typeValue == null) {
			return GroupKind.CUSTOM;
		}
		return switch (typeValue.strip().toLowerCase(Locale.ROOT)) {
			case "klasse" -> GroupKind.CLASS;
			case "jahrgang", "jahrgangsstufe", "stufe" -> GroupKind.YEAR;
			case "kurs" -> GroupKind.COURSE;
			default -> GroupKind.CUSTOM;
		};
	}

}
