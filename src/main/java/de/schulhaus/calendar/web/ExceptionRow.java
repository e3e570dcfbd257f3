package de.schulhaus.calendar.web;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import de.schulhaus.calendar.internal.SeriesExceptions;

/**
 * A line of a series' exceptions in its details: an excluded date ("Dienstag, 8. Dezember 2026, 08:00 Uhr") or an
 * instance changed on its own and where it went, with the value that undoes it.
 *
 * @param excluded true for a date left out, false for a changed instance
 * @param date the original start (ISO instant), what the form sends back
 * @param movedTo where a changed instance is now ("Mittwoch, 9. Dezember 2026, 10:00 Uhr"); null when it kept its time
 */
record ExceptionRow(boolean excluded, String date, String when, String movedTo, String summary, boolean cancelled) {

	static List<ExceptionRow> of(SeriesExceptions.Exceptions exceptions, CalendarFormats formats) {
		List<ExceptionRow> rows = new ArrayList<>();
		exceptions.excluded().forEach(i -> rows.add(new ExceptionRow(true, i.toString(), when(formats, i, exceptions.allDay()), null, null, false)));
		for (SeriesExceptions.Changed changed : exceptions.changed()) {
			String to = changed.start().equals(changed.recurrenceId()) ? null : when(formats, changed.start(), changed.allDay());
			rows.add(new ExceptionRow(false, changed.recurrenceId().toString(), when(formats, changed.recurrenceId(), changed.allDay()), to,
					changed.summary(), changed.cancelled()));
		}
		return rows;
	}

	private static String when(CalendarFormats formats, java.time.Instant instant, boolean allDay) {
		LocalDateTime local = instant.atZone(CalendarFormats.ZONE).toLocalDateTime();
		return allDay ? formats.day(local.toLocalDate()) : formats.day(local.toLocalDate()) + ", " + formats.clock(local);
	}
}
