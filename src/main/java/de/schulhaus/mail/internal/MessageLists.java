package de.schulhaus.mail.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the webmail lists: a folder's (or a whole mailbox's) messages newest first, a page at a time and
 * optionally filtered by sender, subject and text; a conversation; unread counts.
 */
@Service
public class MessageLists {

	private final JdbcClient jdbc;

	MessageLists(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One page of messages and whether another follows. */
	public record Page(List<StoredMessage> messages, boolean more) {
	}

	/**
	 * Unread messages in the person's own inbox and in the inboxes of the function mailboxes they share, as the app's
	 * badge counts them (0 while their mailbox is not made yet).
	 */
	public long unreadInbox(UUID schoolId, UUID accountId) {
		return jdbc.sql("select count(*) from mail_message m join mail_folder f on f.id = m.folder_id "
				+ "join mail_mailbox b on b.id = f.mailbox_id where b.school_id = :school and (b.account_id = :account or exists "
				+ "(select 1 from mail_mailbox_member mm where mm.mailbox_id = b.id and mm.school_id = :school and mm.account_id = :account)) "
				+ "and f.special_use = 'inbox' and m.school_id = :school and m.seen = false")
			.param("school", schoolId).param("account", accountId).query(Long.class).single();
	}

	/** Unread messages per folder of the mailbox; folders without any are missing. */
	public Map<UUID, Long> unreadByFolder(Mailbox mailbox) {
		Map<UUID, Long> counts = new HashMap<>();
		jdbc.sql("select m.folder_id, count(*) from mail_message m join mail_folder f on f.id = m.folder_id "
				+ "where f.mailbox_id = :mailbox and f.school_id = :school and m.seen = false group by m.folder_id")
			.param("mailbox", mailbox.id()).param("school", mailbox.schoolId())
			.query(rs -> {
				counts.put(rs.getObject(1, UUID.class), rs.getLong(2));
			});
		return counts;
	}

	/**
	 * Messages newest first, {@code size} per page.
	 *
	 * @param folder the folder, or null for all folders of the mailbox
	 * @param query words that must each appear in the sender, the subject or the text; blank for all
	 */
	public Page page(Mailbox mailbox, MailFolder folder, String query, int page, int size) {
		StringBuilder sql = new StringBuilder("select " + MessageStore.COLUMNS + " from mail_message where school_id = :school and mailbox_id = :mailbox");
		Map<String, Object> params = new HashMap<>();
		params.put("school", mailbox.schoolId());
		params.put("mailbox", mailbox.id());
		if (folder != null) {
			sql.append(" and folder_id = :folder");
			params.put("folder", folder.id());
		}
		List<String> words = words(query);
		for (int i = 0; i < words.size(); i++) {
			String p = "w" + i;
			sql.append(" and (lower(coalesce(from_address, '')) like :").append(p).append(" escape '!' or lower(coalesce(from_name, '')) like :")
				.append(p).append(" escape '!' or lower(coalesce(subject, '')) like :").append(p)
				.append(" escape '!' or lower(coalesce(search_text, '')) like :").append(p).append(" escape '!')");
			params.put(p, "%" + words.get(i).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
		}
		sql.append(" order by received_at desc, id desc limit :limit offset :offset");
		params.put("limit", size + 1);
		params.put("offset", (long) Math.max(0, page) * size);
		List<StoredMessage> found = jdbc.sql(sql.toString()).params(params).query(MessageStore::map).list();
		boolean more = found.size() > size;
		return new Page(more ? found.subList(0, size) : found, more);
	}

	/** The other messages of a conversation in the mailbox, oldest first. */
	public List<StoredMessage> conversation(StoredMessage message) {
		return jdbc.sql("select " + MessageStore.COLUMNS + " from mail_message where school_id = :school and mailbox_id = :mailbox "
				+ "and thread_id = :thread and id <> :id order by received_at, id limit 100")
			.param("school", message.schoolId()).param("mailbox", message.mailboxId()).param("thread", message.threadId())
			.param("id", message.id()).query(MessageStore::map).list();
	}

	/** The list addresses of the school whose address or group name contains the text. */
	public record ListAddress(String localPart, UUID groupId) {
	}

	public List<ListAddress> listAddresses(UUID schoolId, String text, int limit) {
		return jdbc.sql("select local_part, group_id from mail_list where school_id = :school and lower(local_part) like :text escape '!' "
				+ "order by local_part limit :limit")
			.param("school", schoolId).param("text", "%" + like(text) + "%").param("limit", limit)
			.query((rs, n) -> new ListAddress(rs.getString(1), rs.getObject(2, UUID.class))).list();
	}

	static List<String> words(String query) {
		if (query == null || query.isBlank()) {
			return List.of();
		}
		return java.util.Arrays.stream(query.strip().toLowerCase(Locale.ROOT).split("\\s+")).filter(w -> !w.isEmpty()).limit(8).toList();
	}

	private static String like(String text) {
		return (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)).replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}
}
