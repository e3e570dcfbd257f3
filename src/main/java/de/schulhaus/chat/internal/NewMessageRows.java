package de.schulhaus.chat.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.NotFoundException;

/**
 * Writes a new message in the caller's transaction: takes the room's next seq (and marks the room active), inserts the
 * message with it and moves the poster's read marker there (what one writes oneself counts as read). On PostgreSQL that
 * is one statement, so one wait for the database instead of three: it is the hottest write of a chat node, and under
 * load each round trip waits for both the node's and the database's process to get a core. Elsewhere (H2, which has no
 * writing common table expressions) it is the three statements of {@link ChatRooms#nextSeq}, the insert and
 * {@link ReadMarkers#advanceOwn}.
 */
@Component
class NewMessageRows {

	private static final String INSERT = "insert into chat_message (id, room_id, school_id, seq, changed_seq, author_id, body, created_at, reply_to) ";

	/**
	 * The room's row by its primary key alone, its school checked on that row ({@link ChatRooms#BY_ID}); its lock orders the
	 * room's seqs until the commit. No room, no message, no marker: the statement answers no row. The marker only moves
	 * forward, also when another device of the poster's has just posted a later one.
	 */
	private static final String IN_ONE_STATEMENT = "with s as (update chat_room set last_seq = last_seq + 1, last_activity_at = :now "
			+ "where id = (select r.id from " + ChatRooms.BY_ID + " where r.school_id = :school) returning last_seq), "
			+ "m as (" + INSERT + "select :message, :id, :school, s.last_seq, s.last_seq, :author, :body, cast(:now as timestamp with time zone), cast(:reply as uuid) "
			+ "from s returning seq), "
			+ "r as (insert into chat_read (room_id, school_id, account_id, last_read_seq) select :id, :school, :author, m.seq from m "
			+ "on conflict (room_id, account_id) do update set last_read_seq = greatest(chat_read.last_read_seq, excluded.last_read_seq)) "
			+ "select seq from m";

	/**
	 * {@link #IN_ONE_STATEMENT} that writes only where the person may post ({@link RoomAccess#POSTING_RULE}, checked on the
	 * room's row it locks: a lock committed while the post waited for that row counts, since PostgreSQL checks the updated
	 * row again; a mute is read as of the statement's start): the person's rights are no query of their own.
	 * Answers the room as it is after the post, whether the person leads it and the message's seq; no row where the room
	 * is missing, another school's, or the person may not post there.
	 */
	private static final String IF_ALLOWED = "with s as (update chat_room r set last_seq = r.last_seq + 1, last_activity_at = :now "
			+ "where r.id = (select r.id from " + ChatRooms.BY_ID + " where r.school_id = :school) and " + RoomAccess.POSTING_RULE + " "
			+ "returning " + ChatRooms.COLUMNS + ", " + RoomAccess.LEADER_RULE + " as leader), "
			+ "m as (" + INSERT + "select :message, s.id, :school, s.last_seq, s.last_seq, :author, :body, cast(:now as timestamp with time zone), cast(null as uuid) "
			+ "from s returning seq), "
			+ "rd as (insert into chat_read (room_id, school_id, account_id, last_read_seq) select s.id, :school, :author, m.seq from s, m "
			+ "on conflict (room_id, account_id) do update set last_read_seq = greatest(chat_read.last_read_seq, excluded.last_read_seq)) "
			+ "select s.*, m.seq as message_seq from s, m";

	/** {@link #IF_ALLOWED} with its parameters in JDBC's form, for {@link #insertAllIfAllowed}. */
	private static final ParsedSql IF_ALLOWED_PARSED = NamedParameterUtils.parseSqlStatement(IF_ALLOWED);

	private static final RowMapper<Written> WRITTEN = (rs, n) -> new Written(ChatRooms.map(rs, n), rs.getBoolean("leader"), rs.getLong("message_seq"));

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final ChatRooms rooms;
	private final ReadMarkers reads;
	private final boolean oneStatement;

	NewMessageRows(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource, ChatRooms rooms, ReadMarkers reads) throws MetaDataAccessException {
		this.jdbc = jdbc;
		this.template = template;
		this.rooms = rooms;
		this.reads = reads;
		String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		this.oneStatement = product != null && product.toLowerCase().contains("postgres");
	}

	/** Whether {@link #insert} is one statement: atomic on its own, it needs no transaction of its own either. */
	boolean oneStatement() {
		return oneStatement;
	}

	/** A message {@link #insertIfAllowed} wrote: the room after it, whether the poster leads the room, the message's seq. */
	record Written(Room room, boolean leader, long seq) {
	}

	/** A message without a reply that {@code poster} posts to the room at {@code now}, for {@link #insertIfAllowed}. */
	record NewPost(UUID schoolId, UUID roomId, UUID messageId, RoomAccess.Poster poster, String body, Instant now) {
	}

	/**
	 * Writes the message if the person may post in the room now ({@link RoomAccess#POSTING_RULE}); empty if the room is
	 * missing, another school's or closed to the person: the caller's full check says which. Only where {@link #oneStatement()}.
	 */
	Optional<Written> insertIfAllowed(NewPost post) {
		requireOneStatement();
		return jdbc.sql(IF_ALLOWED).paramSource(parameters(post)).query(WRITTEN).optional();
	}

	/**
	 * {@link #insertIfAllowed} for several posts, in their order, written in one transaction: an error in any of them
	 * rolls back all of them (then this throws: none is written). Answers each post's outcome in the same order. Needs a
	 * connection of its own, outside a transaction ({@link PostWriteBatches}' writer).
	 * <p>
	 * Each post is the very statement of {@link #insertIfAllowed}, executed once per post on the connection's prepared
	 * statement: PostgreSQL plans it once per connection and then runs a generic plan (0.02 ms), where a request of
	 * several copies of it, one text per batch size, was planned anew for nearly every batch (about 1.2 ms per copy on
	 * the bench box, four times what running it takes), so that the bigger batches of a node that had fallen behind cost
	 * the database more per post, not less. The transaction is an explicit one: the driver sends its {@code BEGIN} with
	 * the first post, the commit, with its one flush of the database's log, is one more round trip.
	 */
	List<Optional<Written>> insertAllIfAllowed(List<NewPost> posts) {
		requireOneStatement();
		String sql = NamedParameterUtils.substituteNamedParameters(IF_ALLOWED_PARSED, parameters(posts.get(0)));
		return template.execute((ConnectionCallback<List<Optional<Written>>>) connection -> {
			if (!connection.getAutoCommit()) {
				throw new IllegalStateException("Posts written together need a connection outside a transaction.");
			}
			connection.setAutoCommit(false);
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				List<Optional<Written>> written = new ArrayList<>(posts.size());
				for (NewPost post : posts) {
					new ArgumentPreparedStatementSetter(NamedParameterUtils.buildValueArray(IF_ALLOWED_PARSED, parameters(post), null))
						.setValues(statement);
					try (ResultSet rs = statement.executeQuery()) {
						written.add(rs.next() ? Optional.of(WRITTEN.mapRow(rs, 0)) : Optional.empty());
					}
				}
				connection.commit();
				return written;
			} catch (SQLException | RuntimeException e) {
				rollBack(connection, e);
				throw e;
			} finally {
				connection.setAutoCommit(true);
			}
		});
	}

	private static void rollBack(Connection connection, Exception cause) {
		try {
			connection.rollback();
		} catch (SQLException e) {
			cause.addSuppressed(e);
		}
	}

	private static MapSqlParameterSource parameters(NewPost post) {
		return new MapSqlParameterSource().addValue("now", Timestamp.from(post.now())).addValue("id", post.roomId()).addValue("school", post.schoolId())
			.addValue("message", post.messageId()).addValue("author", post.poster().accountId()).addValue("admin", post.poster().admin())
			.addValue("body", post.body());
	}

	private void requireOneStatement() {
		if (!oneStatement) {
			throw new IllegalStateException("The rights check inside the write needs PostgreSQL.");
		}
	}

	/** Writes the message; answers its seq. A room that is not there, or another school's: {@link NotFoundException}. */
	long insert(UUID schoolId, UUID roomId, UUID messageId, UUID authorId, String body, Instant now, UUID replyTo) {
		if (oneStatement) {
			return jdbc.sql(IN_ONE_STATEMENT).param("now", Timestamp.from(now)).param("id", roomId).param("school", schoolId)
				.param("message", messageId).param("author", authorId).param("body", body).param("reply", replyTo)
				.query(Long.class).optional().orElseThrow(() -> new NotFoundException("room"));
		}
		long seq = rooms.nextSeq(schoolId, roomId, now);
		jdbc.sql(INSERT + "values (:id, :room, :school, :seq, :seq, :author, :body, :now, :reply)")
			.param("id", messageId).param("room", roomId).param("school", schoolId).param("seq", seq).param("author", authorId)
			.param("body", body).param("now", Timestamp.from(now)).param("reply", replyTo).update();
		reads.advanceOwn(schoolId, roomId, authorId, seq);
		return seq;
	}
}
