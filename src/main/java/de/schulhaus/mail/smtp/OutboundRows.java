package de.schulhaus.mail.smtp;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.blobs.BlobStore;

/**
 * The rows of {@code mail_outbound_*} as the sender sees them. A recipient is claimed by moving its
 * {@code next_attempt_at} into the future only if it is still the time read: one node sends it, and a node
 * that dies while sending leaves it due again after the lease.
 */
@Repository
class OutboundRows {

	/** A recipient that is due, with its message. */
	record Due(UUID messageId, UUID schoolId, String address, int attempts, OffsetDateTime nextAttemptAt, String envelopeFrom, UUID blobId,
			long size, String subject, Instant createdAt) {
	}

	private final JdbcClient jdbc;
	private final BlobStore blobs;

	OutboundRows(JdbcClient jdbc, BlobStore blobs) {
		this.jdbc = jdbc;
		this.blobs = blobs;
	}

	List<Due> due(Instant now, int limit) {
		return jdbc.sql("select r.message_id, m.school_id, r.address, r.attempts, r.next_attempt_at, m.envelope_from, m.blob_id, m.size_bytes, "
				+ "m.subject, m.created_at from mail_outbound_recipient r join mail_outbound_message m on m.id = r.message_id "
				+ "where r.next_attempt_at <= :now order by r.next_attempt_at limit :limit")
			.param("now", Timestamp.from(now)).param("limit", limit)
			.query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4),
					rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getObject(7, UUID.class), rs.getLong(8), rs.getString(9),
					rs.getObject(10, OffsetDateTime.class).toInstant()))
			.list();
	}

	int countDue(Instant now) {
		return jdbc.sql("select count(*) from mail_outbound_recipient where next_attempt_at <= :now").param("now", Timestamp.from(now))
			.query(Integer.class).single();
	}

	boolean claim(Due due, Instant leaseUntil) {
		return jdbc.sql("update mail_outbound_recipient set next_attempt_at = :lease where message_id = :message and address = :address "
				+ "and school_id = :school and next_attempt_at = :seen")
			.param("lease", Timestamp.from(leaseUntil)).param("message", due.messageId()).param("address", due.address())
			.param("school", due.schoolId()).param("seen", due.nextAttemptAt()).update() == 1;
	}

	void retryLater(Due due, Instant next, String error) {
		jdbc.sql("update mail_outbound_recipient set attempts = attempts + 1, next_attempt_at = :next, last_error = :error "
				+ "where message_id = :message and address = :address and school_id = :school")
			.param("next", Timestamp.from(next)).param("error", error).param("message", due.messageId()).param("address", due.address())
			.param("school", due.schoolId()).update();
	}

	/** Removes the recipient; with the last one its message and the raw message go too. Inside a transaction. */
	void done(Due due) {
		jdbc.sql("delete from mail_outbound_recipient where message_id = :message and address = :address and school_id = :school")
			.param("message", due.messageId()).param("address", due.address()).param("school", due.schoolId()).update();
		boolean more = jdbc.sql("select count(*) from mail_outbound_recipient where message_id = :message").param("message", due.messageId())
			.query(Integer.class).single() > 0;
		if (!more && jdbc.sql("delete from mail_outbound_message where id = :message and school_id = :school")
			.param("message", due.messageId()).param("school", due.schoolId()).update() == 1) {
			blobs.delete(due.blobId());
		}
	}
}
