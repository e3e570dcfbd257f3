package de.schulhaus.platform.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.github.f4b6a3.uuid.UuidCreator;

import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;

/**
 * The {@code notification} table. Every read and update names the school and the person, so a
 * person reaches only their own rows. Times are written and read as UTC offsets.
 */
@Repository
public class NotificationRepository {

	/** Rows per JDBC batch: a school's largest group is one batch, a whole school a few. */
	static final int ROWS_PER_BATCH = 1000;
	private static final String SEPARATOR = "\u001F";
	private static final String INSERT = "insert into notification (id, school_id, account_id, kind, title_key, title_args, link, "
			+ "created_at) values (:id, :school, :account, :kind, :titleKey, :titleArgs, :link, :at)";
	private static final String COLUMNS = "id, kind, title_key, title_args, link, created_at, read_at";

	private final JdbcClient jdbc;
	private final NamedParameterJdbcOperations batches;

	NotificationRepository(JdbcClient jdbc, NamedParameterJdbcOperations batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/** One row per recipient, in batches of {@value #ROWS_PER_BATCH} (one statement, many parameter sets). */
	public void insert(UUID schoolId, List<Recipient> recipients, Notification n) {
		String args = n.titleArgs().isEmpty() ? null : String.join(SEPARATOR, n.titleArgs());
		OffsetDateTime at = OffsetDateTime.ofInstant(n.at(), ZoneOffset.UTC);
		for (int from = 0; from < recipients.size(); from += ROWS_PER_BATCH) {
			SqlParameterSource[] rows = recipients.subList(from, Math.min(recipients.size(), from + ROWS_PER_BATCH)).stream()
				.map(r -> new MapSqlParameterSource().addValue("id", r.id()).addValue("school", schoolId)
					.addValue("account", r.accountId()).addValue("kind", n.kind()).addValue("titleKey", n.titleKey())
					.addValue("titleArgs", args).addValue("link", n.link()).addValue("at", at))
				.toArray(SqlParameterSource[]::new);
			batches.batchUpdate(INSERT, rows);
		}
	}

	public long countUnread(UUID schoolId, UUID accountId) {
		return jdbc.sql("select count(*) from notification where account_id = :account and read_at is null and school_id = :school")
			.param("account", accountId).param("school", schoolId).query(Long.class).single();
	}

	/** Newest first. */
	public List<Notifications.Entry> page(UUID schoolId, UUID accountId, int offset, int limit) {
		return jdbc.sql("select " + COLUMNS + " from notification where account_id = :account and school_id = :school "
				+ "order by created_at desc, id desc limit :limit offset :offset")
			.param("account", accountId).param("school", schoolId).param("limit", limit).param("offset", offset)
			.query(NotificationRepository::entryOf).list();
	}

	public Optional<Notifications.Entry> find(UUID schoolId, UUID accountId, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from notification where id = :id and account_id = :account and school_id = :school")
			.param("id", id).param("account", accountId).param("school", schoolId)
			.query(NotificationRepository::entryOf).optional();
	}

	/** Whether the person has this notification; read since {@code now} unless read before. */
	public boolean markRead(UUID schoolId, UUID accountId, UUID id, Instant now) {
		return jdbc.sql("update notification set read_at = coalesce(read_at, :now) "
				+ "where id = :id and account_id = :account and school_id = :school")
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("id", id).param("account", accountId)
			.param("school", schoolId).update() == 1;
	}

	public int markAllRead(UUID schoolId, UUID accountId, Instant now) {
		return jdbc.sql("update notification set read_at = :now where account_id = :account and read_at is null and school_id = :school")
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("account", accountId).param("school", schoolId)
			.update();
	}

	/**
	 * Deletes up to {@code limit} notifications written before {@code cutoff}, of all schools. By id:
	 * ids are time-ordered (UUIDv7, the time in the first 48 bits), so the primary key finds them.
	 */
	int deleteWrittenBefore(Instant cutoff, int limit) {
		UUID boundary = UuidCreator.getTimeOrderedEpochMin(cutoff);
		return jdbc.sql("delete from notification where id in (select id from notification where id < :boundary order by id limit :limit)")
			.param("boundary", boundary).param("limit", limit).update();
	}

	private static Notifications.Entry entryOf(ResultSet rs, int n) throws SQLException {
		String args = rs.getString("title_args");
		OffsetDateTime read = rs.getObject("read_at", OffsetDateTime.class);
		return new Notifications.Entry(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("title_key"),
				args == null ? List.of() : Arrays.asList(args.split(SEPARATOR, -1)), rs.getString("link"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(), read != null);
	}

	/** One row to write: its id and whom it is for. */
	public record Recipient(UUID id, UUID accountId) {
	}
}
