package de.schulhaus.chat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/** Posting and reading messages and read markers; a new message reaches live clients after its commit. */
@Service
public class ChatMessages {

	/** The longest message, in UTF-16 units (what the column holds on H2 and PostgreSQL alike). */
	public static final int MAX_LENGTH = 10_000;

	private final JdbcClient jdbc;
	private final ChatRooms rooms;
	private final RoomAccess access;
	private final ReadMarkers reads;
	private final AccountManagement accounts;
	private final ChatFanout fanout;

	ChatMessages(JdbcClient jdbc, ChatRooms rooms, RoomAccess access, ReadMarkers reads, AccountManagement accounts, ChatFanout fanout) {
		this.jdbc = jdbc;
		this.rooms = rooms;
		this.access = access;
		this.reads = reads;
		this.accounts = accounts;
		this.fanout = fanout;
	}

	/** Checks the text first, then posts it as the room's next message; what one writes oneself counts as read. */
	@Transactional
	public ChatMessage post(SchulhausUser user, UUID roomId, String text) {
		return post(user, access.require(user, roomId), text);
	}

	/** {@link #post(SchulhausUser, UUID, String)} with the rights the caller has just looked up for this request. */
	@Transactional
	public ChatMessage post(SchulhausUser user, RoomRights rights, String text) {
		UUID roomId = rights.room().id();
		String body = validBody(text);
		if (!rights.mayPost()) {
			throw rights.refusal();
		}
		Instant now = Instant.now();
		long seq = rooms.nextSeq(user.schoolId(), roomId, now);
		UUID id = Ids.newId();
		jdbc.sql("insert into chat_message (id, room_id, school_id, seq, author_id, body, created_at) "
				+ "values (:id, :room, :school, :seq, :author, :body, :now)")
			.param("id", id).param("room", roomId).param("school", user.schoolId()).param("seq", seq).param("author", user.accountId())
			.param("body", body).param("now", Timestamp.from(now)).update();
		reads.advanceOwn(user.schoolId(), roomId, user.accountId(), seq);
		ChatMessage message = new ChatMessage(id, roomId, seq, user.accountId(), user.displayName(), body, now);
		AfterCommit.run(() -> fanout.published(message, user.schoolId()));
		if (seq == 1 && rights.room().kind() == RoomKind.ANNOUNCE) {
			// the first announcement puts the room into everyone's list
			AfterCommit.run(() -> fanout.roomsChanged(user.schoolId(), null));
		}
		return message;
	}

	/** Up to {@code limit} messages before {@code seq} (the newest without one), oldest first. */
	public List<ChatMessage> before(SchulhausUser user, UUID roomId, Long seq, int limit) {
		Room room = access.require(user, roomId).room();
		List<ChatMessage> page = new ArrayList<>(named(room.schoolId(), jdbc.sql(select() + "where m.school_id = :school and m.room_id = :room "
				+ "and m.seq < :seq order by m.seq desc limit :limit")
			.param("school", room.schoolId()).param("room", roomId).param("seq", seq == null ? Long.MAX_VALUE : seq).param("limit", limit)
			.query(ChatMessages::map).list()));
		Collections.reverse(page);
		return page;
	}

	/** Up to {@code limit} messages after {@code seq}, in order: what a client that has seen up to {@code seq} is missing. */
	public List<ChatMessage> after(SchulhausUser user, UUID roomId, long seq, int limit) {
		return after(access.require(user, roomId).room(), seq, limit);
	}

	/** For live delivery, whose caller has checked the reader's access itself. */
	public List<ChatMessage> after(Room room, long seq, int limit) {
		return named(room.schoolId(), jdbc.sql(select() + "where m.school_id = :school and m.room_id = :room and m.seq > :seq "
				+ "order by m.seq limit :limit")
			.param("school", room.schoolId()).param("room", room.id()).param("seq", seq).param("limit", limit).query(ChatMessages::map).list());
	}

	/** The room's message {@code seq}, for live delivery of what another node announced (none: not committed, or removed since). */
	public Optional<ChatMessage> at(UUID schoolId, UUID roomId, long seq) {
		return named(schoolId, jdbc.sql(select() + "where m.school_id = :school and m.room_id = :room and m.seq = :seq")
			.param("school", schoolId).param("room", roomId).param("seq", seq).query(ChatMessages::map).list()).stream().findFirst();
	}

	/** Moves the person's read marker of the room forward to {@code seq} (at most the room's newest); answers where it is. */
	@Transactional
	public long markRead(SchulhausUser user, UUID roomId, long seq) {
		Room room = access.require(user, roomId).room();
		return reads.advance(user.schoolId(), roomId, user.accountId(), Math.max(0, Math.min(seq, room.lastSeq())));
	}

	static String validBody(String text) {
		String body = text == null ? "" : text.strip();
		if (body.isEmpty()) {
			throw new InvalidInputException("body", "chat.error.empty");
		}
		if (body.length() > MAX_LENGTH) {
			throw new InvalidInputException("body", "chat.error.tooLong", MAX_LENGTH);
		}
		return body;
	}

	private List<ChatMessage> named(UUID schoolId, List<ChatMessage> messages) {
		if (messages.isEmpty()) {
			return messages;
		}
		Map<UUID, String> names = accounts.names(schoolId, messages.stream().map(ChatMessage::authorId).distinct().toList());
		return messages.stream().map(m -> new ChatMessage(m.id(), m.roomId(), m.seq(), m.authorId(), names.get(m.authorId()), m.body(),
				m.createdAt())).toList();
	}

	private static String select() {
		return "select m.id, m.room_id, m.seq, m.author_id, m.body, m.created_at from chat_message m ";
	}

	private static ChatMessage map(ResultSet rs, int row) throws SQLException {
		return new ChatMessage(rs.getObject("id", UUID.class), rs.getObject("room_id", UUID.class), rs.getLong("seq"),
				rs.getObject("author_id", UUID.class), null, rs.getString("body"), rs.getTimestamp("created_at").toInstant());
	}
}
