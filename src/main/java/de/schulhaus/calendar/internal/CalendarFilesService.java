package de.schulhaus.calendar.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * A calendar as one .ics file and back: the export streams the stored events one after the other; an
 * import is checked whole and kept until the person confirms its preview, then stored in one
 * transaction, events with a UID the calendar has replacing theirs instead of being doubled.
 */
@Service
public class CalendarFilesService {

	/** The largest .ics file taken: a school year of a busy calendar is a few megabytes. */
	public static final int MAX_IMPORT = 5_000_000;
	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._@-]{1,200}");

	private final JdbcClient jdbc;
	private final CalendarObjects objects;

	CalendarFilesService(JdbcClient jdbc, CalendarObjects objects) {
		this.jdbc = jdbc;
		this.objects = objects;
	}

	/**
	 * Writes the calendar as one VCALENDAR, reading its events as it goes; private events of a calendar the reader
	 * only reads go out as busy ({@link BusyOnly}).
	 */
	@Transactional(readOnly = true)
	public void export(Calendar calendar, SchulhausUser reader, Writer out) {
		try (Stream<String> texts = jdbc.sql("select data from calendar_object where calendar_id = :calendar and school_id = :school order by name")
			.param("calendar", calendar.id()).param("school", calendar.schoolId()).query(String.class).stream()) {
			CalendarData.export(texts.map(text -> BusyOnly.forReader(calendar, text, reader))::iterator, calendar.name(), out);
		}
	}

	/** What an import would do. */
	public record Preview(UUID id, String fileName, int added, int replaced, List<String> titles) {
	}

	/** Checks an .ics file and keeps it for the preview; refusals name what is wrong ({@link InvalidCalendarData}). */
	@Transactional
	public Preview stage(SchulhausUser person, Calendar calendar, String fileName, InputStream in) throws IOException {
		requireWritable(calendar);
		byte[] bytes = in.readNBytes(MAX_IMPORT + 1);
		if (bytes.length > MAX_IMPORT) {
			throw new InvalidInputException("file", "calendar.import.error.tooLarge");
		}
		List<CalendarObject> split = CalendarData.split(new ByteArrayInputStream(bytes), MAX_IMPORT);
		if (split.isEmpty()) {
			throw new InvalidInputException("file", "calendar.import.error.empty");
		}
		jdbc.sql("delete from calendar_import where created_at < :dayAgo").param("dayAgo", CalendarObjects.utc(Instant.now().minusSeconds(86_400))).update();
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into calendar_import (id, school_id, account_id, calendar_id, file_name, data, created_at)
				values (:id, :school, :account, :calendar, :file, :data, :now)""")
			.param("id", id).param("school", person.schoolId()).param("account", person.accountId()).param("calendar", calendar.id())
			.param("file", fileName == null ? null : fileName.length() > 255 ? fileName.substring(0, 255) : fileName)
			.param("data", new String(bytes, StandardCharsets.UTF_8)).param("now", CalendarObjects.utc(Instant.now()))
			.update();
		return preview(calendar, id, fileName, split);
	}

	/** The NRW school holidays shipped with Schulhaus (sources and retrieval date in the file and in the docs). */
	public static final String NRW_HOLIDAYS = "calendar/schulferien-nrw.ics";

	/** Stages the bundled NRW school holidays for an import into the calendar, as if the file had been uploaded. */
	@Transactional
	public Preview stageNrwHolidays(SchulhausUser person, Calendar calendar) throws IOException {
		try (InputStream in = new org.springframework.core.io.ClassPathResource(NRW_HOLIDAYS).getInputStream()) {
			return stage(person, calendar, "schulferien-nrw.ics", in);
		}
	}

	/** The preview of a staged import of this person into this calendar. */
	public Preview preview(SchulhausUser person, Calendar calendar, UUID id) {
		Staged staged = staged(person, calendar, id);
		return preview(calendar, id, staged.fileName(), split(staged));
	}

	/** Stores the staged import; answers how many events were added and replaced. */
	@Transactional
	public Preview confirm(SchulhausUser person, Calendar calendar, UUID id) {
		requireWritable(calendar);
		Staged staged = staged(person, calendar, id);
		List<CalendarObject> split = split(staged);
		Preview preview = preview(calendar, id, staged.fileName(), split);
		Map<String, String> names = existingNames(calendar, split);
		for (CalendarObject object : split) {
			String name = names.getOrDefault(object.uid(), name(object.uid()));
			objects.put(calendar, name, object, person.accountId());
		}
		jdbc.sql("delete from calendar_import where id = :id").param("id", id).update();
		return preview;
	}

	private record Staged(String fileName, String data) {
	}

	private Staged staged(SchulhausUser person, Calendar calendar, UUID id) {
		return jdbc.sql("select file_name, data from calendar_import where id = :id and account_id = :account and calendar_id = :calendar and school_id = :school")
			.param("id", id).param("account", person.accountId()).param("calendar", calendar.id()).param("school", person.schoolId())
			.query((rs, n) -> new Staged(rs.getString(1), rs.getString(2))).optional()
			.orElseThrow(() -> new NotFoundException("import"));
	}

	private static List<CalendarObject> split(Staged staged) {
		return CalendarData.split(new ByteArrayInputStream(staged.data().getBytes(StandardCharsets.UTF_8)), MAX_IMPORT);
	}

	private Preview preview(Calendar calendar, UUID id, String fileName, List<CalendarObject> split) {
		Map<String, String> names = existingNames(calendar, split);
		int replaced = (int) split.stream().filter(o -> names.containsKey(o.uid())).count();
		List<String> titles = new ArrayList<>();
		split.stream().limit(20).forEach(o -> titles.add(o.summary() == null ? o.uid() : o.summary()));
		return new Preview(id, fileName, split.size() - replaced, replaced, titles);
	}

	/** The names of the calendar's events with these UIDs, by UID, in queries of at most 500. */
	private Map<String, String> existingNames(Calendar calendar, List<CalendarObject> split) {
		List<String> uids = split.stream().map(CalendarObject::uid).toList();
		Map<String, String> names = new java.util.HashMap<>();
		for (int i = 0; i < uids.size(); i += 500) {
			List<String> part = uids.subList(i, Math.min(uids.size(), i + 500));
			jdbc.sql("select uid, name from calendar_object where calendar_id = :calendar and uid in (:uids)")
				.param("calendar", calendar.id()).param("uids", part)
				.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
				.forEach(e -> names.put(e.getKey(), e.getValue()));
		}
		return names;
	}

	/** A resource name for an imported event: its UID where that is plain, else a name derived from it. */
	static String name(String uid) {
		return (PLAIN.matcher(uid).matches() ? uid : UUID.nameUUIDFromBytes(uid.getBytes(StandardCharsets.UTF_8)).toString()) + ".ics";
	}

	private static void requireWritable(Calendar calendar) {
		if (!calendar.writable()) {
			throw new InvalidInputException("calendar", "calendar.import.error.readOnly");
		}
	}

	/** For the feed: the calendar when this person still sees it. */
	public static Optional<Calendar> visible(List<Calendar> calendars, UUID id) {
		return calendars.stream().filter(c -> c.id().equals(id)).findFirst();
	}

}
