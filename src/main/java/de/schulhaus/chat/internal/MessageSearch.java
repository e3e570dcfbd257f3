package de.schulhaus.chat.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Search in the messages of the rooms the person reads now (the roster decides, as everywhere): a
 * room they have left, or another school's, never answers. Case-insensitive on H2 and PostgreSQL
 * alike ({@code lower(body) like}); deleted messages have no text and are never found.
 */
@Service
public class MessageSearch {

	public static final int MIN_LENGTH = 2;
	public static final int MAX_LENGTH = 200;
	private static final int EXCERPT = 160;

	private final RoomAccess access;
	private final MessageRows rows;

	MessageSearch(RoomAccess access, MessageRows rows) {
		this.access = access;
		this.rows = rows;
	}

	/** Up to {@code limit} messages containing {@code query}, newest first. */
	public List<Hit> search(SchulhausUser user, String query, int limit) {
		String q = query == null ? "" : query.strip();
		if (q.length() < MIN_LENGTH || q.length() > MAX_LENGTH) {
			throw new InvalidInputException("q", "chat.error.searchLength", MIN_LENGTH, MAX_LENGTH);
		}
		Map<UUID, Room> rooms = access.readable(user).stream().map(RoomRights::room).collect(Collectors.toMap(Room::id, Function.identity()));
		if (rooms.isEmpty()) {
			return List.of();
		}
		String pattern = "%" + q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return rows.query(user.schoolId(), "where m.school_id = :school and m.room_id in (:rooms) and m.deleted_at is null "
				+ "and lower(m.body) like :pattern escape '\\' order by m.created_at desc, m.seq desc limit :limit",
				Map.of("school", user.schoolId(), "rooms", rooms.keySet(), "pattern", pattern, "limit", Math.max(1, Math.min(limit, 100))))
			.stream().map(m -> new Hit(m, rooms.get(m.roomId()), excerpt(m.body(), q))).toList();
	}

	/** Some text around the first place the query is found, on one line. */
	static String excerpt(String body, String q) {
		String flat = body.replaceAll("\\s+", " ").strip();
		int at = flat.toLowerCase(Locale.ROOT).indexOf(q.toLowerCase(Locale.ROOT));
		int from = Math.max(0, at - EXCERPT / 3);
		int to = Math.min(flat.length(), from + EXCERPT);
		return (from > 0 ? "…" : "") + flat.substring(from, to) + (to < flat.length() ? "…" : "");
	}

	/** A message found, its room, and the text around what was searched for. */
	public record Hit(ChatMessage message, Room room, String excerpt) {
	}
}
