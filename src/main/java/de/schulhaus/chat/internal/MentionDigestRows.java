package de.schulhaus.chat.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The mentions the mail digest has not decided about yet ({@code chat_mention.digest_state} null) and the people who
 * switched the digest off. A decision is written once, by a conditional update: two runs never mail one mention twice.
 */
@Repository
public class MentionDigestRows {

	private final JdbcClient jdbc;

	MentionDigestRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Someone with an open mention. */
	public record Person(UUID schoolId, UUID accountId) {
	}

	/** An open mention made at or before the cut-off, with what deciding about it needs. */
	public record Open(UUID messageId, UUID roomId, long seq, UUID authorId, String body, Instant createdAt, boolean deleted,
			long readSeq) {
	}

	/** The people with open mentions made at or before {@code cutoff}. */
	public List<Person> peopleWithOpen(Instant cutoff) {
		return jdbc.sql("select distinct school_id, account_id from chat_mention where digest_state is null and mentioned_at <= :cutoff")
			.param("cutoff", Timestamp.from(cutoff))
			.query((rs, n) -> new Person(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
	}

	/** The person's open mentions made at or before {@code cutoff}, by room and in the room's order. */
	public List<Open> openOf(Person person, Instant cutoff) {
		return jdbc.sql("select m.message_id, msg.room_id, msg.seq, msg.author_id, msg.body, msg.created_at, msg.deleted_at, "
				+ "coalesce(r.last_read_seq, 0) from chat_mention m join chat_message msg on msg.id = m.message_id "
				+ "left join chat_read r on r.room_id = msg.room_id and r.account_id = m.account_id "
				+ "where m.school_id = :school and m.account_id = :account and msg.school_id = :school "
				+ "and m.digest_state is null and m.mentioned_at <= :cutoff order by msg.room_id, msg.seq")
			.param("school", person.schoolId()).param("account", person.accountId()).param("cutoff", Timestamp.from(cutoff))
			.query((rs, n) -> new Open(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3), rs.getObject(4, UUID.class),
					rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7) != null, rs.getLong(8)))
			.list();
	}

	/** Writes the decision for those of the mentions still open; answers how many that were. */
	public int settle(Person person, Collection<UUID> messageIds, String state, Instant now) {
		if (messageIds.isEmpty()) {
			return 0;
		}
		return jdbc.sql("update chat_mention set digest_state = :state, digest_at = :now where school_id = :school and account_id = :account "
				+ "and message_id in (:ids) and digest_state is null")
			.param("state", state).param("now", Timestamp.from(now)).param("school", person.schoolId()).param("account", person.accountId())
			.param("ids", List.copyOf(messageIds)).update();
	}

	public boolean switchedOff(UUID schoolId, UUID accountId) {
		return jdbc.sql("select count(*) from chat_digest_off where school_id = :school and account_id = :account")
			.param("school", schoolId).param("account", accountId).query(Integer.class).single() > 0;
	}

	public void switchOff(UUID schoolId, UUID accountId, boolean off) {
		if (!off) {
			jdbc.sql("delete from chat_digest_off where school_id = :school and account_id = :account")
				.param("school", schoolId).param("account", accountId).update();
			return;
		}
		jdbc.sql("insert into chat_digest_off (school_id, account_id, switched_at) values (:school, :account, :now) on conflict do nothing")
			.param("school", schoolId).param("account", accountId).param("now", Timestamp.from(Instant.now())).update();
	}
}
