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
		// the same rule as RoomAccess: a member reads the group's room, archived or not
		List<UUID> mine = groups.groupsOfPerson(user.schoolId(), user.accountId()).stream().map(PersonGroup::groupId).distinct().toList();
		if (mine.isEmpty()) {
			return 0;
		}
		// messages after the marker, not deleted: changes to messages take seqs too, so seqs alone would count them
		return jdbc.sql("select count(*) from chat_room r join chat_message x on x.room_id = r.id "
				+ "left join chat_read m on m.room_id = r.id and m.account_id = :account "
				+ "where r.school_id = :school and r.group_id in (:groups) and r.last_seq > coalesce(m.last_read_seq, 0) "
				+ "and x.seq > coalesce(m.last_read_seq, 0) and x.deleted_at is null")
			.param("account", user.accountId()).param("school", user.schoolId()).param("groups", mine).query(Long.class).single();
	}
}
