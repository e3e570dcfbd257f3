package de.schulhaus.calendar.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import de.schulhaus.platform.SchulhausUser;

/**
 * Events marked private ({@code CLASS:PRIVATE}, or {@code CONFIDENTIAL} taken alike; RFC 5545 3.8.1.3) as they
 * are shown to those who read the calendar without writing it and neither organise nor attend the event: only
 * as busy. They get the times and the recurrence, UID and CLASS, under the title "Belegt"; no description,
 * place, attendees, attachments or alarms. One private component hides the whole object, so a moved lesson
 * marked private does not leave its series readable.
 */
public final class BusyOnly {

	/** The title a busy-only event gets where no person's language is known (CalDAV, feeds). */
	public static final String SUMMARY = "Belegt";

	/** What a busy-only component keeps: when it is, how it repeats, which it is. */
	private static final Set<String> KEPT = Set.of("UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "DUE", "RRULE", "RDATE", "EXDATE", "EXRULE",
			"RECURRENCE-ID", "CLASS", "STATUS", "TRANSP", "SEQUENCE");
	private static final Set<String> PRIVATE = Set.of("PRIVATE", "CONFIDENTIAL");
	/** A cheap look before parsing: most events have no CLASS line at all. */
	private static final Pattern CLASS_LINE = Pattern.compile("^CLASS[;:]", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

	private BusyOnly() {
	}

	/** Whether a component of the data says it is private or confidential. */
	public static boolean marked(String text) {
		if (text == null || !CLASS_LINE.matcher(text).find()) {
			return false;
		}
		return marked(CalendarResource.of(ICalReader.withCrlf(text)));
	}

	private static boolean marked(CalendarResource resource) {
		return resource.components().stream().map(c -> c.value("CLASS")).anyMatch(v -> v != null && PRIVATE.contains(v.strip().toUpperCase(Locale.ROOT)));
	}

	/**
	 * Whether this person sees the object only as busy: a private one in a calendar they only read, of which they
	 * are neither organiser nor attendee.
	 */
	public static boolean hides(Calendar calendar, CalendarObjects.Entry entry, SchulhausUser reader) {
		if (calendar.writable() || entry.data() == null || !CLASS_LINE.matcher(entry.data()).find()) {
			return false;
		}
		try {
			CalendarResource resource = ParsedObjects.resource(entry.etag(), entry.data());
			return marked(resource) && !involved(resource, reader);
		}
		catch (InvalidCalendarData ex) {
			// stored before a rule got stricter: it cannot be stripped, and is served as before
			return false;
		}
	}

	/** The entry as this person may read it: stripped when it is busy-only for them, else as stored. The ETag stays. */
	public static CalendarObjects.Entry forReader(Calendar calendar, CalendarObjects.Entry entry, SchulhausUser reader) {
		if (!hides(calendar, entry, reader)) {
			return entry;
		}
		String data = strip(entry.data(), SUMMARY);
		return new CalendarObjects.Entry(entry.name(), entry.uid(), entry.component(), data.getBytes(StandardCharsets.UTF_8).length, entry.etag(),
				entry.created(), entry.updated(), entry.startsAt(), entry.endsAt(), entry.recurring(), data);
	}

	/** The text as this person may read it ({@link #forReader(Calendar, CalendarObjects.Entry, SchulhausUser)} of text without an entry). */
	public static String forReader(Calendar calendar, String text, SchulhausUser reader) {
		if (calendar.writable() || text == null || !CLASS_LINE.matcher(text).find()) {
			return text;
		}
		try {
			CalendarResource resource = CalendarResource.of(ICalReader.withCrlf(text));
			return marked(resource) && !involved(resource, reader) ? strip(text, SUMMARY) : text;
		}
		catch (InvalidCalendarData ex) {
			return text;
		}
	}

	/** The object's text as a busy-only reader gets it: each component with the kept lines and this title. */
	public static String strip(String text, String summary) {
		CalendarResource resource = CalendarResource.of(ICalReader.withCrlf(text));
		List<String> lines = resource.document.lines();
		StringBuilder out = new StringBuilder(512);
		out.append("BEGIN:VCALENDAR\r\n");
		for (ICalProperty property : resource.calendar.properties()) {
			copy(property, lines, out);
		}
		for (ICalComponent component : resource.calendar.components()) {
			if (component.name().equals("VTIMEZONE")) {
				out.append(resource.document.source(component));
			}
		}
		for (ICalComponent component : resource.components()) {
			out.append("BEGIN:").append(component.name()).append("\r\n");
			for (ICalProperty property : component.properties()) {
				if (KEPT.contains(property.name())) {
					copy(property, lines, out);
				}
			}
			out.append(folded("SUMMARY:" + ICalWriter.text(summary)));
			out.append("END:").append(component.name()).append("\r\n");
		}
		return out.append("END:VCALENDAR\r\n").toString();
	}

	/** The reader is the ORGANIZER or an ATTENDEE of one of the components, by sign-in or account. */
	private static boolean involved(CalendarResource resource, SchulhausUser reader) {
		Set<String> mine = Set.of(Attendees.key("mailto:" + reader.login()), Attendees.key("urn:uuid:" + reader.accountId()));
		String principal = "/caldav/" + reader.login().toLowerCase(Locale.ROOT) + "/";
		for (ICalComponent component : resource.components()) {
			for (ICalProperty property : component.properties()) {
				if (property.name().equals("ORGANIZER") || property.name().equals("ATTENDEE")) {
					String key = Attendees.key(property.value());
					if (mine.contains(key) || key.endsWith(principal)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static String folded(String line) {
		java.io.StringWriter out = new java.io.StringWriter();
		new ICalWriter(out).line(line);
		return out.toString();
	}

	/** The property's physical lines, folds included, as they were written. */
	private static void copy(ICalProperty property, List<String> lines, StringBuilder out) {
		int line = property.line() - 1;
		out.append(lines.get(line)).append("\r\n");
		while (++line < lines.size() && !lines.get(line).isEmpty() && (lines.get(line).charAt(0) == ' ' || lines.get(line).charAt(0) == '\t')) {
			out.append(lines.get(line)).append("\r\n");
		}
	}
}
