package de.schulhaus.accounts.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.accounts.GroupsChanged;
import de.schulhaus.accounts.MembershipsChanged;
import de.schulhaus.accounts.RosterImported;
import de.schulhaus.accounts.AccountSource;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.accounts.internal.AccountFactory;
import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.GroupRepository;
import de.schulhaus.accounts.internal.GroupRepository.MemberRow;
import de.schulhaus.accounts.internal.RosterEvents;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.SignedInSessions;
import de.schulhaus.schools.School;
import de.schulhaus.schools.SchoolManagement;

/** Writes an import plan; runs inside the caller's transaction, so it is all or nothing. */
@Component
class RosterImportWriter {

	private final AccountRepository accounts;
	private final GroupRepository groups;
	private final AccountFactory factory;
	private final SchoolManagement schools;
	private final RosterEvents events;
	private final ApplicationEventPublisher publisher;
	private final SignedInSessions sessions;

	RosterImportWriter(AccountRepository accounts, GroupRepository groups, AccountFactory factory, SchoolManagement schools,
			RosterEvents events, ApplicationEventPublisher publisher, SignedInSessions sessions) {
		this.publisher = publisher;
		this.accounts = accounts;
		this.groups = groups;
		this.factory = factory;
		this.schools = schools;
		this.events = events;
		this.sessions = sessions;
	}

	/** Writes the plan with a few batches of statements per kind of change, not statements per person. */
	void apply(UUID schoolId, ImportPlan plan, SchulhausUser actor) {
		School school = schools.require(schoolId);
		AccountSource source = RosterImportPlanner.accountSource(plan.source());
		List<GroupsChanged.Change> groupChanges = new ArrayList<>();
		for (RosterGroup g : plan.newGroups()) {
			UUID id = Ids.newId();
			groups.insert(id, schoolId, g.name(), g.kind(), g.description(), source, g.sourceId());
			groupChanges.add(new GroupsChanged.Change(GroupsChanged.Kind.CREATED, id, g.name(), g.kind()));
		}
		groups.renameBySource(schoolId, source, plan.renamedGroups().stream()
			.map(r -> new GroupRepository.SourceGroupName(r.group().sourceId(), r.group().name(), r.group().description()))
			.toList());
		if (!plan.renamedGroups().isEmpty()) {
			Map<String, UUID> idsBySource = groups.idsBySource(schoolId, source);
			plan.renamedGroups().forEach(r -> groupChanges.add(new GroupsChanged.Change(GroupsChanged.Kind.RENAMED,
					idsBySource.get(r.group().sourceId()), r.group().name(), r.group().kind())));
		}
		events.groups(schoolId, groupChanges);
		Map<String, UUID> groupIdsByName = new HashMap<>();
		groups.list(schoolId).stream().filter(g -> g.source() == source).forEach(g -> groupIdsByName.put(g.name(), g.id()));

		var taken = accounts.loginsInDomain(school.mailDomain());
		List<Account> created = new ArrayList<>();
		List<MemberRow> newMembers = new ArrayList<>();
		for (ImportPlan.Created c : plan.created()) {
			RosterPerson p = c.person();
			Account account = factory.prepare(school, p.firstName(), p.lastName(), RosterImportPlanner.roleFor(p.kind(), null),
					source, p.sourceId(), true, taken::contains);
			taken.add(account.login());
			created.add(account);
			newMembers.addAll(memberships(account.id(), p.kind(), c.groups(), groupIdsByName));
		}
		factory.insertAll(created);
		groups.addNewMembers(schoolId, newMembers);
		List<MembershipsChanged.Change> membershipChanges = new ArrayList<>(joinedChanges(newMembers));

		Map<UUID, Account> current = new HashMap<>();
		List<String> signOut = new ArrayList<>();
		if (!plan.updated().isEmpty() || !plan.markedForDeletion().isEmpty()) {
			accounts.bySource(schoolId, source).forEach(a -> current.put(a.id(), a));
		}
		List<AccountsChanged.Change> accountChanges = new ArrayList<>();
		List<AccountRepository.NamesAndRole> changes = new ArrayList<>();
		List<UUID> reactivated = new ArrayList<>();
		for (ImportPlan.Updated u : plan.updated()) {
			Account before = current.get(u.accountId());
			RosterPerson p = u.person();
			var role = RosterImportPlanner.roleFor(p.kind(), before.role());
			changes.add(new AccountRepository.NamesAndRole(u.accountId(), p.firstName(), p.lastName(), role));
			if (role != before.role()) {
				signOut.add(before.login());
			}
			if (before.status() == AccountStatus.MARKED_FOR_DELETION) {
				reactivated.add(u.accountId());
			}
			accountChanges.add(new AccountsChanged.Change(AccountsChanged.Kind.CHANGED, before.id(), before.login(), p.firstName(),
					p.lastName(), role, before.status() == AccountStatus.MARKED_FOR_DELETION ? AccountStatus.ACTIVE : before.status()));
		}
		accounts.updateNamesAndRoles(schoolId, changes);
		accounts.updateStatus(schoolId, reactivated, AccountStatus.ACTIVE);

		List<MemberRow> left = new ArrayList<>();
		List<MemberRow> joined = new ArrayList<>();
		List<MemberRow> newlyJoined = new ArrayList<>();
		for (ImportPlan.Moved m : plan.moved()) {
			for (String name : m.from()) {
				if (!m.to().contains(name) && groupIdsByName.containsKey(name)) {
					left.add(new MemberRow(groupIdsByName.get(name), m.accountId(), false));
				}
			}
			joined.addAll(memberships(m.accountId(), m.person().kind(), m.to(), groupIdsByName));
			newlyJoined.addAll(memberships(m.accountId(), m.person().kind(), m.to().stream().filter(n -> !m.from().contains(n)).toList(),
					groupIdsByName));
		}
		groups.removeMembers(schoolId, left);
		groups.setMembers(schoolId, joined);
		left.forEach(row -> membershipChanges.add(new MembershipsChanged.Change(MembershipsChanged.Kind.LEFT, row.groupId(),
				row.accountId(), false)));
		membershipChanges.addAll(joinedChanges(newlyJoined));

		accounts.updateStatus(schoolId, plan.markedForDeletion().stream().map(ImportPlan.Marked::accountId).toList(),
				AccountStatus.MARKED_FOR_DELETION);
		for (ImportPlan.Marked marked : plan.markedForDeletion()) {
			signOut.add(marked.login());
			Account a = current.get(marked.accountId());
			if (a != null) {
				accountChanges.add(new AccountsChanged.Change(AccountsChanged.Kind.CHANGED, a.id(), a.login(), a.firstName(), a.lastName(),
						a.role(), AccountStatus.MARKED_FOR_DELETION));
			}
		}
		sessions.endFor(signOut);
		events.accountChanges(schoolId, accountChanges);
		events.memberships(schoolId, membershipChanges);
		publisher.publishEvent(new RosterImported(schoolId, plan.created().size(), plan.updated().size(), plan.moved().size(),
				plan.markedForDeletion().size()));
	}

	private static List<MembershipsChanged.Change> joinedChanges(List<MemberRow> rows) {
		return rows.stream().map(r -> new MembershipsChanged.Change(MembershipsChanged.Kind.JOINED, r.groupId(), r.accountId(), r.leader()))
			.toList();
	}

	int deleteMarked(UUID schoolId, SchulhausUser actor) {
		List<Account> marked = accounts.byStatus(schoolId, AccountStatus.MARKED_FOR_DELETION);
		accounts.deleteAll(schoolId, marked.stream().map(Account::id).toList());
		events.accounts(schoolId, AccountsChanged.Kind.DELETED, marked);
		sessions.endFor(marked.stream().map(Account::login).toList());
		return marked.size();
	}

	/** Leaders: teachers lead the classes and courses they are members of in the file. */
	private static List<MemberRow> memberships(UUID accountId, PersonKind kind, List<String> groupNames,
			Map<String, UUID> groupIds) {
		return groupNames.stream()
			.distinct()
			.filter(groupIds::containsKey)
			.map(name -> new MemberRow(groupIds.get(name), accountId, kind == PersonKind.TEACHER))
			.toList();
	}
}
