package de.schulhaus.chat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
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

	/** Hits among the copies up to which they are all read and sorted; beyond, the word counts as frequent. */
	static final int FREQUENT = 1_000;
	private static final String FOUND = "select m.id, m.created_at, m.seq from chat_message m ";
	private static final String MATCHES = " and m.deleted_at is null and lower(m.body) like :pattern escape '\\'";

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
		Map<String, Object> params = new HashMap<>(Map.of("school", user.schoolId(), "rooms", rooms.keySet(), "pattern", pattern, "limit", max,
				"cap", FREQUENT + 1));
		List<Found> candidates = new ArrayList<>(indexed(params, rooms.keySet()));
		// and what changed since the night, read in the messages themselves
		candidates.addAll(jdbc.sql(FOUND + "where m.school_id = :school and " + notIndexed(user.schoolId(), rooms.keySet(), params) + MATCHES
				+ " order by m.created_at desc, m.seq desc limit :limit").params(params).query(MessageSearch::found).list());
		Set<UUID> newest = candidates.stream().sorted(Found.NEWEST_FIRST).map(Found::id).distinct().limit(max)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		if (newest.isEmpty()) {
			return List.of();
		}
		// each checked against the message as it is now: a copy that no longer matches was changed since, and the
		// second query above had the message as it is
		return rows.query(user.schoolId(), "where m.school_id = :school and m.id in (:ids)" + MATCHES + " order by m.created_at desc, m.seq desc",
				Map.of("school", user.schoolId(), "ids", newest, "pattern", pattern))
			.stream().map(m -> new Hit(m, rooms.get(m.roomId()), excerpt(m.body(), q))).toList();
	}

	/**
	 * The newest hits among the copies made at night. Every hit of a word in at most {@link #FREQUENT} copies of these
	 * rooms, sorted here (on PostgreSQL the trigram index answers which); for a more frequent word, whose hits such an
	 * index answers all at once however few are shown, the newest page of each room, read backwards from the messages
	 * themselves along the room's seqs, which a frequent word fills soon. No order is asked of the first query, so no
	 * planner reads the copies backwards in the hope of a frequent word.
	 */
	private List<Found> indexed(Map<String, Object> params, Set<UUID> roomIds) {
		List<Found> hits = jdbc.sql("select e.message_id, e.created_at, e.seq from chat_search_entry e where e.school_id = :school "
				+ "and e.room_id in (:rooms) and lower(e.body) like :pattern escape '\\' limit :cap").params(params).query(MessageSearch::found).list();
		if (hits.size() <= FREQUENT) {
			return hits;
		}
		// one statement, a page per room, each read backwards on its own
		Map<String, Object> inRooms = new HashMap<>(params);
		List<String> pages = new ArrayList<>();
		for (UUID room : roomIds) {
			String name = "room" + pages.size();
			inRooms.put(name, room);
			pages.add("(" + FOUND + "where m.school_id = :school and m.room_id = :" + name + MATCHES + " order by m.seq desc limit :limit)");
		}
		return jdbc.sql(String.join(" union all ", pages)).params(inRooms).query(MessageSearch::found).list();
	}

	private static Found found(ResultSet rs, int n) throws SQLException {
		return new Found(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getLong(3));
	}

	/** A message that matches, before it is read in full. */
	private record Found(UUID id, Instant createdAt, long seq) {
		static final Comparator<Found> NEWEST_FIRST = Comparator.comparing(Found::createdAt).thenComparingLong(Found::seq).reversed();
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
