package de.schulhaus.calendar.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.Occurrence;

/**
 * One occurrence as the views show it, with its calendar (name and colour class) and the object's
 * name, from which its details and its dialog are reached.
 *
 * @param colour the calendar's place in the person's list, for the {@code cal-N} colour class
 * @param busy the title of an event the person may see only as busy ("Belegt"), which then shows nothing else; null for the others
 */
record Chip(Calendar calendar, int colour, String name, Occurrence occurrence, String busy) {

	public String title() {
		if (busy != null) {
			return busy;
		}
		String summary = occurrence.summary();
		return summary == null || summary.isBlank() ? "–" : summary;
	}

	public String location() {
		return busy != null ? null : occurrence.location();
	}

	public Instant start() {
		return occurrence.start();
	}

	public Instant end() {
		return occurrence.end();
	}

	public boolean allDay() {
		return occurrence.allDay();
	}

	public LocalDateTime localStart() {
		return occurrence.start().atZone(CalendarFormats.ZONE).toLocalDateTime();
	}

	public LocalDateTime localEnd() {
		return occurrence.end().atZone(CalendarFormats.ZONE).toLocalDateTime();
	}

	/** The first day it shows on. */
	public LocalDate firstDay() {
		return localStart().toLocalDate();
	}

	/** The last day it shows on: an all-day event's end is the day after; a timed one ending at midnight ends the day before. */
	public LocalDate lastDay() {
		LocalDateTime end = localEnd();
		if (!end.isAfter(localStart())) {
			return firstDay();
		}
		return end.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? end.toLocalDate().minusDays(1) : end.toLocalDate();
	}

	public String colourClass() {
		return "cal-" + colour;
	}

	public String href() {
		return action(null);
	}

	public String editHref() {
		return action("bearbeiten");
	}

	/** Where a drag in the week or day view sends the move (minutes and instance as parameters). */
	public String moveHref() {
		return action("verschieben");
	}

	private String action(String what) {
		return "/kalender/" + calendar.id() + "/termin" + (what == null ? "" : "/" + what) + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
				+ (occurrence.recurrenceId() == null ? "" : "&instanz=" + occurrence.recurrenceId());
	}
}
