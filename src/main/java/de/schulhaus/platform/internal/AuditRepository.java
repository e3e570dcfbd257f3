package de.schulhaus.platform.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;

/**
 * The audit log's tables: {@code audit_event}, one row per entry with its place in the chain, and
 * {@code audit_chain_head}, one row that records the chain's last entry and where the kept part of
 * the chain starts. Times are written and read as UTC offsets, never through the JVM's time zone.
 */
@Repository
public class AuditRepository {

	private static final String CHAINED_COLUMNS = "seq, prev_hash, hash, occurred_at, school_id, actor_id, actor_login, "
			+ "action, target, details, ip, ip_salt, ip_commitment";

	private final JdbcClient jdbc;

	AuditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The head, locked until the caller's transaction ends: appends and deletions take turns on it. */
	public ChainHead lockHead() {
		return jdbc.sql("select last_seq, last_hash, start_seq, start_prev_hash from audit_chain_head where id = 1 for update")
			.query(AuditRepository::headOf).single();
	}

	public ChainHead head() {
		return jdbc.sql("select last_seq, last_hash, start_seq, start_prev_hash from audit_chain_head where id = 1")
			.query(AuditRepository::headOf).single();
	}

	/** Adds an entry at the end of the chain; the caller holds the head's lock. */
	public void append(ChainedEntry chained) {
		AuditEntry e = chained.entry();
		jdbc.sql("insert into audit_event (id, seq, prev_hash, hash, occurred_at, school_id, actor_id, actor_login, action, "
				+ "target, details, ip, ip_salt, ip_commitment) values (:id, :seq, :prevHash, :hash, :at, :school, :actorId, "
				+ ":actorLogin, :action, :target, :details, :ip, :salt, :commitment)")
			.param("id", Ids.newId())
			.param("seq", chained.seq())
			.param("prevHash", chained.prevHash())
			.param("hash", chained.hash())
			.param("at", OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC))
			.param("school", e.schoolId())
			.param("actorId", e.actorId())
			.param("actorLogin", e.actorLogin())
			.param("action", e.action())
			.param("target", e.target())
			.param("details", e.details())
			.param("ip", chained.address())
			.param("salt", chained.addressSalt())
			.param("commitment", e.addressCommitment())
			.update();
		jdbc.sql("update audit_chain_head set last_seq = :seq, last_hash = :hash where id = 1")
			.param("seq", chained.seq())
			.param("hash", chained.hash())
			.update();
	}

	/** Up to {@code limit} entries from {@code fromSeq} to {@code toSeq}, in chain order. */
	public List<ChainedEntry> chain(long fromSeq, long toSeq, int limit) {
		return jdbc.sql("select " + CHAINED_COLUMNS + " from audit_event where seq >= :from and seq <= :to order by seq limit :limit")
			.param("from", fromSeq)
			.param("to", toSeq)
			.param("limit", limit)
			.query(AuditRepository::chainedOf).list();
	}

	/** The first entry numbered before the chain's start, if any: none should be. */
	public Optional<Long> firstBefore(long seq) {
		return jdbc.sql("select min(seq) from audit_event where seq < :seq").param("seq", seq).query(Long.class).optional();
	}

	/** The first entry numbered after the head's last one, if any: none should be. */
	public Optional<Long> firstAfter(long seq) {
		return jdbc.sql("select min(seq) from audit_event where seq > :seq").param("seq", seq).query(Long.class).optional();
	}

	/** Newest first. {@code schoolId == null} means all schools. */
	public List<AuditLog.Entry> recent(UUID schoolId, int limit) {
		String where = schoolId == null ? "" : "where school_id = :school ";
		var spec = jdbc.sql("select occurred_at, actor_login, action, target, details, ip from audit_event " + where
				+ "order by occurred_at desc limit :limit").param("limit", limit);
		if (schoolId != null) {
			spec = spec.param("school", schoolId);
		}
		return spec.query((rs, n) -> new AuditLog.Entry(instant(rs, "occurred_at"), rs.getString(2), rs.getString(3),
				rs.getString(4), rs.getString(5), rs.getString(6))).list();
	}

	/**
	 * Entries of the school (of no school for {@code schoolId == null}) since {@code since} in which the
	 * account acted or its login was used, or that name the login as target or details; in chain order.
	 */
	public List<ChainedEntry> about(UUID schoolId, UUID accountId, String login, Instant since) {
		String school = schoolId == null ? "school_id is null" : "school_id = :school";
		var spec = jdbc.sql("select " + CHAINED_COLUMNS + " from audit_event where " + school + " and occurred_at >= :since "
				+ "and (actor_id = :account or lower(actor_login) = :login or lower(target) = :login or lower(details) = :login) "
				+ "order by seq")
			.param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
			.param("account", accountId)
			.param("login", login.toLowerCase(java.util.Locale.ROOT));
		if (schoolId != null) {
			spec = spec.param("school", schoolId);
		}
		return spec.query(AuditRepository::chainedOf).list();
	}

	/** Removes address and salt of entries older than {@code cutoff}; their commitments stay. */
	int forgetAddressesBefore(Instant cutoff) {
		return jdbc.sql("update audit_event set ip = null, ip_salt = null "
				+ "where occurred_at < :cutoff and (ip is not null or ip_salt is not null)")
			.param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
			.update();
	}

	/** The first {@code limit} entries of the kept chain: number, time and hash. */
	List<AgedEntry> oldest(long startSeq, int limit) {
		return jdbc.sql("select seq, occurred_at, hash from audit_event where seq >= :start order by seq limit :limit")
			.param("start", startSeq)
			.param("limit", limit)
			.query((rs, n) -> new AgedEntry(rs.getLong("seq"), instant(rs, "occurred_at"), rs.getString("hash"))).list();
	}

	/** Deletes the chain's entries before {@code newStartSeq} and records where it now starts. */
	void cutBefore(long startSeq, long newStartSeq, String newStartPrevHash) {
		jdbc.sql("delete from audit_event where seq >= :start and seq < :newStart")
			.param("start", startSeq)
			.param("newStart", newStartSeq)
			.update();
		jdbc.sql("update audit_chain_head set start_seq = :seq, start_prev_hash = :hash where id = 1")
			.param("seq", newStartSeq)
			.param("hash", newStartPrevHash)
			.update();
	}

	private static ChainHead headOf(ResultSet rs, int n) throws SQLException {
		return new ChainHead(rs.getLong("last_seq"), rs.getString("last_hash"), rs.getLong("start_seq"), rs.getString("start_prev_hash"));
	}

	private static ChainedEntry chainedOf(ResultSet rs, int n) throws SQLException {
		AuditEntry entry = new AuditEntry(instant(rs, "occurred_at"), rs.getObject("school_id", UUID.class),
				rs.getObject("actor_id", UUID.class), rs.getString("actor_login"), rs.getString("action"), rs.getString("target"),
				rs.getString("details"), rs.getString("ip_commitment"));
		return new ChainedEntry(rs.getLong("seq"), rs.getString("prev_hash"), rs.getString("hash"), entry, rs.getString("ip"),
				rs.getString("ip_salt"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	/**
	 * @param lastSeq number of the chain's last entry (0 while empty)
	 * @param startSeq number of the first kept entry (after the last deleted one)
	 * @param startPrevHash the hash the first kept entry follows
	 */
	public record ChainHead(long lastSeq, String lastHash, long startSeq, String startPrevHash) {
	}

	/** An entry in its place: number, the hash it follows, its own hash, the address and its salt while kept. */
	public record ChainedEntry(long seq, String prevHash, String hash, AuditEntry entry, String address, String addressSalt) {
	}

	record AgedEntry(long seq, Instant occurredAt, String hash) {
	}
}
