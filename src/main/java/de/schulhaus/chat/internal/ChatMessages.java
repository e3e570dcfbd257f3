package de.schulhaus.chat.internal;

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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Posting and reading messages and read markers; a new message reaches live clients after its commit. Changes to
 * messages are {@link MessageChanges}'.
 */
@Service
public class ChatMessages {

	/** The longest message, in UTF-16 units (what the column holds on H2 and PostgreSQL alike). */
	public static final int MAX_LENGTH = 10_000;

	private final JdbcClient jdbc;
	private final RoomAccess access;
	private final ReadMarkers reads;
	private final MessageRows rows;
	private final MessageText markup;
	private final ChatFanout fanout;
	private final Mentions mentions;
	private final AccountManagement accounts;
	private final MessagePushes pushes;
	private final NewMessageRows newRows;
	private final PostWriteBatches batches;
	private final TransactionTemplate transaction;

	ChatMessages(JdbcClient jdbc, RoomAccess access, ReadMarkers reads, MessageRows rows, MessageText markup, ChatFanout fanout,
			Mentions mentions, AccountManagement accounts, MessagePushes pushes, NewMessageRows newRows, PostWriteBatches batches, PlatformTransactionManager transactions) {
		this.newRows = newRows;
		this.batches = batches;
		this.transaction = new TransactionTemplate(transactions);
		this.mentions = mentions;
		this.pushes = pushes;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.access = access;
		this.reads = reads;
		this.rows = rows;
		this.markup = markup;
		this.fanout = fanout;
	}

	/**
	 * Checks the text first, then posts it as the room's next message; what one writes oneself counts as read. A post
	 * that writes nothing but the message (no mention, no file, no push) has no transaction of its own where that write
	 * is one statement ({@link NewMessageRows}): its commit is then no extra wait for the database.
	 */
	public ChatMessage post(SchulhausUser user, UUID roomId, String text) {
		return post(user, roomId, text, null);
	}

	/**
	 * {@link #post(SchulhausUser, UUID, String)} answering {@code replyTo}. Where the write is one statement, a message
	 * without a reply or mention checks the person's right to post inside that statement ({@link NewMessageRows#insertIfAllowed}):
	 * then a post is one wait for the database (the write, which finds the person in the room's roster group through the
	 * accounts module's view {@link de.schulhaus.accounts.GroupManagement#CURRENT_MEMBERSHIP}) instead of three, shared with
	 * the posts that wait at the same moment, which commit with it ({@link PostWriteBatches}). If the statement refuses,
	 * the full check says why (not found, or the room's refusal), or posts after all where the rules changed meanwhile.
	 */
	public ChatMessage post(SchulhausUser user, UUID roomId, String text, UUID replyTo) {
		if (replyTo != null || text == null || text.indexOf('@') >= 0 || !newRows.oneStatement() || user.schoolId() == null
				|| TransactionSynchronizationManager.isActualTransactionActive()) {
			return post(user, access.require(user, roomId), text, replyTo);
		}
		String body;
		try {
			body = validBody(text);
		} catch (InvalidInputException e) {
			access.require(user, roomId); // a room the person cannot read is not found, whatever the text
			throw e;
		}
		UUID id = Ids.newId();
		Instant now = Instant.now();
		Optional<NewMessageRows.Written> written = batches.insertIfAllowed(new NewMessageRows.NewPost(user.schoolId(), roomId, id, RoomAccess.poster(user), body, now));
		if (written.isEmpty()) {
			return post(user, access.require(user, roomId), text, null);
		}
		RoomRights rights = new RoomRights(written.get().room(), true, written.get().leader(), null, null, false);
		// the message is committed: a push that cannot be stored now loses the push, never the message
		pushes.posted(user.schoolId(), rights, user.accountId(), user.displayName(), List.of());
		return delivered(user, rights, id, written.get().seq(), body, now, null, List.of(), List.of());
	}

	/** {@link #post(SchulhausUser, UUID, String)} with the rights the caller has just looked up for this request. */
	public ChatMessage post(SchulhausUser user, RoomRights rights, String text) {
		return post(user, rights, text, null);
	}

	/** A message that answers {@code replyTo}, an earlier message of the same room that is not deleted (none: null). */
	public ChatMessage post(SchulhausUser user, RoomRights rights, String text, UUID replyTo) {
		return post(user, rights, text, replyTo, null);
	}

	/** A file of the poster's own files posted with a message ({@link ChatAttachments}). */
	record PostedFile(UUID fileId, String name, String contentType, long size) {
	}

	/** {@link #post(SchulhausUser, RoomRights, String, UUID)} with a file of the poster's. */
	@Transactional
	ChatMessage postWithFile(SchulhausUser user, RoomRights rights, String text, UUID replyTo, PostedFile file) {
		return post(user, rights, text, replyTo, file);
	}

	private ChatMessage post(SchulhausUser user, RoomRights rights, String text, UUID replyTo, PostedFile file) {
		String body = validBody(text);
		if (!rights.mayPost()) {
			throw rights.refusal();
		}
		ChatMessage.Reply reply = replyTo == null ? null : replyTarget(user.schoolId(), rights.room().id(), replyTo);
		List<UUID> mentioned = mentions.in(rights.room(), body);
		boolean messageOnly = file == null && mentioned.isEmpty() && !MessagePushes.mayPush(rights) && newRows.oneStatement();
		if (messageOnly || TransactionSynchronizationManager.isActualTransactionActive()) {
			return write(user, rights, body, reply, file, mentioned);
		}
		return transaction.execute(status -> write(user, rights, body, reply, file, mentioned));
	}

	/** The post's writes; in the caller's transaction if there is one, the message's delivery after its commit. */
	private ChatMessage write(SchulhausUser user, RoomRights rights, String body, ChatMessage.Reply reply, PostedFile file, List<UUID> mentioned) {
		UUID roomId = rights.room().id();
		Instant now = Instant.now();
		UUID id = Ids.newId();
		long seq = newRows.insert(user.schoolId(), roomId, id, user.accountId(), body, now, reply == null ? null : reply.id());
		List<ChatMessage.Attachment> attachments = List.of();
		if (file != null) {
			UUID attachment = Ids.newId();
			jdbc.sql("insert into chat_attachment (id, message_id, school_id, room_id, owner_id, file_id, name, content_type, size_bytes, created_at) "
					+ "values (:id, :message, :school, :room, :owner, :file, :name, :type, :size, :now)")
				.param("id", attachment).param("message", id).param("school", user.schoolId()).param("room", roomId).param("owner", user.accountId())
				.param("file", file.fileId()).param("name", file.name()).param("type", file.contentType()).param("size", file.size())
				.param("now", Timestamp.from(now)).update();
			attachments = List.of(new ChatMessage.Attachment(attachment, file.name(), file.contentType(), file.size()));
		}
		if (!mentioned.isEmpty()) {
			mentions.store(user.schoolId(), rights.room(), id, List.of(), mentioned, user.accountId(), user.displayName());
		}
		pushes.posted(user.schoolId(), rights, user.accountId(), user.displayName(), mentioned);
		return delivered(user, rights, id, seq, body, now, reply, mentioned, attachments);
	}

	/** The new message as its readers get it; live delivery after the commit. */
	private ChatMessage delivered(SchulhausUser user, RoomRights rights, UUID id, long seq, String body, Instant now, ChatMessage.Reply reply,
			List<UUID> mentioned, List<ChatMessage.Attachment> attachments) {
		UUID roomId = rights.room().id();
		ChatMessage message = new ChatMessage(id, roomId, seq, seq, user.accountId(), user.displayName(), body,
				markup.html(body, mentioned.isEmpty() ? List.of() : List.copyOf(accounts.names(user.schoolId(), mentioned).values())), now, null, false,
				reply, List.of(), mentioned, attachments);
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
		List<ChatMessage> page = new ArrayList<>(rows.query(room.schoolId(), "where m.school_id = :school and m.room_id = :room "
				+ "and m.seq < :seq order by m.seq desc limit :limit",
				Map.of("school", room.schoolId(), "room", roomId, "seq", seq == null ? Long.MAX_VALUE : seq, "limit", limit)));
		Collections.reverse(page);
		return page;
	}

	/**
	 * Up to {@code limit} messages changed after {@code seq}, in the order of their latest change: what a client that has
	 * seen the room up to {@code seq} is missing (new messages, and the current state of those edited, deleted or
	 * reacted to since), each once.
	 */
	public List<ChatMessage> after(SchulhausUser user, UUID roomId, long seq, int limit) {
		return after(access.require(user, roomId).room(), seq, limit);
	}

	/** For live delivery, whose caller has checked the reader's access itself. */
	public List<ChatMessage> after(Room room, long seq, int limit) {
		return rows.query(room.schoolId(), "where m.school_id = :school and m.room_id = :room and m.changed_seq > :seq "
				+ "order by m.changed_seq limit :limit", Map.of("school", room.schoolId(), "room", room.id(), "seq", seq, "limit", limit));
	}

	/**
	 * The message whose latest change took the room's {@code seq}, for live delivery of what another node announced (none:
	 * not committed yet, changed again since, or removed).
	 */
	public Optional<ChatMessage> at(UUID schoolId, UUID roomId, long seq) {
		return rows.query(schoolId, "where m.school_id = :school and m.room_id = :room and m.changed_seq = :seq",
				Map.of("school", schoolId, "room", roomId, "seq", seq)).stream().findFirst();
	}

	/** Moves the person's read marker of the room forward to {@code seq} (at most the room's newest); answers where it is. */
	@Transactional
	public long markRead(SchulhausUser user, UUID roomId, long seq) {
		Room room = access.require(user, roomId).room();
		long marker = reads.advance(user.schoolId(), roomId, user.accountId(), Math.max(0, Math.min(seq, room.lastSeq())));
		// the others may show "gelesen von n": best effort, after the commit
		AfterCommit.run(() -> fanout.signal(LiveSignal.read(user.schoolId(), roomId, user.accountId(), marker)));
		return marker;
	}

	ChatMessage.Reply replyTarget(UUID schoolId, UUID roomId, UUID replyTo) {
		ChatMessage to = rows.find(schoolId, replyTo).filter(m -> m.roomId().equals(roomId) && !m.deleted())
			.orElseThrow(() -> new InvalidInputException("replyTo", "chat.error.replyTo"));
		return new ChatMessage.Reply(to.id(), to.seq(), to.authorId(), to.authorName(), MessageText.firstLine(to.body()), false);
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
}
