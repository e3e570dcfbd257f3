package de.schulhaus.accounts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.internal.AccountFactory;
import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.GroupRepository;
import de.schulhaus.accounts.internal.RosterEvents;
import de.schulhaus.accounts.internal.LoginNames;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.SignedInSessions;
import de.schulhaus.schools.School;
import de.schulhaus.schools.SchoolManagement;

/** Creates, finds, deactivates and deletes people of a school. */
@Service
public class AccountManagement {

	private final AccountRepository accounts;
	private final GroupRepository groups;
	private final SchoolManagement schools;
	private final PasswordEncoder passwords;
	private final AccountFactory factory;
	private final RosterEvents rosterEvents;
	private final AuditLog audit;

	private final SignedInSessions sessions;

	AccountManagement(AccountRepository accounts, GroupRepository groups, SchoolManagement schools, PasswordEncoder passwords,
			AccountFactory factory, RosterEvents rosterEvents, AuditLog audit, SignedInSessions sessions) {
		this.accounts = accounts;
		this.groups = groups;
		this.schools = schools;
		this.passwords = passwords;
		this.factory = factory;
		this.rosterEvents = rosterEvents;
		this.audit = audit;
		this.sessions = sessions;
	}

	/** Creates a person with a fresh service address; named groups are joined (classes created as needed). */
	@Transactional
	public Account create(UUID schoolId, NewAccount request, SchulhausUser actor) {
		School school = schools.require(schoolId);
		String first = validName("firstName", request.firstName());
		String last = validName("lastName", request.lastName());
		if (request.role() == null || request.role() == Role.OPERATOR) {
			throw new InvalidInputException("role", "accounts.error.role");
		}
		String hash = null;
		if (request.password() != null && !request.password().isEmpty()) {
			PasswordRules.check("password", request.password(), first, last, LoginNames.localPart(first, last));
			hash = passwords.encode(request.password());
		}
		Account account = factory.create(school, first, last, request.role(), AccountSource.MANUAL, null, hash);
		for (String groupName : request.groups()) {
			if (groupName == null || groupName.isBlank()) {
				continue;
			}
			String name = groupName.strip();
			UUID groupId = groups.findByName(schoolId, name).map(Group::id).orElseGet(() -> {
				UUID id = Ids.newId();
				groups.insert(id, schoolId, name, GroupKind.CLASS, null, AccountSource.MANUAL, null);
				rosterEvents.groups(schoolId, List.of(new GroupsChanged.Change(GroupsChanged.Kind.CREATED, id, name, GroupKind.CLASS)));
				return id;
			});
			boolean leader = request.role() == Role.TEACHER;
			groups.addMember(schoolId, groupId, account.id(), leader);
			rosterEvents.memberships(schoolId,
					List.of(new MembershipsChanged.Change(MembershipsChanged.Kind.JOINED, groupId, account.id(), leader)));
		}
		if (actor != null) {
			audit.record(schoolId, actor.accountId(), actor.login(), "account.created", account.login(), account.role().name());
		}
		return account;
	}

	public List<Account> list(UUID schoolId, String query, Role role, int limit, int offset) {
		return accounts.list(schoolId, query, role, Math.min(Math.max(limit, 1), 1000), Math.max(offset, 0));
	}

	public Optional<Account> find(UUID schoolId, UUID id) {
		return accounts.find(schoolId, id);
	}

	/**
	 * The names ("first last") of these people of the school, in one query, for a page that mentions
	 * many: ids of another school, or of accounts that are gone, have no entry.
	 */
	public java.util.Map<UUID, String> names(UUID schoolId, java.util.Collection<UUID> ids) {
		java.util.Map<UUID, String> names = new java.util.HashMap<>();
		java.util.Set<UUID> wanted = new java.util.HashSet<>(ids);
		wanted.remove(null);
		accounts.findAll(schoolId, wanted).forEach(a -> names.put(a.id(), a.firstName() + " " + a.lastName()));
		return names;
	}

	/** Several people of the school in one query; ids of another school or of nobody are left out. */
	public List<Account> findAll(UUID schoolId, java.util.Collection<UUID> ids) {
		java.util.Set<UUID> wanted = new java.util.HashSet<>(ids);
		wanted.remove(null);
		return accounts.findAll(schoolId, wanted);
	}

	/** People of the school by login, case-insensitive, in one query; logins of another school or of nobody are left out. */
	public List<Account> findByLogins(UUID schoolId, java.util.Collection<String> logins) {
		return accounts.findAllByLogin(schoolId, logins.stream().filter(java.util.Objects::nonNull)
			.map(l -> l.toLowerCase(java.util.Locale.ROOT)).distinct().toList());
	}

	public Account require(UUID schoolId, UUID id) {
		return accounts.find(schoolId, id).orElseThrow(() -> new NotFoundException("account"));
	}

	/** The signed-in person's own account. */
	public Account me(SchulhausUser user) {
		return accounts.findById(user.accountId()).orElseThrow(() -> new NotFoundException("account"));
	}

	/** Everyone of the school who can sign in, by last and first name, in one query (a directory, an address book). */
	public List<Account> active(UUID schoolId) {
		return accounts.byStatus(schoolId, AccountStatus.ACTIVE);
	}

	public List<Account> markedForDeletion(UUID schoolId) {
		return accounts.byStatus(schoolId, AccountStatus.MARKED_FOR_DELETION);
	}

	@Transactional
	public void setStatus(UUID schoolId, UUID id, AccountStatus status, SchulhausUser actor) {
		Account account = require(schoolId, id);
		if (account.id().equals(actor.accountId()) && status != AccountStatus.ACTIVE) {
			throw new InvalidInputException("status", "accounts.error.selfDeactivate");
		}
		accounts.updateStatus(schoolId, id, status);
		rosterEvents.accounts(schoolId, AccountsChanged.Kind.CHANGED, List.of(require(schoolId, id)));
		if (status != AccountStatus.ACTIVE) {
			sessions.endFor(account.login());
		}
		audit.record(schoolId, actor.accountId(), actor.login(), "account.status", account.login(), status.name());
	}

	@Transactional
	public void changeRole(UUID schoolId, UUID id, Role role, SchulhausUser actor) {
		Account account = require(schoolId, id);
		if (role == null || role == Role.OPERATOR) {
			throw new InvalidInputException("role", "accounts.error.role");
		}
		if (account.id().equals(actor.accountId())) {
			throw new InvalidInputException("role", "accounts.error.selfRole");
		}
		accounts.updateNamesAndRole(schoolId, id, account.firstName(), account.lastName(), role);
		rosterEvents.accounts(schoolId, AccountsChanged.Kind.CHANGED, List.of(require(schoolId, id)));
		if (role != account.role()) {
			sessions.endFor(account.login());
		}
		audit.record(schoolId, actor.accountId(), actor.login(), "account.role", account.login(), account.role() + " -> " + role);
	}

	/** Deletes for good; the confirmation is the caller's (UI dialog, API DELETE). */
	@Transactional
	public void delete(UUID schoolId, UUID id, SchulhausUser actor) {
		Account account = require(schoolId, id);
		if (account.id().equals(actor.accountId())) {
			throw new InvalidInputException("status", "accounts.error.selfDelete");
		}
		accounts.delete(schoolId, id);
		sessions.endFor(account.login());
		rosterEvents.accounts(schoolId, AccountsChanged.Kind.DELETED, List.of(account));
		audit.record(schoolId, actor.accountId(), actor.login(), "account.deleted", account.login(), null);
	}

	/** Changes the person's own password and signs them out everywhere else ({@code keptSessionId}: the session in use). */
	@Transactional
	public void changeOwnPassword(SchulhausUser user, String current, String next, String keptSessionId) {
		String hash = accounts.passwordHash(user.accountId()).orElse(null);
		Account me = me(user);
		if (!me.mustChangePassword() && (hash == null || current == null || !passwords.matches(current, hash))) {
			throw new InvalidInputException("currentPassword", "accounts.error.currentPassword");
		}
		PasswordRules.check("newPassword", next, me.firstName(), me.lastName(), me.login());
		accounts.updatePassword(user.accountId(), passwords.encode(next), false);
		sessions.endOthers(user.login(), keptSessionId);
		audit.record(user, "password.changed", user.login(), null);
	}

	@Transactional
	public void changeLanguage(SchulhausUser user, String language) {
		accounts.updateLanguage(user.accountId(), "en".equals(language) ? "en" : "de");
	}

	static String validName(String field, String value) {
		String v = value == null ? "" : value.strip();
		if (v.isEmpty()) {
			throw new InvalidInputException(field, "accounts.error.nameRequired");
		}
		if (v.length() > 100 || v.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException(field, "accounts.error.nameInvalid");
		}
		return v;
	}
}
