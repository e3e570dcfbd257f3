package de.schulhaus.chat.internal;

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
import de.schulhaus.schools.School;
import de.schulhaus.schools.SchoolManagement;
import de.schulhaus.schools.SchoolStatus;

/**
 * Every roster group has its room: made with the group, renamed with it, archived with it (kept for
 * reading). When the group is deleted (a finished school year) a room with messages stays, archived,
 * for the people it had (noted when the group was archived, and whoever read or wrote there); an empty
 * one goes. Each school also has its announcement room. Groups are read as they are now, so late,
 * repeated or reordered events do no harm.
 */
@Service
public class GroupRooms {

	private final ChatRooms rooms;
	private final GroupManagement groups;
	private final SchoolManagement schools;
	private final JdbcClient jdbc;
	private final ChatFanout fanout;

	GroupRooms(ChatRooms rooms, GroupManagement groups, SchoolManagement schools, JdbcClient jdbc, ChatFanout fanout) {
		this.rooms = rooms;
		this.groups = groups;
		this.schools = schools;
		this.jdbc = jdbc;
		this.fanout = fanout;
	}

	/** Brings the rooms of these groups in line with the groups as they are now. */
	@Transactional
	public void follow(UUID schoolId, Collection<UUID> groupIds) {
		if (schools.find(schoolId).isEmpty()) {
			return;
		}
		boolean changed = announcements(schoolId);
		for (UUID groupId : new HashSet<>(groupIds)) {
			changed |= follow(schoolId, groups.find(schoolId, groupId), groupId, rooms.ofGroup(schoolId, groupId));
		}
		if (changed) {
			AfterCommit.run(() -> fanout.roomsChanged(schoolId, null));
		}
	}

	/** Gives every group of the school its room and removes rooms of groups that are gone; answers how many rooms changed. */
	@Transactional
	public int reconcile(UUID schoolId) {
		if (schools.find(schoolId).isEmpty()) {
			return 0;
		}
		Map<UUID, Room> existing = new HashMap<>();
		rooms.all(schoolId).forEach(r -> existing.put(r.groupId(), r));
		int changed = announcements(schoolId) ? 1 : 0;
		Set<UUID> seen = new HashSet<>();
		for (Group group : groups.list(schoolId)) {
			seen.add(group.id());
			if (follow(schoolId, Optional.of(group), group.id(), Optional.ofNullable(existing.get(group.id())))) {
				changed++;
			}
		}
		for (Room gone : existing.values()) {
			if (!seen.contains(gone.groupId()) && goneGroup(schoolId, gone)) {
				changed++;
			}
		}
		jdbc.sql("insert into chat_room_synced (school_id, synced_at) values (:school, :now) on conflict do nothing")
			.param("school", schoolId).param("now", Timestamp.from(Instant.now())).update();
		if (changed > 0) {
			AfterCommit.run(() -> fanout.roomsChanged(schoolId, null));
		}
		return changed;
	}

	/** Schools whose groups were never all given rooms. */
	public List<UUID> unsyncedSchools() {
		Set<UUID> synced = new HashSet<>(jdbc.sql("select school_id from chat_room_synced").query(UUID.class).list());
		return schools.list().stream().filter(s -> s.status() != SchoolStatus.DELETED).map(School::id)
			.filter(id -> !synced.contains(id)).toList();
	}

	@Transactional
	public void forgetSchool(UUID schoolId) {
		rooms.deleteSchool(schoolId);
	}

	private boolean follow(UUID schoolId, Optional<Group> group, UUID groupId, Optional<Room> room) {
		if (group.isEmpty()) {
			return room.isPresent() && goneGroup(schoolId, room.get());
		}
		Group g = group.get();
		if (room.isEmpty()) {
			rooms.insert(schoolId, groupId, g.name(), g.archived());
			return true;
		}
		if (g.archived() && !room.get().archived()) {
			// who was in it, for reading once the group is deleted
			keepReaders(schoolId, room.get().id(), groups.members(schoolId, groupId).stream().map(m -> m.accountId()).toList());
		}
		return rooms.update(schoolId, room.get().id(), g.name(), g.archived());
	}

	/** The group is deleted: an empty room goes, one with messages stays archived for its people. */
	private boolean goneGroup(UUID schoolId, Room room) {
		if (room.lastSeq() == 0) {
			rooms.delete(schoolId, room.id());
			return true;
		}
		if (!jdbc.sql("select group_gone from chat_room where id = :id").param("id", room.id()).query(Boolean.class).single()) {
			keepReaders(schoolId, room.id(), jdbc.sql("select account_id from chat_read where school_id = :school and room_id = :room "
					+ "union select author_id from chat_message where school_id = :school and room_id = :room")
				.param("school", schoolId).param("room", room.id()).query(UUID.class).list());
			rooms.detach(schoolId, room.id());
			return true;
		}
		return false;
	}

	private void keepReaders(UUID schoolId, UUID roomId, List<UUID> accountIds) {
		Timestamp now = Timestamp.from(Instant.now());
		for (UUID account : accountIds) {
			jdbc.sql("insert into chat_member (room_id, school_id, account_id, role, added_at) values (:room, :school, :account, 'former', :now) "
					+ "on conflict do nothing")
				.param("room", roomId).param("school", schoolId).param("account", account).param("now", now).update();
		}
	}

	/** The school's announcement room ("Ankündigungen"), made once; answers whether it was made now. */
	boolean announcements(UUID schoolId) {
		if (rooms.byKey(schoolId, ANNOUNCEMENTS).isPresent()) {
			return false;
		}
		// the stored name is for the audit log; readers see it in their language (RoomAccess, by the room's kind)
		rooms.insertOther(schoolId, RoomKind.ANNOUNCE, "Ankündigungen", ANNOUNCEMENTS, null);
		return true;
	}

	/** The announcement room's key (in the column that keeps direct chats one per pair). */
	static final String ANNOUNCEMENTS = "announcements";
}
