package de.schulhaus.chat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.accounts.AccountManagement;

/**
 * Reads messages with everything a reader sees of them: the author's name, the message answered,
 * reactions, mentions and the text as HTML. A page costs one query for the rows and one each for
 * names, reactions, mentions and (if any) the messages answered, whatever its size.
 */
@Repository
class MessageRows {

	static final String SELECT = "select m.id, m.room_id, m.seq, m.changed_seq, m.author_id, m.body, m.created_at, m.edited_at, "
			+ "m.deleted_at, m.reply_to from chat_message m ";

	private final JdbcClient jdbc;
	private final AccountManagement accounts;
	private final MessageText text;

	MessageRows(JdbcClient jdbc, AccountManagement accounts, MessageText text) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.text = text;
	}

	/** The rows {@code where} selects (after {@code select … from chat_message m}), completed. */
	List<ChatMessage> query(UUID schoolId, String where, Map<String, ?> params) {
		List<Row> rows = jdbc.sql(SELECT + where).params(params).query(MessageRows::row).list();
		return complete(schoolId, rows);
	}

	Optional<ChatMessage> find(UUID schoolId, UUID messageId) {
		return query(schoolId, "where m.school_id = :school and m.id = :id", Map.of("school", schoolId, "id", messageId)).stream().findFirst();
	}

	private List<ChatMessage> complete(UUID schoolId, List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		List<UUID> ids = rows.stream().map(Row::id).toList();
		Map<UUID, Row> answered = answered(schoolId, rows);
		Map<UUID, Map<String, List<UUID>>> reactions = reactions(schoolId, ids);
		Map<UUID, List<UUID>> mentions = mentions(schoolId, ids);
		Map<UUID, List<ChatMessage.Attachment>> attachments = attachments(schoolId, ids);
		Set<UUID> people = new HashSet<>();
		rows.forEach(r -> people.add(r.authorId()));
		answered.values().forEach(r -> people.add(r.authorId()));
		mentions.values().forEach(people::addAll);
		Map<UUID, String> names = accounts.names(schoolId, people);
		List<ChatMessage> messages = new ArrayList<>(rows.size());
		for (Row r : rows) {
			Row to = r.replyTo() == null ? null : answered.get(r.replyTo());
			// an answered message that is gone altogether (its author's data erased) shows as deleted
			ChatMessage.Reply reply = r.replyTo() == null ? null
					: to == null ? new ChatMessage.Reply(r.replyTo(), 0, null, null, null, true)
					: new ChatMessage.Reply(to.id(), to.seq(), to.authorId(), names.get(to.authorId()), to.deleted() ? null : MessageText.firstLine(to.body()),
							to.deleted());
			List<UUID> mentioned = r.deleted() ? List.of() : mentions.getOrDefault(r.id(), List.of());
			List<ChatMessage.Reaction> reacted = r.deleted() ? List.of() : Reactions.ordered(reactions.getOrDefault(r.id(), Map.of()));
			messages.add(new ChatMessage(r.id(), r.roomId(), r.seq(), r.changedSeq(), r.authorId(), names.get(r.authorId()), r.body(),
					r.deleted() ? null : text.html(r.body(), mentioned.stream().map(names::get).filter(n -> n != null).toList()), r.createdAt(),
					r.editedAt(), r.deleted(), reply, reacted, mentioned, r.deleted() ? List.of() : attachments.getOrDefault(r.id(), List.of())));
		}
		return messages;
	}

	private Map<UUID, Row> answered(UUID schoolId, List<Row> rows) {
		Set<UUID> ids = new HashSet<>();
		rows.forEach(r -> {
			if (r.replyTo() != null) {
				ids.add(r.replyTo());
			}
		});
		Map<UUID, Row> answered = new HashMap<>();
		if (!ids.isEmpty()) {
			jdbc.sql(SELECT + "where m.school_id = :school and m.id in (:ids)").param("school", schoolId).param("ids", ids)
				.query(MessageRows::row).list().forEach(r -> answered.put(r.id(), r));
		}
		return answered;
	}

	private Map<UUID, Map<String, List<UUID>>> reactions(UUID schoolId, List<UUID> ids) {
		Map<UUID, Map<String, List<UUID>>> reactions = new HashMap<>();
		jdbc.sql("select message_id, emoji, account_id from chat_reaction where school_id = :school and message_id in (:ids) "
				+ "order by reacted_at, account_id")
			.param("school", schoolId).param("ids", ids)
			.query(rs -> {
				reactions.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashMap<>())
					.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getObject(3, UUID.class));
			});
		return reactions;
	}

	private Map<UUID, List<UUID>> mentions(UUID schoolId, List<UUID> ids) {
		Map<UUID, List<UUID>> mentions = new HashMap<>();
		jdbc.sql("select message_id, account_id from chat_mention where school_id = :school and message_id in (:ids)")
			.param("school", schoolId).param("ids", ids)
			.query(rs -> {
				mentions.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
			});
		return mentions;
	}

	private Map<UUID, List<ChatMessage.Attachment>> attachments(UUID schoolId, List<UUID> ids) {
		Map<UUID, List<ChatMessage.Attachment>> attachments = new HashMap<>();
		jdbc.sql("select message_id, id, name, content_type, size_bytes from chat_attachment where school_id = :school and message_id in (:ids) "
				+ "order by created_at, id")
			.param("school", schoolId).param("ids", ids)
			.query(rs -> {
				attachments.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new ChatMessage.Attachment(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getLong(5)));
			});
		return attachments;
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getObject("room_id", UUID.class), rs.getLong("seq"), rs.getLong("changed_seq"),
				rs.getObject("author_id", UUID.class), rs.getString("body"), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("edited_at")), rs.getTimestamp("deleted_at") != null, rs.getObject("reply_to", UUID.class));
	}

	private static Instant instant(Timestamp at) {
		return at == null ? null : at.toInstant();
	}

	private record Row(UUID id, UUID roomId, long seq, long changedSeq, UUID authorId, String body, Instant createdAt, Instant editedAt,
			boolean deleted, UUID replyTo) {
	}
}
