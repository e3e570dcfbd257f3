package de.schulhaus.accounts.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountSource;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.GroupRepository;
import de.schulhaus.platform.Role;

/**
 * Compares a roster file with the school's people of the same source. People are matched by source
 * id within their source only, so a table import never touches people that came from SchILD and the
 * reverse; people missing from a full import are marked for deletion, never deleted.
 */
@Component
class RosterImportPlanner {

	private final AccountRepository accounts;
	private final GroupRepository groups;

	RosterImportPlanner(AccountRepository accounts, GroupRepository groups) {
		this.accounts = accounts;
		this.groups = groups;
	}

	ImportPlan plan(UUID schoolId, RosterFile file, boolean fullSync) {
		AccountSource source = accountSource(file.source());
		Map<String, Account> existing = accounts.bySource(schoolId, source).stream()
			.filter(a -> a.sourceId() != null)
			.collect(Collectors.toMap(Account::sourceId, a -> a, (x, y) -> x));
		Map<String, UUID> groupIds = groups.idsBySource(schoolId, source);
		Map<UUID, Group> sourceGroups = groups.list(schoolId).stream()
			.filter(g -> g.source() == source).collect(Collectors.toMap(Group::id, g -> g));
		Map<UUID, String> groupNames = new HashMap<>();
		sourceGroups.values().forEach(g -> groupNames.put(g.id(), g.name()));
		Map<String, RosterGroup> fileGroups = new LinkedHashMap<>();
		file.groups().forEach(g -> fileGroups.put(g.sourceId(), g));
		Map<UUID, Set<String>> currentGroups = new HashMap<>();
		for (UUID[] m : groups.membershipsOfSource(schoolId, source)) {
			currentGroups.computeIfAbsent(m[0], k -> new TreeSet<>()).add(groupNames.getOrDefault(m[1], "?"));
		}
		Map<String, Set<String>> wantedGroups = new HashMap<>();
		for (RosterMembership m : file.memberships()) {
			RosterGroup g = fileGroups.get(m.groupSourceId());
			if (g != null) {
				wantedGroups.computeIfAbsent(m.personSourceId(), k -> new TreeSet<>()).add(g.name());
			}
		}

		List<ImportPlan.Created> created = new ArrayList<>();
		List<ImportPlan.Updated> updated = new ArrayList<>();
		List<ImportPlan.Moved> moved = new ArrayList<>();
		int unchanged = 0;
		Set<String> seen = new HashSet<>();
		for (RosterPerson person : file.persons()) {
			seen.add(person.sourceId());
			Set<String> wanted = wantedGroups.getOrDefault(person.sourceId(), Set.of());
			Account account = existing.get(person.sourceId());
			if (account == null) {
				created.add(new ImportPlan.Created(person, List.copyOf(wanted)));
				continue;
			}
			boolean changed = false;
			String before = describe(account.firstName(), account.lastName(), account.role(), account.status());
			String after = describe(person.firstName(), person.lastName(), roleFor(person.kind(), account.role()), AccountStatus.ACTIVE);
			if (!before.equals(after)) {
				updated.add(new ImportPlan.Updated(account.id(), account.login(), before, after, person));
				changed = true;
			}
			Set<String> current = currentGroups.getOrDefault(account.id(), Set.of());
			if (!current.equals(wanted)) {
				moved.add(new ImportPlan.Moved(account.id(), account.login(), person.firstName() + " " + person.lastName(),
						List.copyOf(current), List.copyOf(wanted), person));
				changed = true;
			}
			if (!changed) {
				unchanged++;
			}
		}
		List<ImportPlan.Marked> marked = new ArrayList<>();
		if (fullSync) {
			existing.values().stream()
				.filter(a -> !seen.contains(a.sourceId()) && a.status() != AccountStatus.MARKED_FOR_DELETION)
				.sorted(java.util.Comparator.comparing(Account::lastName).thenComparing(Account::firstName))
				.forEach(a -> marked.add(new ImportPlan.Marked(a.id(), a.login(), a.displayName())));
		}
		List<RosterGroup> newGroups = fileGroups.values().stream().filter(g -> !groupIds.containsKey(g.sourceId())).toList();
		List<ImportPlan.Renamed> renamedGroups = new ArrayList<>();
		for (RosterGroup g : fileGroups.values()) {
			Group stored = groupIds.containsKey(g.sourceId()) ? sourceGroups.get(groupIds.get(g.sourceId())) : null;
			if (stored != null && !(stored.name().equals(g.name()) && Objects.equals(stored.description(), g.description()))) {
				renamedGroups.add(new ImportPlan.Renamed(stored.name(), g));
			}
		}
		return new ImportPlan(file.source(), created, updated, moved, marked, file.errors(), newGroups, renamedGroups, unchanged,
				file.errorCount());
	}

	static AccountSource accountSource(RosterSource source) {
		return source == RosterSource.SCHILD ? AccountSource.SCHILD : AccountSource.CSV;
	}

	/** An admin promoted by hand stays admin when the file says teacher. */
	static Role roleFor(PersonKind kind, Role current) {
		Role role = switch (kind) {
			case TEACHER -> Role.TEACHER;
			case PUPIL -> Role.PUPIL;
			case STAFF -> Role.STAFF;
			case EXTERN -> Role.EXTERN;
		};
		return current == Role.SCHOOL_ADMIN && role == Role.TEACHER ? Role.SCHOOL_ADMIN : role;
	}

	private static String describe(String first, String last, Role role, AccountStatus status) {
		return first + " " + last + " · " + role + (status == AccountStatus.MARKED_FOR_DELETION ? " · " + status : "");
	}
}
