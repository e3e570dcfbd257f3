package de.schulhaus.platform;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Audit entries as someone with database access sees them: found by a test's own marker, changed,
 * moved and deleted with plain SQL, and put back afterwards, so that the next test meets an intact
 * chain again.
 */
public final class AuditRows {

	private final JdbcClient jdbc;

	public AuditRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Numbers of the entries whose target is {@code target}, in chain order. */
	public List<Long> seqsWithTarget(String target) {
		return jdbc.sql("select seq from audit_event where target = :target order by seq").param("target", target)
			.query(Long.class).list();
	}

	public List<Long> seqsOfActor(String login) {
		return jdbc.sql("select seq from audit_event where actor_login = :login order by seq").param("login", login)
			.query(Long.class).list();
	}

	public String text(long seq, String column) {
		return jdbc.sql("select " + column + " from audit_event where seq = :seq").param("seq", seq).query(String.class).optional()
			.orElse(null);
	}

	public void setText(long seq, String column, String value) {
		jdbc.sql("update audit_event set " + column + " = :value where seq = :seq").param("value", value).param("seq", seq).update();
	}

	/** Swaps the places of two entries (and back, called again). */
	public void swap(long a, long b) {
		jdbc.sql("update audit_event set seq = -1 where seq = :a").param("a", a).update();
		jdbc.sql("update audit_event set seq = :a where seq = :b").param("a", a).param("b", b).update();
		jdbc.sql("update audit_event set seq = :b where seq = -1").param("b", b).update();
	}

	/** Deletes the entry; {@link Deleted#putBack()} inserts it again as it was. */
	public Deleted delete(long seq) {
		Deleted row = jdbc.sql("select id, seq, prev_hash, hash, occurred_at, school_id, actor_id, actor_login, action, target, "
				+ "details, ip, ip_salt, ip_commitment from audit_event where seq = :seq")
			.param("seq", seq)
			.query((rs, n) -> new Deleted(jdbc, rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getString("prev_hash"),
					rs.getString("hash"), rs.getObject("occurred_at", OffsetDateTime.class), rs.getObject("school_id", UUID.class),
					rs.getObject("actor_id", UUID.class), rs.getString("actor_login"), rs.getString("action"), rs.getString("target"),
					rs.getString("details"), rs.getString("ip"), rs.getString("ip_salt"), rs.getString("ip_commitment")))
			.single();
		jdbc.sql("delete from audit_event where seq = :seq").param("seq", seq).update();
		return row;
	}

	public record Deleted(JdbcClient jdbc, UUID id, long seq, String prevHash, String hash, OffsetDateTime occurredAt,
			UUID schoolId, UUID actorId, String actorLogin, String action, String target, String details, String ip,
			String ipSalt, String ipCommitment) {

		public void putBack() {
			jdbc.sql("insert into audit_event (id, seq, prev_hash, hash, occurred_at, school_id, actor_id, actor_login, action, "
					+ "target, details, ip, ip_salt, ip_commitment) values (:id, :seq, :prevHash, :hash, :at, :school, :actor, "
					+ ":login, :action, :target, :details, :ip, :salt, :commitment)")
				.param("id", id).param("seq", seq).param("prevHash", prevHash).param("hash", hash).param("at", occurredAt)
				.param("school", schoolId).param("actor", actorId).param("login", actorLogin).param("action", action)
				.param("target", target).param("details", details).param("ip", ip).param("salt", ipSalt)
				.param("commitment", ipCommitment)
				.update();
		}
	}
}
