package de.schulhaus.chat.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.PersonGroup;
import de.schulhaus.platform.SchulhausUser;

/**
 * How many messages the person has not read in all the rooms they read: the number beside the
 * messenger's tile, asked on every page that shows it, so one roster query and one count (of the unread
 * messages' index entries only).
 */
@Repository
public class UnreadTotal {

	private final JdbcClient jdbc;
	private final GroupManagement groups;

	UnreadTotal(JdbcClient jdbc, GroupManagement groups) {
		this.jdbc = jdbc;
		this.groups = groups;
	}

	public long of(SchulhausUser user) {
		if (user.schoolId() == null) {
			return 0;
		}
		// the same rule as RoomAccess, for the rooms in the list (archived ones are under "Archiv" and not counted)
		List<UUID> mine = groups.groupsOfPerson(user.schoolId(), user.accountId()).stream().map(PersonGroup::groupId).distinct().toList();
		// messages after the marker, not deleted: changes to messages take seqs too, so seqs alone would count them
		return jdbc.sql("select count(*) from chat_room r join chat_message x on x.room_id = r.id "
				+ "left join chat_read m on m.room_id = r.id and m.account_id = :account "
				+ "left join chat_member cm on cm.room_id = r.id and cm.account_id = :account "
				+ "where r.school_id = :school and r.archived = false and r.closed = false and r.group_gone = false "
				+ "and (r.group_id in (:groups) or cm.role in ('starter', 'member') or r.kind = 'ANNOUNCE') "
				+ "and r.last_seq > coalesce(m.last_read_seq, 0) and x.seq > coalesce(m.last_read_seq, 0) and x.deleted_at is null")
			.param("account", user.accountId()).param("school", user.schoolId()).param("groups", mine.isEmpty() ? List.of(new UUID(0, 0)) : mine)
			.query(Long.class).single();
	}
}
