package de.schulhaus.accounts;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.GroupRepository;
import de.schulhaus.accounts.internal.RosterEvents;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/** Classes, courses, staff and custom groups of a school, with members and leaders. */
@Service
public class GroupManagement {

	private final GroupRepository groups;
	private final AccountRepository accounts;
	private final AuditLog audit;
	private final RosterEvents events;

	GroupManagement(GroupRepository groups, AccountRepository accounts, AuditLog audit, RosterEvents events) {
		this.events = events;
		this.groups = groups;
		this.accounts = accounts;
		this.audit = audit;
	}

	@Transactional
	public Group create(UUID schoolId, String name, GroupKind kind, String description, SchulhausUser actor) {
		String n = name == null ? "" : name.strip();
		if (n.isEmpty() || n.length() > 100) {
			throw new InvalidInputException("name", "accounts.error.groupName");
		}
		if (kind == null) {
			throw new InvalidInputException("kind", "accounts.error.groupKind");
		}
		if (groups.findByName(schoolId, n).isPresent()) {
			throw new InvalidInputException("name", "accounts.error.groupExists", n);
		}
		UUID id = Ids.newId();
		groups.insert(id, schoolId, n, kind, description == null || description.isBlank() ? null : description.strip(),
				AccountSource.MANUAL, null);
		events.groups(schoolId, List.of(new GroupsChanged.Change(GroupsChanged.Kind.CREATED, id, n, kind)));
		audit.record(schoolId, actor.accountId(), actor.login(), "group.created", n, kind.name());
		return require(schoolId, id);
	}

	public List<Group> list(UUID schoolId) {
		return groups.list(schoolId);
	}

	/** The group of this school, if it has one of this id. */
	public java.util.Optional<Group> find(UUID schoolId, UUID id) {
		return groups.find(schoolId, id);
	}

	public Group require(UUID schoolId, UUID id) {
		return groups.find(schoolId, id).orElseThrow(() -> new NotFoundException("group"));
	}

	public List<Membership> members(UUID schoolId, UUID groupId) {
		require(schoolId, groupId);
		return groups.members(schoolId, groupId);
	}

	public List<Membership> groupsOf(UUID schoolId, UUID accountId) {
		return groups.membershipsOf(schoolId, accountId);
	}

	/**
	 * A view other modules may read inside their own statements, where a query of its own would cost a round trip to the
	 * database: {@code (school_id, group_id, account_id, leader)} for every membership of a group that is not archived.
	 * Its columns are this module's contract; the tables behind it are not.
	 */
	public static final String CURRENT_MEMBERSHIP = "current_membership";

	/**
	 * The groups the person belongs to, with kind, archived flag and the person's leadership, in one
	 * query: what a module needs to decide rights per request without reading the school's every group.
	 */
	public List<PersonGroup> groupsOfPerson(UUID schoolId, UUID accountId) {
		return groups.groupsOfPerson(schoolId, accountId);
	}

	/** Every membership of the school in one query, by group name, then member's last and first name. */
	public List<Membership> memberships(UUID schoolId) {
		return groups.membershipsOfSchool(schoolId);
	}

	@Transactional
	public void addMember(UUID schoolId, UUID groupId, UUID accountId, boolean leader, SchulhausUser actor) {
		Group group = require(schoolId, groupId);
		if (group.archived()) {
			throw new InvalidInputException("accountId", "accounts.error.groupArchived");
		}
		var account = accounts.find(schoolId, accountId).orElseThrow(() -> new NotFoundException("account"));
		var before = membership(schoolId, groupId, accountId);
		groups.addMember(schoolId, groupId, accountId, leader);
		if (before.isEmpty() || before.get().leader() != leader) {
			events.memberships(schoolId, List.of(new MembershipsChanged.Change(
					before.isEmpty() ? MembershipsChanged.Kind.JOINED : MembershipsChanged.Kind.ROLE_CHANGED, groupId, accountId, leader)));
		}
		audit.record(schoolId, actor.accountId(), actor.login(), "group.member.added", group.name(), account.login());
	}

	@Transactional
	public void removeMember(UUID schoolId, UUID groupId, UUID accountId, SchulhausUser actor) {
		Group group = require(schoolId, groupId);
		var account = accounts.find(schoolId, accountId).orElseThrow(() -> new NotFoundException("account"));
		boolean wasMember = membership(schoolId, groupId, accountId).isPresent();
		groups.removeMember(schoolId, groupId, accountId);
		if (wasMember) {
			events.memberships(schoolId, List.of(new MembershipsChanged.Change(MembershipsChanged.Kind.LEFT, groupId, accountId, false)));
		}
		audit.record(schoolId, actor.accountId(), actor.login(), "group.member.removed", group.name(), account.login());
	}

	/** Archives a group after its time, or brings it back ({@code archived} false); audited, announced. */
	@Transactional
	public void archive(UUID schoolId, UUID groupId, boolean archived, SchulhausUser actor) {
		Group group = require(schoolId, groupId);
		if (groups.setArchived(schoolId, groupId, archived ? java.time.Instant.now() : null)) {
			events.groups(schoolId, List.of(new GroupsChanged.Change(archived ? GroupsChanged.Kind.ARCHIVED : GroupsChanged.Kind.RESTORED,
					groupId, group.name(), group.kind())));
			audit.record(schoolId, actor.accountId(), actor.login(), archived ? "group.archived" : "group.restored", group.name(), null);
		}
	}

	// from the person's side: a few groups, where a staff group may have hundreds of members
	private java.util.Optional<Membership> membership(UUID schoolId, UUID groupId, UUID accountId) {
		return groups.membershipsOf(schoolId, accountId).stream().filter(m -> m.groupId().equals(groupId)).findFirst();
	}

	@Transactional
	public void delete(UUID schoolId, UUID groupId, SchulhausUser actor) {
		Group group = require(schoolId, groupId);
		groups.delete(schoolId, groupId);
		events.groups(schoolId, List.of(new GroupsChanged.Change(GroupsChanged.Kind.DELETED, groupId, group.name(), group.kind())));
		audit.record(schoolId, actor.accountId(), actor.login(), "group.deleted", group.name(), null);
	}
}
