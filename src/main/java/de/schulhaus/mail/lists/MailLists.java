package de.schulhaus.mail.lists;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.mail.internal.ListPolicy;
import de.schulhaus.mail.internal.LocalParts;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.School;
import de.schulhaus.schools.SchoolManagement;
import de.schulhaus.schools.SchoolStatus;

/**
 * Every group that is not archived has a list address: made when the group is, following its name
 * when it is renamed, gone when it is archived or deleted. Who gets a list's mail is read from the
 * group at delivery ({@code MailAddresses.listMembers}), so nothing here follows memberships.
 */
@Service
public class MailLists {

	private static final int MAX_TRIES = 500;

	private final JdbcClient jdbc;
	private final SchoolManagement schools;
	private final GroupManagement groups;
	private final LocalParts localParts;
	private final AuditLog audit;

	MailLists(JdbcClient jdbc, SchoolManagement schools, GroupManagement groups, LocalParts localParts, AuditLog audit) {
		this.jdbc = jdbc;
		this.schools = schools;
		this.groups = groups;
		this.localParts = localParts;
		this.audit = audit;
	}

	/** The school's lists by address. */
	public List<MailList> ofSchool(UUID schoolId) {
		return jdbc.sql("select group_id, school_id, local_part, policy from mail_list where school_id = :school order by local_part")
			.param("school", schoolId).query((rs, n) -> map(rs)).list();
	}

	public Optional<MailList> find(UUID schoolId, UUID groupId) {
		return jdbc.sql("select group_id, school_id, local_part, policy from mail_list where school_id = :school and group_id = :group")
			.param("school", schoolId).param("group", groupId).query((rs, n) -> map(rs)).optional();
	}

	/**
	 * Brings the lists of these groups in step with the groups as they are now (not as the event saw
	 * them: events of one group may come late or out of order).
	 */
	@Transactional
	public void follow(UUID schoolId, Collection<UUID> groupIds) {
		School school = schools.find(schoolId).orElse(null);
		if (school == null) {
			return;
		}
		for (UUID groupId : new HashSet<>(groupIds)) {
			Optional<Group> group = groups.find(schoolId, groupId);
			if (group.isEmpty() || group.get().archived()) {
				remove(schoolId, groupId);
			} else {
				ensure(school, group.get(), find(schoolId, groupId).orElse(null));
			}
		}
	}

	/**
	 * Gives every group of the school that is not archived its list and removes lists of groups that are
	 * gone; idempotent. Answers how many lists were made or renamed.
	 */
	@Transactional
	public int reconcile(UUID schoolId) {
		School school = schools.find(schoolId).orElse(null);
		if (school == null) {
			return 0;
		}
		Map<UUID, MailList> existing = new HashMap<>();
		ofSchool(schoolId).forEach(l -> existing.put(l.groupId(), l));
		Set<UUID> seen = new HashSet<>();
		int changed = 0;
		for (Group group : groups.list(schoolId)) {
			seen.add(group.id());
			if (group.archived()) {
				remove(schoolId, group.id());
			} else if (ensure(school, group, existing.get(group.id()))) {
				changed++;
			}
		}
		for (UUID gone : existing.keySet()) {
			if (!seen.contains(gone)) {
				remove(schoolId, gone);
			}
		}
		jdbc.sql("insert into mail_list_synced (school_id, synced_at) values (:school, :now) on conflict do nothing")
			.param("school", schoolId).param("now", Timestamp.from(Instant.now())).update();
		return changed;
	}

	/**
	 * Moves lists whose address became a person's sign-in name (a new person, a changed name) to the next
	 * free address of their group's name: a person's address always means the person.
	 */
	@Transactional
	public int yieldTo(UUID schoolId, Collection<String> logins) {
		School school = schools.find(schoolId).orElse(null);
		if (school == null || logins.isEmpty()) {
			return 0;
		}
		String suffix = "@" + school.mailDomain();
		List<String> taken = logins.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT)).filter(l -> l.endsWith(suffix))
			.map(l -> l.substring(0, l.length() - suffix.length())).toList();
		if (taken.isEmpty()) {
			return 0;
		}
		List<MailList> clashing = jdbc.sql("select group_id, school_id, local_part, policy from mail_list where school_id = :school "
				+ "and local_part in (:locals)")
			.param("school", schoolId).param("locals", taken).query((rs, n) -> map(rs)).list();
		for (MailList list : clashing) {
			groups.find(schoolId, list.groupId()).ifPresent(group -> {
				remove(schoolId, group.id());
				insertFree(school, group, ListNames.base(group.name()), list.policy());
			});
		}
		return clashing.size();
	}

	/** Schools whose groups were never all given lists. */
	List<UUID> unsyncedSchools() {
		Set<UUID> synced = new HashSet<>(jdbc.sql("select school_id from mail_list_synced").query(UUID.class).list());
		return schools.list().stream().filter(s -> s.status() != SchoolStatus.DELETED).map(School::id).filter(id -> !synced.contains(id)).toList();
	}

	/** The leader's (or admin's) choice of who may write to the list. */
	@Transactional
	public void setPolicy(SchulhausUser actor, UUID groupId, ListPolicy policy) {
		MailList list = find(actor.schoolId(), groupId).orElseThrow(() -> new NotFoundException("list"));
		jdbc.sql("update mail_list set policy = :policy where school_id = :school and group_id = :group")
			.param("policy", policy.column()).param("school", actor.schoolId()).param("group", groupId).update();
		audit.record(actor, "mail.list.policy", list.localPart(), policy.column());
	}

	@Transactional
	public void forgetSchool(UUID schoolId) {
		jdbc.sql("delete from mail_list where school_id = :school").param("school", schoolId).update();
		jdbc.sql("delete from mail_list_synced where school_id = :school").param("school", schoolId).update();
	}

	private void remove(UUID schoolId, UUID groupId) {
		jdbc.sql("delete from mail_list where school_id = :school and group_id = :group").param("school", schoolId).param("group", groupId)
			.update();
	}

	/** Makes the group's list, or gives it the address of the group's new name; answers whether it changed anything. */
	private boolean ensure(School school, Group group, MailList existing) {
		String base = ListNames.base(group.name());
		if (existing != null && ListNames.fits(existing.localPart(), base)) {
			return false;
		}
		ListPolicy policy = existing == null ? ListPolicy.MEMBERS : existing.policy();
		if (existing != null) {
			remove(school.id(), group.id());
		}
		return insertFree(school, group, base, policy);
	}

	/** Inserts the group's list at the first free address of its name; answers whether this call made it. */
	private boolean insertFree(School school, Group group, String base, ListPolicy policy) {
		for (int n = 1; n <= MAX_TRIES; n++) {
			String candidate = ListNames.candidate(base, n);
			if (localParts.holder(school.id(), school.mailDomain(), candidate, group.id()).isPresent()) {
				continue;
			}
			// a list made meanwhile by another node (the job, the listener) takes the row or the address: then look again
			int inserted = jdbc.sql("insert into mail_list (group_id, school_id, local_part, policy, created_at) "
					+ "values (:group, :school, :local, :policy, :now) on conflict do nothing")
				.param("group", group.id()).param("school", school.id()).param("local", candidate).param("policy", policy.column())
				.param("now", Timestamp.from(Instant.now())).update();
			if (inserted == 1 || find(school.id(), group.id()).isPresent()) {
				return inserted == 1;
			}
		}
		throw new IllegalStateException("no free list address for group " + group.id());
	}

	private static MailList map(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new MailList(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), ListPolicy.ofColumn(rs.getString(4)));
	}
}
