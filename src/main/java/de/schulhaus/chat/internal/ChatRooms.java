package de.schulhaus.chat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.platform.Ids;
import de.schulhaus.platform.NotFoundException;

/** The chat_room table; every query names the school. */
@Repository
public class ChatRooms {

	static final String COLUMNS = "r.id, r.school_id, r.group_id, r.name, r.archived, r.last_seq, r.last_activity_at, r.kind, r.locked, r.closed, "
			+ "r.group_gone";

	/**
	 * The room {@code :id} found by its primary key alone (the school is checked on that row, outside): every other index of
	 * chat_room starts with school_id, and a planner without statistics (new table, autovacuum off) took one of those for
	 * {@code school_id = ? and id = ?} and read all of the school's rooms for each post, three times a post.
	 */
	static final String BY_ID = "(select * from chat_room where id = :id offset 0) r";

	private final JdbcClient jdbc;

	ChatRooms(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Room> find(UUID schoolId, UUID roomId) {
		return jdbc.sql("select " + COLUMNS + " from " + BY_ID + " where r.school_id = :school")
			.param("school", schoolId).param("id", roomId).query(ChatRooms::map).optional();
	}

	Optional<Room> ofGroup(UUID schoolId, UUID groupId) {
		return jdbc.sql("select " + COLUMNS + " from chat_room r where r.school_id = :school and r.group_id = :group")
			.param("school", schoolId).param("group", groupId).query(ChatRooms::map).optional();
	}

	/** The rooms of roster groups (also of groups that are gone). */
	List<Room> all(UUID schoolId) {
		return jdbc.sql("select " + COLUMNS + " from chat_room r where r.school_id = :school and r.kind = 'GROUP'").param("school", schoolId)
			.query(ChatRooms::map).list();
	}

	/** The rooms of these groups, most recently active first. */
	List<Room> ofGroups(UUID schoolId, Collection<UUID> groupIds) {
		if (groupIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from chat_room r where r.school_id = :school and r.group_id in (:groups) and r.group_gone = false "
				+ "order by r.last_activity_at desc, r.id")
			.param("school", schoolId).param("groups", groupIds).query(ChatRooms::map).list();
	}

	void insert(UUID schoolId, UUID groupId, String name, boolean archived) {
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("insert into chat_room (id, school_id, group_id, name, archived, last_seq, last_activity_at, created_at) "
				+ "values (:id, :school, :group, :name, :archived, 0, :now, :now)")
			.param("id", Ids.newId()).param("school", schoolId).param("group", groupId).param("name", name)
			.param("archived", archived).param("now", now).update();
	}

	/** Answers whether anything changed. */
	boolean update(UUID schoolId, UUID roomId, String name, boolean archived) {
		return jdbc.sql("update chat_room set name = :name, archived = :archived where school_id = :school and id = :id "
				+ "and (name <> :name or archived <> :archived)")
			.param("name", name).param("archived", archived).param("school", schoolId).param("id", roomId).update() > 0;
	}

	void delete(UUID schoolId, UUID roomId) {
		for (String table : List.of("chat_read", "chat_pin", "chat_report", "chat_mute", "chat_member", "chat_silenced", "chat_message")) {
			jdbc.sql("delete from " + table + " where school_id = :school and room_id = :room").param("school", schoolId).param("room", roomId).update();
		}
		jdbc.sql("delete from chat_room where school_id = :school and id = :id").param("school", schoolId).param("id", roomId).update();
	}

	void deleteSchool(UUID schoolId) {
		for (String table : List.of("chat_read", "chat_pin", "chat_report", "chat_mute", "chat_member", "chat_silenced", "chat_message", "chat_room",
				"chat_room_synced", "chat_rules", "chat_digest_off")) {
			jdbc.sql("delete from " + table + " where school_id = :school").param("school", schoolId).update();
		}
	}

	/**
	 * Takes the room's next seq for a new message, which makes the room the most recently active.
	 * The update locks the room's row until the transaction ends, so concurrent posts get consecutive
	 * numbers and a seq is visible only after all smaller ones are.
	 */
	long nextSeq(UUID schoolId, UUID roomId, Instant now) {
		return allocate(schoolId, roomId, now);
	}

	/** Takes the room's next seq for a change of a message (edit, delete, reaction): the same counter, the room's activity stays. */
	long nextChangeSeq(UUID schoolId, UUID roomId) {
		return allocate(schoolId, roomId, null);
	}

	/** The one place that hands out a room's seqs (messages and changes alike), on the room's locked row. */
	private long allocate(UUID schoolId, UUID roomId, Instant activity) {
		// the new number comes back with the update (RETURNING on PostgreSQL, H2's generated keys): one round trip per post less
		var seq = new org.springframework.jdbc.support.GeneratedKeyHolder();
		// the row by its primary key alone, the school checked on it (BY_ID says why)
		String row = " where id = (select r.id from " + BY_ID + " where r.school_id = :school)";
		int updated = (activity == null
				? jdbc.sql("update chat_room set last_seq = last_seq + 1" + row)
				: jdbc.sql("update chat_room set last_seq = last_seq + 1, last_activity_at = :now" + row)
					.param("now", Timestamp.from(activity)))
			.param("school", schoolId).param("id", roomId).update(seq, "last_seq");
		if (updated == 0) {
			throw new NotFoundException("room");
		}
		return ((Number) seq.getKeys().get("last_seq")).longValue();
	}

	/** Inserts a room that is no roster group's; with a key (a direct chat's pair, the announcements) at most one per school and key. */
	UUID insertOther(UUID schoolId, RoomKind kind, String name, String key, UUID createdBy) {
		UUID id = Ids.newId();
		Timestamp now = Timestamp.from(Instant.now());
		int made = jdbc.sql("insert into chat_room (id, school_id, group_id, name, archived, last_seq, last_activity_at, created_at, kind, direct_key, "
				+ "created_by) values (:id, :school, null, :name, false, 0, :now, :now, :kind, :key, :by) on conflict do nothing")
			.param("id", id).param("school", schoolId).param("name", name).param("now", now).param("kind", kind.name()).param("key", key)
			.param("by", createdBy).update();
		if (made == 1) {
			return id;
		}
		return jdbc.sql("select id from chat_room where school_id = :school and direct_key = :key").param("school", schoolId).param("key", key)
			.query(UUID.class).single();
	}

	Optional<Room> byKey(UUID schoolId, String key) {
		return jdbc.sql("select " + COLUMNS + " from chat_room r where r.school_id = :school and r.direct_key = :key")
			.param("school", schoolId).param("key", key).query(ChatRooms::map).optional();
	}

	/** Sets a leader's switch of the room: {@code locked} or {@code closed} (archived by a leader). */
	boolean setFlag(UUID schoolId, UUID roomId, String column, boolean value) {
		if (!List.of("locked", "closed").contains(column)) {
			throw new IllegalArgumentException(column);
		}
		return jdbc.sql("update chat_room set " + column + " = :value where school_id = :school and id = :id and " + column + " <> :value")
			.param("value", value).param("school", schoolId).param("id", roomId).update() > 0;
	}

	/** The group is gone: its room stays, archived, for the people it had. */
	void detach(UUID schoolId, UUID roomId) {
		jdbc.sql("update chat_room set group_gone = true, archived = true where school_id = :school and id = :id")
			.param("school", schoolId).param("id", roomId).update();
	}

	static Room map(ResultSet rs, int row) throws SQLException {
		Timestamp activity = rs.getTimestamp("last_activity_at");
		boolean closed = rs.getBoolean("closed");
		return new Room(rs.getObject("id", UUID.class), rs.getObject("school_id", UUID.class), rs.getObject("group_id", UUID.class),
				rs.getString("name"), rs.getBoolean("archived") || closed || rs.getBoolean("group_gone"), rs.getLong("last_seq"),
				activity == null ? null : activity.toInstant(), RoomKind.valueOf(rs.getString("kind")), rs.getBoolean("locked"), closed);
	}
}
