package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * The teachers and office staff a school admin lets write the school's calendar (conferences, holidays,
 * parents' evenings), chosen one by one or as a group: of a group only its teachers and staff write, never
 * its pupils. {@link Calendars} asks at every request, so a person who leaves the group loses it at once.
 */
@Service
public class SchoolCalendarWriters {

	/** A chosen account or group, with its name for the admin's page. */
	public record Writer(UUID memberId, boolean group, String name) {
	}

	private final JdbcClient jdbc;
	private final AccountManagement accounts;
	private final GroupManagement groups;
	private final AuditLog audit;

	SchoolCalendarWriters(JdbcClient jdbc, AccountManagement accounts, GroupManagement groups, AuditLog audit) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.groups = groups;
		this.audit = audit;
	}

	/** Whether a person of these roles may be chosen, or write as a member of a chosen group. */
	static boolean staff(Role role) {
		return role == Role.TEACHER || role == Role.STAFF;
	}

	/** Whether this teacher or staff member writes the school's calendar: chosen, or a member of a chosen group. One indexed query. */
	boolean designated(UUID school, UUID account, Collection<UUID> groupIds) {
		List<UUID> ids = new ArrayList<>(groupIds);
		ids.add(account);
		return jdbc.sql("select count(*) from calendar_school_writer where school_id = :school and member_id in (:ids)")
			.param("school", school).param("ids", ids).query(Long.class).single() > 0;
	}

	/** The chosen accounts and groups, by name. */
	public List<Writer> list(UUID school) {
		Map<UUID, String> kinds = jdbc.sql("select member_id, member_kind from calendar_school_writer where school_id = :school")
			.param("school", school).query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list().stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		List<UUID> accountIds = kinds.entrySet().stream().filter(e -> e.getValue().equals("account")).map(Map.Entry::getKey).toList();
		Map<UUID, String> names = accounts.names(school, accountIds);
		Map<UUID, Group> all = groups.list(school).stream().collect(Collectors.toMap(Group::id, Function.identity()));
		List<Writer> writers = new ArrayList<>();
		kinds.forEach((id, kind) -> {
			if (kind.equals("group") && all.containsKey(id)) {
				writers.add(new Writer(id, true, all.get(id).name()));
			}
			else if (kind.equals("account") && names.containsKey(id)) {
				writers.add(new Writer(id, false, names.get(id)));
			}
		});
		writers.sort(Comparator.comparing(Writer::group).thenComparing(Writer::name, String.CASE_INSENSITIVE_ORDER));
		return writers;
	}

	/** Chooses a teacher or staff member of the admin's school; another school's account is missing (404). */
	@Transactional
	public void addAccount(SchulhausUser admin, UUID accountId) {
		Account account = accounts.find(admin.schoolId(), accountId).orElseThrow(() -> new NotFoundException("account"));
		if (!staff(account.role())) {
			throw new InvalidInputException("konto", "calendar.settings.writers.notStaff");
		}
		add(admin, accountId, "account");
	}

	/** Chooses a group of the admin's school; its teachers and staff write. */
	@Transactional
	public void addGroup(SchulhausUser admin, UUID groupId) {
		groups.find(admin.schoolId(), groupId).orElseThrow(() -> new NotFoundException("group"));
		add(admin, groupId, "group");
	}

	/** Takes the right back; an id that was not chosen in the admin's school is missing (404). */
	@Transactional
	public void remove(SchulhausUser admin, UUID memberId) {
		int removed = jdbc.sql("delete from calendar_school_writer where school_id = :school and member_id = :member")
			.param("school", admin.schoolId()).param("member", memberId).update();
		if (removed == 0) {
			throw new NotFoundException("writer");
		}
		audit.record(admin, "calendar.school-writer.removed", memberId.toString(), null);
	}

	private void add(SchulhausUser admin, UUID memberId, String kind) {
		int added = jdbc.sql("""
				insert into calendar_school_writer (school_id, member_id, member_kind, created_at)
				select :school, :member, :kind, :now from (values (1)) as one (x)
				where not exists (select 1 from calendar_school_writer where school_id = :school and member_id = :member)""")
			.param("school", admin.schoolId()).param("member", memberId).param("kind", kind).param("now", CalendarObjects.utc(Instant.now()))
			.update();
		if (added > 0) {
			audit.record(admin, "calendar.school-writer.added", memberId.toString(), kind);
		}
	}
}
