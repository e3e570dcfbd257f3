package de.schulhaus.calendar.internal;

import java.io.InputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * iCalendar data of calendar object resources: reading and validating what clients send, time-range
 * tests and occurrences for queries and views, export of a calendar and import of an .ics file.
 */
public final class CalendarData {

	/** Dates and floating times of the stored time span are taken in the schools' zone. */
	static final ZoneId SCHOOL_ZONE = ZoneId.of("Europe/Berlin");
	private static final int SUMMARY_LENGTH = 200;

	private CalendarData() {
	}

	/** Reads at most maxBytes (more: "max-resource-size"), parses and validates one calendar object resource. */
	public static CalendarObject parse(InputStream in, long maxBytes) {
		return object(CalendarResource.of(ICalReader.read(in, maxBytes)));
	}

	static CalendarObject object(CalendarResource resource) {
		ICalProperty rrule = resource.master == null ? null : resource.master.property("RRULE");
		boolean endless = rrule != null && endless(rrule);
		// an endless series needs only its first instances for the start: DTSTART, RDATEs and moved ones
		Instances.Result all = resource.instances(null, null, SCHOOL_ZONE, endless ? 1 : Integer.MAX_VALUE);
		List<Instances.Instance> instances = all.instances();
		Instant start = instances.stream().map(Instances.Instance::start).min(Instant::compareTo).orElse(null);
		Instant end = instances.stream().map(Instances.Instance::end).max(Instant::compareTo).orElse(null);
		if (!all.complete() || endless) {
			end = null;
		}
		String summary = resource.summary();
		if (summary != null && summary.length() > SUMMARY_LENGTH) {
			summary = summary.substring(0, SUMMARY_LENGTH);
		}
		return new CalendarObject(resource.uid, resource.type, start, end, resource.recurring(), summary, resource.text);
	}

	private static boolean endless(ICalProperty rrule) {
		var recur = ComponentRules.recur(rrule);
		return recur.getCount() < 1 && recur.getUntil() == null;
	}

	/**
	 * RFC 4791 9.9 time-range semantics for the object's components, recurrence included (RRULE, RDATE,
	 * EXDATE, overridden instances), dates and floating times in the given zone, for [start, end); a null
	 * start or end is open, as in a CalDAV time-range with only one of them.
	 */
	public static boolean overlaps(String text, Instant start, Instant end, ZoneId floating) {
		return overlaps(CalendarResource.of(ICalReader.withCrlf(text)), start, end, floating);
	}

	/** {@link #overlaps(String, Instant, Instant, ZoneId)} of a stored object, parsed once for every request that reads it. */
	public static boolean overlaps(CalendarObjects.Entry entry, Instant start, Instant end, ZoneId floating) {
		return overlaps(ParsedObjects.resource(entry.etag(), entry.data()), start, end, floating);
	}

	private static boolean overlaps(CalendarResource resource, Instant start, Instant end, ZoneId floating) {
		if (resource.type.equals("VTODO") && resource.components().stream()
			.anyMatch(c -> c.property("DTSTART") == null && c.property("DUE") == null)) {
			return true;
		}
		return !resource.instances(start, end, floating, 1).instances().isEmpty();
	}

	/**
	 * The occurrences within [from, to) (null: open), sorted by start, at most limit; the expansion is bounded
	 * whatever the rule. A task without DTSTART and DUE has none.
	 */
	public static List<Occurrence> occurrences(String text, Instant from, Instant to, ZoneId floating, int limit) {
		return occurrences(CalendarResource.of(ICalReader.withCrlf(text)), from, to, floating, limit);
	}

	/**
	 * {@link #occurrences(String, Instant, Instant, ZoneId, int)} of a stored object: parsed once, and expanded once
	 * for each range, for every request that reads it (an immutable list).
	 */
	public static List<Occurrence> occurrences(CalendarObjects.Entry entry, Instant from, Instant to, ZoneId floating, int limit) {
		return ParsedObjects.occurrences(entry.etag(), entry.data(), from, to, floating, limit);
	}

	static List<Occurrence> occurrences(CalendarResource resource, Instant from, Instant to, ZoneId floating, int limit) {
		if (limit <= 0) {
			return List.of();
		}
		ICalComponent first = resource.components().get(0);
		List<Occurrence> occurrences = new ArrayList<>();
		for (Instances.Instance instance : resource.instances(from, to, floating, limit).instances()) {
			ICalComponent component = instance.component();
			occurrences.add(new Occurrence(resource.uid, instance.start(), instance.end(), instance.allDay(),
					text(component, first, "SUMMARY"), text(component, first, "LOCATION"), instance.recurrenceId()));
		}
		return occurrences;
	}

	/**
	 * CalDAV's {@code expand} (RFC 4791 9.6.5): the object as its instances overlapping [from, to), each a
	 * component of its own in UTC, with RECURRENCE-ID where it belongs to a series.
	 */
	public static String expanded(CalendarObjects.Entry entry, Instant from, Instant to, ZoneId floating) {
		return Expansion.of(ParsedObjects.resource(entry.etag(), entry.data()), from, to, floating);
	}

	/** An overridden instance without the property shows the series' value. */
	private static String text(ICalComponent component, ICalComponent first, String name) {
		ICalProperty property = component.property(name) != null ? component.property(name) : first.property(name);
		return property == null ? null : property.text();
	}

	/** An export of many objects as one VCALENDAR (each VTIMEZONE once, the components of each object), streamed. */
	public static void export(Iterable<String> texts, String calendarName, Writer out) {
		CalendarFiles.export(texts, calendarName, out);
	}

	/**
	 * Splits an imported .ics file (many UIDs) into calendar object resources, one per UID, each with the
	 * VTIMEZONEs it needs; refuses files larger than maxBytes and files with an invalid object.
	 */
	public static List<CalendarObject> split(InputStream in, long maxBytes) {
		return CalendarFiles.split(ICalReader.read(in, maxBytes));
	}
}
