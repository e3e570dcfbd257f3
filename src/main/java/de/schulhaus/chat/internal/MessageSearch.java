package de.schulhaus.chat.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Search in the messages of the rooms the person reads now (the roster decides, as everywhere): a
 * room they have left, or another school's, never answers. Case-insensitive on H2 and PostgreSQL
 * alike ({@code lower(body) like}); deleted messages have no text and are never found. It looks in two places: the
 * copies {@link SearchIndexing} made at night (on PostgreSQL through their trigram index, {@link SearchEntryIndex}),
 * each checked against the message as it is now, and the messages changed since, which are few.
 */
@Service
public class MessageSearch {

	public static final int MIN_LENGTH = 2;
	public static final int MAX_LENGTH = 200;
	private static final int EXCERPT = 160;

	private static final Comparator<ChatMessage> NEWEST_FIRST = Comparator.comparing(ChatMessage::createdAt)
		.thenComparingLong(ChatMessage::seq).reversed();

	private final RoomAccess access;
	private final MessageRows rows;
	private final JdbcClient jdbc;

	MessageSearch(RoomAccess access, MessageRows rows, JdbcClient jdbc) {
		this.access = access;
		this.rows = rows;
		this.jdbc = jdbc;
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
		int max = Math.max(1, Math.min(limit, 100));
		Map<String, Object> params = new HashMap<>(Map.of("school", user.schoolId(), "rooms", rooms.keySet(), "pattern", pattern, "limit", max));
		String matches = " and m.deleted_at is null and lower(m.body) like :pattern escape '\\' order by m.created_at desc, m.seq desc limit :limit";
		// the newest copies made at night, each checked against the message as it is now (one that fails was changed
		// since, and the second query reads it as it is); for a rare word PostgreSQL reads the trigram index, for a
		// frequent one the copies newest first until the page is full
		List<ChatMessage> found = new ArrayList<>(rows.query(user.schoolId(), "where m.school_id = :school and m.id in (select e.message_id "
				+ "from chat_search_entry e where e.school_id = :school and e.room_id in (:rooms) and lower(e.body) like :pattern escape '\\' "
				+ "order by e.created_at desc, e.seq desc limit :limit)" + matches, params));
		// and what changed since
		found.addAll(rows.query(user.schoolId(), "where m.school_id = :school and " + notIndexed(user.schoolId(), rooms.keySet(), params) + matches,
				params));
		Map<UUID, ChatMessage> once = new LinkedHashMap<>();
		found.stream().sorted(NEWEST_FIRST).forEach(m -> once.putIfAbsent(m.id(), m));
		return once.values().stream().limit(max).map(m -> new Hit(m, rooms.get(m.roomId()), excerpt(m.body(), q))).toList();
	}

	/**
	 * The condition for the messages of these rooms that changed since their room was indexed (in a room never indexed:
	 * all), one range of the index on (room_id, changed_seq) per room; adds its parameters.
	 */
	private String notIndexed(UUID schoolId, Set<UUID> roomIds, Map<String, Object> params) {
		Map<UUID, Long> indexed = new HashMap<>();
		jdbc.sql("select room_id, indexed_seq from chat_search_room where school_id = :school and room_id in (:rooms)")
			.param("school", schoolId).param("rooms", roomIds).query(rs -> {
				indexed.put(rs.getObject(1, UUID.class), rs.getLong(2));
			});
		List<String> ranges = new ArrayList<>();
		List<UUID> never = roomIds.stream().filter(id -> !indexed.containsKey(id)).toList();
		if (!never.isEmpty()) {
			ranges.add("m.room_id in (:never)");
			params.put("never", never);
		}
		int i = 0;
		for (Map.Entry<UUID, Long> room : indexed.entrySet()) {
			ranges.add("(m.room_id = :r" + i + " and m.changed_seq > :s" + i + ")");
			params.put("r" + i, room.getKey());
			params.put("s" + i, room.getValue());
			i++;
		}
		return "(" + String.join(" or ", ranges) + ")";
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
