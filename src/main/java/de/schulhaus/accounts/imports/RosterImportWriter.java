package de.schulhaus.accounts.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountDeleted;
import de.schulhaus.accounts.AccountSource;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.accounts.internal.AccountFactory;
import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.GroupRepository;
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
	private final ApplicationEventPublisher events;
	private final SignedInSessions sessions;

	RosterImportWriter(AccountRepository accounts, GroupRepository groups, AccountFactory factory, SchoolManagement schools,
			ApplicationEventPublisher events, SignedInSessions sessions) {
		this.accounts = accounts;
		this.groups = groups;
		this.factory = factory;
		this.schools = schools;
		this.events = events;
		this.sessions = sessions;
	}

	void apply(UUID schoolId, ImportPlan plan, SchulhausUser actor) {
		School school = schools.require(schoolId);
		AccountSource source = RosterImportPlanner.accountSource(plan.source());
		for (RosterGroup g : plan.newGroups()) {
			groups.insert(Ids.newId(), schoolId, g.name(), g.kind(), g.description(), source, g.sourceId());
		}
		Map<String, UUID> groupIdsByName = new HashMap<>();
		groups.list(schoolId).stream().filter(g -> g.source() == source).forEach(g -> groupIdsByName.put(g.name(), g.id()));

		java.util.Set<String> taken = accounts.loginsInDomain(school.mailDomain());
		for (ImportPlan.Created c : plan.created()) {
			RosterPerson p = c.person();
			Account account = factory.create(school, p.firstName(), p.lastName(),
					RosterImportPlanner.roleFor(p.kind(), null), source, p.sourceId(), null, taken::contains);
			taken.add(account.login());
			setMemberships(schoolId, account.id(), p.kind(), c.groups(), groupIdsByName, Set.of());
		}
		Map<UUID, Account> current = new HashMap<>();
		List<String> signOut = new ArrayList<>();
		if (!plan.updated().isEmpty()) {
			accounts.bySource(schoolId, source).forEach(a -> current.put(a.id(), a));
		}
		for (ImportPlan.Updated u : plan.updated()) {
			Account before = current.get(u.accountId());
			RosterPerson p = u.person();
			var role = RosterImportPlanner.roleFor(p.kind(), before.role());
			accounts.updateNamesAndRole(u.accountId(), p.firstName(), p.lastName(), role);
			if (role != before.role()) {
				signOut.add(before.login());
			}
			if (before.status() == AccountStatus.MARKED_FOR_DELETION) {
				accounts.updateStatus(u.accountId(), AccountStatus.ACTIVE);
			}
		}
		for (ImportPlan.Moved m : plan.moved()) {
			setMemberships(schoolId, m.accountId(), m.person().kind(), m.to(), groupIdsByName,
					Set.copyOf(m.from()));
		}
		for (ImportPlan.Marked marked : plan.markedForDeletion()) {
			accounts.updateStatus(marked.accountId(), AccountStatus.MARKED_FOR_DELETION);
			signOut.add(marked.login());
		}
		sessions.endFor(signOut);
	}

	int deleteMarked(UUID schoolId, SchulhausUser actor) {
		List<Account> marked = accounts.byStatus(schoolId, AccountStatus.MARKED_FOR_DELETION);
		for (Account a : marked) {
			accounts.delete(schoolId, a.id());
			events.publishEvent(new AccountDeleted(a.id(), schoolId));
		}
		sessions.endFor(marked.stream().map(Account::login).toList());
		return marked.size();
	}

	/** Leaders: teachers lead the classes and courses they are members of in the file. */
	private void setMemberships(UUID schoolId, UUID accountId, PersonKind kind, List<String> wanted, Map<String, UUID> groupIds,
			Set<String> current) {
		for (String name : current) {
			if (!wanted.contains(name) && groupIds.containsKey(name)) {
				groups.removeMember(schoolId, groupIds.get(name), accountId);
			}
		}
		for (String name : wanted) {
			UUID groupId = groupIds.get(name);
			if (groupId != null) {
				groups.addMember(schoolId, groupId, accountId, kind == PersonKind.TEACHER);
			}
		}
	}
}
