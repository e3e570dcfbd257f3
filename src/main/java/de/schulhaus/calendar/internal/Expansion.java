package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * CalDAV's {@code expand} (RFC 4791 9.6.5): a calendar object resource as its instances within a range, each
 * a component of its own without RRULE, RDATE and EXDATE, with DTSTART, DTEND (or DUE) and, for the instances
 * of a series, RECURRENCE-ID in UTC; dates of all-day instances stay dates. The other lines of each component
 * (and its alarms) are copied as the client wrote them; no VTIMEZONE is needed any more.
 */
final class Expansion {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");
	/** The lines each instance gets anew; RRULE and the rest describe the series, not one instance. */
	private static final Set<String> REPLACED = Set.of("DTSTART", "DTEND", "DUE", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID");
	/** A series expanded for one response has at most this many instances (a daily rule over a year needs 366). */
	static final int MAX_INSTANCES = 2_000;

	private Expansion() {
	}

	static String of(CalendarResource resource, Instant from, Instant to, ZoneId floating) {
		List<String> lines = resource.document.lines();
		StringBuilder out = new StringBuilder(resource.text.length() + 256);
		out.append("BEGIN:VCALENDAR\r\n");
		for (ICalProperty property : resource.calendar.properties()) {
			copy(property, lines, out);
		}
		for (Instances.Instance instance : resource.instances(from, to, floating, MAX_INSTANCES).instances()) {
			ICalComponent component = instance.component();
			boolean todo = component.name().equals("VTODO");
			out.append("BEGIN:").append(component.name()).append("\r\n");
			for (ICalProperty property : component.properties()) {
				// a task's DURATION stays: its DUE is written only where it had one
				if (!REPLACED.contains(property.name()) || todo && property.name().equals("DURATION")) {
					copy(property, lines, out);
				}
			}
			if (!instance.dueOnly()) {
				time(out, "DTSTART", instance.start(), instance.allDay(), floating);
			}
			if (todo ? component.property("DUE") != null : !instance.end().equals(instance.start())) {
				time(out, todo ? "DUE" : "DTEND", instance.end(), instance.allDay(), floating);
			}
			if (instance.recurrenceId() != null) {
				time(out, "RECURRENCE-ID", instance.recurrenceId(), instance.allDay(), floating);
			}
			for (ICalComponent inner : component.components()) {
				out.append(resource.document.source(inner));
			}
			out.append("END:").append(component.name()).append("\r\n");
		}
		return out.append("END:VCALENDAR\r\n").toString();
	}

	/** The property's physical lines, folds included, as the client sent them. */
	private static void copy(ICalProperty property, List<String> lines, StringBuilder out) {
		int line = property.line() - 1;
		out.append(lines.get(line)).append("\r\n");
		while (++line < lines.size() && !lines.get(line).isEmpty() && (lines.get(line).charAt(0) == ' ' || lines.get(line).charAt(0) == '\t')) {
			out.append(lines.get(line)).append("\r\n");
		}
	}

	private static void time(StringBuilder out, String name, Instant instant, boolean allDay, ZoneId floating) {
		if (allDay) {
			LocalDate date = ICalTime.local(instant, floating.getRules()).toLocalDate();
			out.append(name).append(";VALUE=DATE:").append(DATE.format(date)).append("\r\n");
		}
		else {
			out.append(name).append(':').append(UTC.format(instant)).append("\r\n");
		}
	}
}
