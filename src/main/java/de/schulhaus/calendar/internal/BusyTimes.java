package de.schulhaus.calendar.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

/**
 * When calendars make a person busy (RFC 4791 7.10 free-busy-query, RFC 6638 VFREEBUSY requests, the web's
 * look-up when picking a time): the instances of their events within a range, merged, without titles.
 * Transparent and cancelled events leave the person free.
 */
@Service
public class BusyTimes {

	/** The longest range asked at once. */
	public static final Duration MAX_RANGE = Duration.ofDays(366);
	private static final int MAX_INSTANCES = 10_000;

	private final CalendarObjects objects;

	BusyTimes(CalendarObjects objects) {
		this.objects = objects;
	}

	/** A busy span, [start, end). */
	public record Period(Instant start, Instant end) {
	}

	/** The busy periods of these calendars (of one school) within [start, end), sorted, overlapping and touching ones merged. */
	public List<Period> of(List<Calendar> calendars, Instant start, Instant end) {
		if (calendars.isEmpty()) {
			return List.of();
		}
		List<Period> busy = new ArrayList<>();
		for (List<CalendarObjects.Entry> entries : objects.candidates(calendars, "VEVENT", start, end, true).values()) {
			entries.forEach(entry -> busy.addAll(periods(entry.data(), start, end)));
		}
		return merge(busy);
	}

	/** The busy periods of one calendar. */
	public List<Period> of(Calendar calendar, Instant start, Instant end) {
		List<Period> busy = new ArrayList<>();
		objects.candidates(calendar, "VEVENT", start, end, true).forEach(entry -> busy.addAll(periods(entry.data(), start, end)));
		return merge(busy);
	}

	static List<Period> periods(String text, Instant start, Instant end) {
		if (free(text)) {
			return List.of();
		}
		List<Period> periods = new ArrayList<>();
		for (Occurrence occurrence : CalendarData.occurrences(text, start, end, CalendarData.SCHOOL_ZONE, MAX_INSTANCES)) {
			Instant from = occurrence.start().isBefore(start) ? start : occurrence.start();
			Instant to = occurrence.end().isAfter(end) ? end : occurrence.end();
			if (to.isAfter(from)) {
				periods.add(new Period(from, to));
			}
		}
		return periods;
	}

	private static boolean free(String text) {
		for (ICalComponent calendar : ICalReader.parse(text).calendars()) {
			for (ICalComponent component : calendar.components()) {
				if (component.name().equals("VEVENT") && ("TRANSPARENT".equalsIgnoreCase(component.value("TRANSP"))
						|| "CANCELLED".equalsIgnoreCase(component.value("STATUS")))) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * One VCALENDAR with a VFREEBUSY of these periods (FREEBUSY in UTC, one line each).
	 *
	 * @param method null for a free-busy-query's answer, REPLY for a scheduling request's
	 * @param lines further content lines of the VFREEBUSY (UID, ORGANIZER, ATTENDEE), as they are
	 */
	public static String vfreebusy(String method, Instant start, Instant end, List<Period> periods, List<String> lines) {
		java.io.StringWriter text = new java.io.StringWriter();
		ICalWriter out = new ICalWriter(text);
		out.line("BEGIN:VCALENDAR").line("VERSION:2.0").line("PRODID:" + EventDrafts.PRODID);
		if (method != null) {
			out.line("METHOD:" + method);
		}
		out.line("BEGIN:VFREEBUSY").line("DTSTAMP:" + ICalEvents.utc(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
			.line("DTSTART:" + ICalEvents.utc(start)).line("DTEND:" + ICalEvents.utc(end));
		lines.forEach(out::line);
		periods.forEach(p -> out.line("FREEBUSY:" + ICalEvents.utc(p.start()) + "/" + ICalEvents.utc(p.end())));
		out.line("END:VFREEBUSY").line("END:VCALENDAR");
		return text.toString();
	}

	static List<Period> merge(List<Period> busy) {
		List<Period> sorted = new ArrayList<>(busy);
		sorted.sort((a, b) -> a.start().compareTo(b.start()));
		List<Period> merged = new ArrayList<>();
		Period open = null;
		for (Period period : sorted) {
			if (open != null && !period.start().isAfter(open.end())) {
				open = new Period(open.start(), period.end().isAfter(open.end()) ? period.end() : open.end());
				continue;
			}
			if (open != null) {
				merged.add(open);
			}
			open = period;
		}
		if (open != null) {
			merged.add(open);
		}
		return merged;
	}
}
