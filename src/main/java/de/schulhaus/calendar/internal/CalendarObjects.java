package de.schulhaus.calendar.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.Ids;

/**
 * The events and tasks of calendars, each stored as its client sent it, with the time span that
 * bounds its instances for time-range queries. Every change takes the calendar's next revision and
 * notes the object's name at it, so that {@code sync-collection} answers with what changed since a token.
 */
@Service
public class CalendarObjects {

	/** For {@code put}: the object keeps its Schedule-Tag (an invitee's answer merged into the organiser's event). */
	static final String KEEP_TAG = "keep";

	private static final String COLUMNS = "name, uid, component, size_bytes, etag, created_at, updated_at, starts_at, ends_at, recurring";

	private final JdbcClient jdbc;
	private final Calendars calendars;
	private final Bookings bookings;
	private final ExamRules exams;
	private final Reminders reminders;

	CalendarObjects(JdbcClient jdbc, Calendars calendars, Bookings bookings, ExamRules exams, Reminders reminders) {
		this.jdbc = jdbc;
		this.calendars = calendars;
		this.bookings = bookings;
		this.exams = exams;
		this.reminders = reminders;
	}

	/**
	 * An object as stored.
	 *
	 * @param data the iCalendar text; null where the query did not read it
	 */
	public record Entry(String name, String uid, String component, long size, String etag, Instant created, Instant updated, Instant startsAt,
			Instant endsAt, boolean recurring, String data) {
	}

	/** A change since a revision: the object's current entry, or null when it was deleted. */
	public record Change(String name, Entry entry) {
	}

	/** Another object of the calendar has the UID already (CalDAV's {@code no-uid-conflict}). */
	public static class UidConflict extends RuntimeException {

		private final String name;

		UidConflict(String name) {
			super("another object of this calendar has that UID: " + name);
			this.name = name;
		}

		public String name() {
			return name;
		}
	}

	public List<Entry> list(Calendar calendar) {
		return jdbc.sql("select " + COLUMNS + " from calendar_object where calendar_id = :calendar and school_id = :school order by name")
			.param("calendar", calendar.id()).param("school", calendar.schoolId())
			.query((rs, n) -> entry(rs, false)).list();
	}

	public Optional<Entry> find(Calendar calendar, String name) {
		return jdbc.sql("select " + COLUMNS + ", data from calendar_object where calendar_id = :calendar and school_id = :school and name = :name")
			.param("calendar", calendar.id()).param("school", calendar.schoolId()).param("name", name)
			.query((rs, n) -> entry(rs, true)).optional();
	}

	/** The name of the calendar's object with this UID. */
	Optional<String> nameOf(Calendar calendar, String uid) {
		return jdbc.sql("select name from calendar_object where calendar_id = :calendar and school_id = :school and uid = :uid")
			.param("calendar", calendar.id()).param("school", calendar.schoolId()).param("uid", uid).query(String.class).optional();
	}

	/** These objects with their data, in one query; names without an object are left out. */
	public List<Entry> withData(Calendar calendar, Collection<String> names) {
		if (names.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + ", data from calendar_object where calendar_id = :calendar and school_id = :school and name in (:names)")
			.param("calendar", calendar.id()).param("school", calendar.schoolId()).param("names", names)
			.query((rs, n) -> entry(rs, true)).list();
	}

	/**
	 * The objects of a component type whose span meets [start, end) (either may be null for no bound):
	 * a superset of those with an instance in the range, which recurring ones still have to be checked for.
	 */
	public List<Entry> candidates(Calendar calendar, String component, Instant start, Instant end, boolean data) {
		return jdbc.sql("select " + COLUMNS + (data ? ", data" : "") + """
				 from calendar_object where calendar_id = :calendar and school_id = :school
				and (cast(:component as varchar(10)) is null or component = :component)
				and (cast(:end as timestamp with time zone) is null or starts_at is null or starts_at < :end)
				and (cast(:start as timestamp with time zone) is null or ends_at is null or ends_at > :start or (ends_at = starts_at and starts_at >= :start))
				order by name""")
			.param("calendar", calendar.id()).param("school", calendar.schoolId()).param("component", component)
			.param("start", start == null ? null : utc(start)).param("end", end == null ? null : utc(end))
			.query((rs, n) -> entry(rs, data)).list();
	}

	/**
	 * {@link #candidates(Calendar, String, Instant, Instant, boolean)} of several calendars of one school in
	 * one query, by calendar id: the web's views show a teacher's dozen calendars at once.
	 */
	public java.util.Map<java.util.UUID, List<Entry>> candidates(List<Calendar> of, String component, Instant start, Instant end, boolean data) {
		List<java.util.UUID> ids = of.stream().filter(Calendar::stored).map(Calendar::id).toList();
		java.util.Map<java.util.UUID, List<Entry>> byCalendar = new java.util.HashMap<>();
		if (ids.isEmpty()) {
			return byCalendar;
		}
		jdbc.sql("select calendar_id, " + COLUMNS + (data ? ", data" : "") + """
				 from calendar_object where calendar_id in (:calendars) and school_id = :school
				and (cast(:component as varchar(10)) is null or component = :component)
				and (cast(:end as timestamp with time zone) is null or starts_at is null or starts_at < :end)
				and (cast(:start as timestamp with time zone) is null or ends_at is null or ends_at > :start or (ends_at = starts_at and starts_at >= :start))
				order by name""")
			.param("calendars", ids).param("school", of.get(0).schoolId()).param("component", component)
			.param("start", start == null ? null : utc(start)).param("end", end == null ? null : utc(end))
			.query(rs -> {
				byCalendar.computeIfAbsent(rs.getObject(1, java.util.UUID.class), k -> new java.util.ArrayList<>()).add(entry(rs, 2, data));
			});
		return byCalendar;
	}

	/** Creates or replaces the object at {@code name}. */
	@Transactional
	public Entry put(Calendar calendar, String name, CalendarObject object) {
		return put(calendar, name, object, null);
	}

	/**
	 * Creates or replaces the object at {@code name}, booking the rooms and equipment it names for
	 * {@code actor} ({@link Bookings.Conflict} when one is taken: then nothing is stored).
	 */
	@Transactional
	public Entry put(Calendar calendar, String name, CalendarObject object, UUID actor) {
		return put(calendar, name, object, actor, true, null);
	}

	/**
	 * @param book false for an invitee's copy of an event and for the organiser's event changed only by an
	 *             answer: the rooms it names are booked by the organiser's event, once
	 * @param scheduleTag the object's new Schedule-Tag (RFC 6638 3.2.10): {@link #newScheduleTag()} for a
	 *             scheduling object changed by its owner or its organiser, {@link #KEEP_TAG} for an answer merged
	 *             into the organiser's event, null for an object that schedules nothing
	 */
	@Transactional
	Entry put(Calendar calendar, String name, CalendarObject object, UUID actor, boolean book, String scheduleTag) {
		calendars.store(calendar);
		if (calendar.kind() == CalendarKind.EXAMS) {
			// the calendar's row, locked: exams of one class are counted one after the other
			jdbc.sql("update calendar set updated_at = updated_at where id = :id").param("id", calendar.id()).update();
			exams.check(calendar, name, object);
		}
		List<String> holders = jdbc.sql("select name from calendar_object where calendar_id = :calendar and uid = :uid and name <> :name")
			.param("calendar", calendar.id()).param("uid", object.uid()).param("name", name).query(String.class).list();
		if (!holders.isEmpty()) {
			throw new UidConflict(holders.get(0));
		}
		long revision = nextRevision(calendar);
		Instant now = Instant.now();
		byte[] bytes = object.text().getBytes(StandardCharsets.UTF_8);
		String etag = etag(bytes);
		int updated = jdbc.sql("""
				update calendar_object set uid = :uid, component = :component, starts_at = :start, ends_at = :end, recurring = :recurring,
				summary = :summary, data = :data, size_bytes = :size, etag = :etag, revision = :revision, updated_at = :now,
				schedule_tag = case when :keepTag then schedule_tag else :tag end
				where calendar_id = :calendar and name = :name""")
			.params(objectParams(calendar, name, object, bytes.length, etag, revision, now))
			.param("keepTag", KEEP_TAG.equals(scheduleTag)).param("tag", KEEP_TAG.equals(scheduleTag) ? null : scheduleTag)
			.update();
		Instant created = now;
		if (updated == 0) {
			jdbc.sql("""
					insert into calendar_object (id, school_id, calendar_id, name, uid, component, starts_at, ends_at, recurring, summary, data,
					size_bytes, etag, revision, created_at, updated_at, schedule_tag)
					values (:id, :school, :calendar, :name, :uid, :component, :start, :end, :recurring, :summary, :data, :size, :etag, :revision, :now, :now,
					:tag)""")
				.params(objectParams(calendar, name, object, bytes.length, etag, revision, now))
				.param("tag", KEEP_TAG.equals(scheduleTag) ? newScheduleTag() : scheduleTag)
				.param("id", Ids.newId()).param("school", calendar.schoolId())
				.update();
		}
		else {
			created = jdbc.sql("select created_at from calendar_object where calendar_id = :calendar and name = :name")
				.param("calendar", calendar.id()).param("name", name).query((rs, n) -> instant(rs, 1)).single();
		}
		noteChange(calendar, name, revision, false);
		if (book) {
			bookings.book(calendar, name, object, actor);
		}
		reminders.schedule(calendar, name, object.text(), now);
		return new Entry(name, object.uid(), object.component(), bytes.length, etag, created, now, object.start(), object.end(), object.recurring(),
				object.text());
	}

	/** The Schedule-Tag of the object at {@code name}; empty when there is none or it schedules nothing. */
	public Optional<String> scheduleTag(Calendar calendar, String name) {
		return jdbc.sql("select schedule_tag from calendar_object where calendar_id = :calendar and school_id = :school and name = :name")
			.param("calendar", calendar.id()).param("school", calendar.schoolId()).param("name", name)
			.query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(t -> t);
	}

	/** The Schedule-Tags of the calendar's scheduling objects by name, in one query: for PROPFIND and REPORTs asking for them. */
	public java.util.Map<String, String> scheduleTags(Calendar calendar) {
		java.util.Map<String, String> tags = new java.util.HashMap<>();
		jdbc.sql("select name, schedule_tag from calendar_object where calendar_id = :calendar and school_id = :school and schedule_tag is not null")
			.param("calendar", calendar.id()).param("school", calendar.schoolId())
			.query(rs -> {
				tags.put(rs.getString(1), rs.getString(2));
			});
		return tags;
	}

	/** A fresh Schedule-Tag, never one the object had before. */
	static String newScheduleTag() {
		return Ids.newId().toString().replace("-", "");
	}

	/** Deletes the object; false when there was none. */
	@Transactional
	public boolean delete(Calendar calendar, String name) {
		int deleted = jdbc.sql("delete from calendar_object where calendar_id = :calendar and school_id = :school and name = :name")
			.param("calendar", calendar.id()).param("school", calendar.schoolId()).param("name", name).update();
		if (deleted == 0) {
			return false;
		}
		bookings.release(calendar, name);
		noteChange(calendar, name, nextRevision(calendar), true);
		return true;
	}

	/**
	 * A move: the object leaves its calendar and {@code write} puts it at its new place, in one transaction,
	 * so that a refused write leaves the object where it was.
	 */
	@Transactional
	public <T> T move(Calendar from, String name, java.util.function.Supplier<T> write) {
		if (!delete(from, name)) {
			throw new IllegalStateException("no object " + name + " to move");
		}
		return write.get();
	}

	/** What changed after {@code revision}, with the entries (data when asked) of what still exists. */
	public List<Change> changesSince(Calendar calendar, long revision, boolean data) {
		return jdbc.sql("select c.name, c.deleted, o.name, o.uid, o.component, o.size_bytes, o.etag, o.created_at, o.updated_at, o.starts_at, o.ends_at, o.recurring"
				+ (data ? ", o.data" : "") + """
				 from calendar_change c left join calendar_object o on o.calendar_id = c.calendar_id and o.name = c.name
				where c.calendar_id = :calendar and c.revision > :revision order by c.revision""")
			.param("calendar", calendar.id()).param("revision", revision)
			.query((rs, n) -> new Change(rs.getString(1), rs.getBoolean(2) || rs.getString(3) == null ? null : entry(rs, 3, data)))
			.list();
	}

	private long nextRevision(Calendar calendar) {
		// the update locks the calendar's row: changes of one calendar take their revisions one after the other
		jdbc.sql("update calendar set revision = revision + 1 where id = :id").param("id", calendar.id()).update();
		return jdbc.sql("select revision from calendar where id = :id").param("id", calendar.id()).query(Long.class).single();
	}

	private void noteChange(Calendar calendar, String name, long revision, boolean deleted) {
		int updated = jdbc.sql("update calendar_change set revision = :revision, deleted = :deleted where calendar_id = :calendar and name = :name")
			.param("revision", revision).param("deleted", deleted).param("calendar", calendar.id()).param("name", name).update();
		if (updated == 0) {
			jdbc.sql("insert into calendar_change (calendar_id, name, revision, deleted) values (:calendar, :name, :revision, :deleted)")
				.param("revision", revision).param("deleted", deleted).param("calendar", calendar.id()).param("name", name).update();
		}
	}

	private static java.util.Map<String, Object> objectParams(Calendar calendar, String name, CalendarObject object, int size, String etag,
			long revision, Instant now) {
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		params.put("calendar", calendar.id());
		params.put("name", name);
		params.put("uid", object.uid());
		params.put("component", object.component());
		params.put("start", object.start() == null ? null : utc(object.start()));
		params.put("end", object.end() == null ? null : utc(object.end()));
		params.put("recurring", object.recurring());
		params.put("summary", object.summary());
		params.put("data", object.text());
		params.put("size", size);
		params.put("etag", etag);
		params.put("revision", revision);
		params.put("now", utc(now));
		return params;
	}

	private static Entry entry(ResultSet rs, boolean data) throws SQLException {
		return entry(rs, 1, data);
	}

	private static Entry entry(ResultSet rs, int first, boolean data) throws SQLException {
		return new Entry(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2), rs.getLong(first + 3), rs.getString(first + 4),
				instant(rs, first + 5), instant(rs, first + 6), instant(rs, first + 7),
				instant(rs, first + 8), rs.getBoolean(first + 9), data ? rs.getString(first + 10) : null);
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}

	static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	static String etag(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
