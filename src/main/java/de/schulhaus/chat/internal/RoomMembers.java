package de.schulhaus.chat.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The chat_member table: the stored members of direct and group chats, the announcement posters, a gone group's readers. */
@Repository
public class RoomMembers {

	private final JdbcClient jdbc;

	RoomMembers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds the person with this role unless they are in already; answers whether they were added. */
	boolean add(UUID schoolId, UUID roomId, UUID accountId, String role) {
		return jdbc.sql("insert into chat_member (room_id, school_id, account_id, role, added_at) values (:room, :school, :account, :role, :now) "
				+ "on conflict do nothing")
			.param("room", roomId).param("school", schoolId).param("account", accountId).param("role", role)
			.param("now", Timestamp.from(Instant.now())).update() > 0;
	}

	boolean remove(UUID schoolId, UUID roomId, UUID accountId) {
		return jdbc.sql("delete from chat_member where school_id = :school and room_id = :room and account_id = :account")
			.param("school", schoolId).param("room", roomId).param("account", accountId).update() > 0;
	}

	/** The people with one of these roles, longest in the room first. */
	public List<UUID> of(UUID schoolId, UUID roomId, List<String> roles) {
		return jdbc.sql("select account_id from chat_member where school_id = :school and room_id = :room and role in (:roles) "
				+ "order by added_at, account_id")
			.param("school", schoolId).param("room", roomId).param("roles", roles).query(UUID.class).list();
	}

	/** The first member becomes the group chat's starter (who leads it) when the starter left. */
	void handOver(UUID schoolId, UUID roomId) {
		List<UUID> starters = of(schoolId, roomId, List.of("starter"));
		if (!starters.isEmpty()) {
			return;
		}
		of(schoolId, roomId, List.of("member")).stream().findFirst().ifPresent(next -> jdbc.sql(
				"update chat_member set role = 'starter' where school_id = :school and room_id = :room and account_id = :account")
			.param("school", schoolId).param("room", roomId).param("account", next).update());
	}

	/** The announcement posters the admins chose. */
	public List<UUID> posters(UUID schoolId, UUID roomId) {
		return of(schoolId, roomId, List.of("poster"));
	}
}
