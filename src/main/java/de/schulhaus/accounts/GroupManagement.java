package de.schulhaus.accounts;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.GroupRepository;
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

	GroupManagement(GroupRepository groups, AccountRepository accounts, AuditLog audit) {
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
		audit.record(schoolId, actor.accountId(), actor.login(), "group.created", n, kind.name());
		return require(schoolId, id);
	}

	public List<Group> list(UUID schoolId) {
		return groups.list(schoolId);
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

	@Transactional
	public void addMember(UUID schoolId, UUID groupId, UUID accountId, boolean leader, SchulhausUser actor) {
		Group group = require(schoolId, groupId);
		var account = accounts.find(schoolId, accountId).orElseThrow(() -> new NotFoundException("account"));
		groups.addMember(schoolId, groupId, accountId, leader);
		audit.record(schoolId, actor.accountId(), actor.login(), "group.member.added", group.name(), account.login());
	}

	@Transactional
	public void removeMember(UUID schoolId, UUID groupId, UUID accountId, SchulhausUser actor) {
		Group group = require(schoolId, groupId);
		var account = accounts.find(schoolId, accountId).orElseThrow(() -> new NotFoundException("account"));
		groups.removeMember(schoolId, groupId, accountId);
		audit.record(schoolId, actor.accountId(), actor.login(), "group.member.removed", group.name(), account.login());
	}

	@Transactional
	public void delete(UUID schoolId, UUID groupId, SchulhausUser actor) {
		Group group = require(schoolId, groupId);
		groups.delete(schoolId, groupId);
		audit.record(schoolId, actor.accountId(), actor.login(), "group.deleted", group.name(), null);
	}
}
