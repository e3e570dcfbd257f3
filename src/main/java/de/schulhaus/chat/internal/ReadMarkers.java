package de.schulhaus.chat.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How far each person has read each room; a marker only moves forward. */
@Repository
public class ReadMarkers {

	private final JdbcClient jdbc;

	ReadMarkers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Moves the marker to {@code seq} unless it is further already; answers where it is now. */
	long advance(UUID schoolId, UUID roomId, UUID accountId, long seq) {
		raiseOrCreate(schoolId, roomId, accountId, seq);
		return jdbc.sql("select last_read_seq from chat_read where room_id = :room and account_id = :account")
			.param("room", roomId).param("account", accountId).query(Long.class).single();
	}

	/**
	 * {@link #advance} without asking where the marker is: for one's own new message, whose number is the room's
	 * newest. One statement where the person has read the room before.
	 */
	void advanceOwn(UUID schoolId, UUID roomId, UUID accountId, long seq) {
		raiseOrCreate(schoolId, roomId, accountId, seq);
	}

	// update first, insert if there was no row; no read-modify-write, so two devices cannot move it back
	private void raiseOrCreate(UUID schoolId, UUID roomId, UUID accountId, long seq) {
		if (raise(schoolId, roomId, accountId, seq) == 0) {
			int inserted = jdbc.sql("insert into chat_read (room_id, school_id, account_id, last_read_seq) values (:room, :school, :account, :seq) "
					+ "on conflict do nothing")
				.param("room", roomId).param("school", schoolId).param("account", accountId).param("seq", seq).update();
			if (inserted == 0) {
				raise(schoolId, roomId, accountId, seq);
			}
		}
	}

	/** The markers of these rooms for one person; rooms never read are missing. */
	public Map<UUID, Long> of(UUID schoolId, UUID accountId, Collection<UUID> roomIds) {
		Map<UUID, Long> markers = new HashMap<>();
		if (roomIds.isEmpty()) {
			return markers;
		}
		jdbc.sql("select room_id, last_read_seq from chat_read where school_id = :school and account_id = :account and room_id in (:rooms)")
			.param("school", schoolId).param("account", accountId).param("rooms", roomIds)
			.query(rs -> {
				markers.put(rs.getObject(1, UUID.class), rs.getLong(2));
			});
		return markers;
	}

	private int raise(UUID schoolId, UUID roomId, UUID accountId, long seq) {
		return jdbc.sql("update chat_read set last_read_seq = case when last_read_seq < :seq then :seq else last_read_seq end "
				+ "where school_id = :school and room_id = :room and account_id = :account")
			.param("seq", seq).param("school", schoolId).param("room", roomId).param("account", accountId).update();
	}
}
