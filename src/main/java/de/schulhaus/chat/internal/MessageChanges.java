package de.schulhaus.chat.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * What happens to a message after it is posted: edited or deleted by its author, deleted by the room's
 * leader (audited), reactions. Each change takes the room's next seq ({@link ChatRooms#nextChangeSeq})
 * and records it as the message's {@code changed_seq}, so readers get the message again, in its new
 * state, live after the commit and in any catch-up from a seq before it. A message of a room the person
 * cannot read answers like a missing one.
 */
@Service
public class MessageChanges {

	private final JdbcClient jdbc;
	private final ChatRooms rooms;
	private final RoomAccess access;
	private final MessageRows rows;
	private final ChatFanout fanout;
	private final AuditLog audit;
	private final Mentions mentions;

	MessageChanges(JdbcClient jdbc, ChatRooms rooms, RoomAccess access, MessageRows rows, ChatFanout fanout, AuditLog audit, Mentions mentions) {
		this.mentions = mentions;
		this.jdbc = jdbc;
		this.rooms = rooms;
		this.access = access;
		this.rows = rows;
		this.fanout = fanout;
		this.audit = audit;
	}

	/** The message if the person reads its room, with their rights there. */
	public Target find(SchulhausUser user, UUID messageId) {
		if (user.schoolId() == null) {
			throw new NotFoundException("message");
		}
		ChatMessage message = rows.find(user.schoolId(), messageId).orElseThrow(() -> new NotFoundException("message"));
		RoomRights rights;
		try {
			rights = access.require(user, message.roomId());
		} catch (NotFoundException e) {
			throw new NotFoundException("message");
		}
		return new Target(message, rights);
	}

	/** The author changes the text (within the same limits as a new message); an unchanged text changes nothing. */
	@Transactional
	public ChatMessage edit(SchulhausUser user, UUID messageId, String text) {
		Target target = find(user, messageId);
		String body = ChatMessages.validBody(text);
		if (!target.message().authorId().equals(user.accountId())) {
			throw new PostingNotAllowedException("chat.error.notYours");
		}
		if (!target.rights().mayPost()) {
			throw target.rights().refusal();
		}
		if (target.message().deleted()) {
			throw new MessageDeletedException();
		}
		if (body.equals(target.message().body())) {
			return target.message();
		}
		return change(user, target, seq -> {
			int updated = jdbc.sql("update chat_message set body = :body, edited_at = :now, changed_seq = :seq "
					+ "where school_id = :school and id = :id and deleted_at is null")
				.param("body", body).param("now", Timestamp.from(Instant.now())).param("seq", seq).param("school", user.schoolId())
				.param("id", messageId).update();
			// the search's copy of the former text goes at once; until the next night the search reads the new one here
			jdbc.sql("delete from chat_search_entry where school_id = :school and message_id = :id").param("school", user.schoolId())
				.param("id", messageId).update();
			List<UUID> now = mentions.in(target.rights().room(), body);
			if (updated > 0 && !(now.isEmpty() && target.message().mentions().isEmpty())) {
				// who is newly mentioned by the edit hears of it; who was before does not again
				mentions.store(user.schoolId(), target.rights().room(), messageId, target.message().mentions(), now, user.accountId(),
						user.displayName());
			}
			return updated;
		});
	}

	/**
	 * Deletes the text: the message keeps its place as "deleted", its reactions, mentions and search copy go. The author may delete
	 * their own, the room's leaders anyone's (which the audit log records). Deleting a deleted message changes nothing.
	 */
	@Transactional
	public ChatMessage delete(SchulhausUser user, UUID messageId) {
		Target target = find(user, messageId);
		ChatMessage message = target.message();
		boolean own = message.authorId().equals(user.accountId());
		if (!own && !target.rights().leader()) {
			throw new PostingNotAllowedException("chat.error.notYours");
		}
		if (message.deleted()) {
			return message;
		}
		ChatMessage deleted = change(user, target, seq -> {
			int updated = jdbc.sql("update chat_message set body = '', deleted_at = :now, changed_seq = :seq "
					+ "where school_id = :school and id = :id and deleted_at is null")
				.param("now", Timestamp.from(Instant.now())).param("seq", seq).param("school", user.schoolId()).param("id", messageId).update();
			// the attachment goes from the chat; its file stays in the poster's own files
			for (String table : new String[] { "chat_reaction", "chat_mention", "chat_attachment", "chat_search_entry" }) {
				jdbc.sql("delete from " + table + " where school_id = :school and message_id = :id").param("school", user.schoolId())
					.param("id", messageId).update();
			}
			return updated;
		});
		if (!own) {
			audit.record(user, "chat.message.deleted", messageId.toString(),
					"room " + target.rights().room().name() + ", message " + message.seq() + " by " + message.authorName());
		}
		return deleted;
	}

	/** Sets whether the person reacted with this emoji ({@link Reactions#EMOJI}); setting what is already so changes nothing. */
	@Transactional
	public ChatMessage react(SchulhausUser user, UUID messageId, String emoji, Boolean reacted) {
		Target target = find(user, messageId);
		if (!Reactions.known(emoji)) {
			throw new InvalidInputException("emoji", "chat.error.emoji");
		}
		if (reacted == null) {
			throw new InvalidInputException("reacted", "chat.error.reacted");
		}
		if (!target.rights().mayPost()) {
			throw target.rights().refusal();
		}
		if (target.message().deleted()) {
			throw new MessageDeletedException();
		}
		boolean already = target.message().reactions().stream().anyMatch(r -> r.emoji().equals(emoji) && r.by(user.accountId()));
		if (already == reacted) {
			return target.message();
		}
		return change(user, target, seq -> {
			// another tab of the same person may have done the same meanwhile: announced again all the same
			if (reacted) {
				jdbc.sql("insert into chat_reaction (message_id, school_id, account_id, emoji, reacted_at) "
						+ "values (:id, :school, :account, :emoji, :now) on conflict do nothing")
					.param("now", Timestamp.from(Instant.now())).param("id", messageId).param("school", user.schoolId())
					.param("account", user.accountId()).param("emoji", emoji).update();
			} else {
				jdbc.sql("delete from chat_reaction where school_id = :school and message_id = :id and account_id = :account and emoji = :emoji")
					.param("id", messageId).param("school", user.schoolId()).param("account", user.accountId()).param("emoji", emoji).update();
			}
			return jdbc.sql("update chat_message set changed_seq = :seq where school_id = :school and id = :id and deleted_at is null")
				.param("seq", seq).param("school", user.schoolId()).param("id", messageId).update();
		});
	}

	/**
	 * Takes the room's next seq (which locks the room, so changes of one room happen one after another), applies the
	 * change, and announces the message in its new state after the commit. A change that finds the message deleted
	 * meanwhile (0 rows) is refused and rolls back with its seq.
	 */
	private ChatMessage change(SchulhausUser user, Target target, Change change) {
		UUID schoolId = user.schoolId();
		long seq = rooms.nextChangeSeq(schoolId, target.message().roomId());
		if (change.apply(seq) == 0) {
			throw new MessageDeletedException();
		}
		ChatMessage now = rows.find(schoolId, target.message().id()).orElseThrow(() -> new NotFoundException("message"));
		AfterCommit.run(() -> fanout.published(now, schoolId));
		return now;
	}

	private interface Change {
		int apply(long seq);
	}

	/** A message and the reader's rights in its room. */
	public record Target(ChatMessage message, RoomRights rights) {
	}
}
