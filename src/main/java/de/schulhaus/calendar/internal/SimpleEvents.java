package de.schulhaus.calendar.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import de.schulhaus.platform.Ids;

/**
 * A one-off timed event in school time, as the room and exam pages make them: the iCalendar text with
 * its VTIMEZONE, checked by {@link CalendarData#parse} like anything a client sends.
 */
final class SimpleEvents {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

	private SimpleEvents() {
	}

	/** A new UID for an event made here. */
	static String uid() {
		return Ids.newId() + "@schulhaus";
	}

	/**
	 * @param more further property lines, unfolded and without line ends (ATTENDEE, ORGANIZER, CATEGORIES)
	 */
	static CalendarObject timed(String uid, String summary, String location, LocalDate day, LocalTime from, LocalTime to, List<String> more) {
		StringBuilder text = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Schulhaus//Kalender//DE\r\n")
			.append(VTimezones.of("Europe/Berlin"))
			.append("BEGIN:VEVENT\r\nUID:").append(uid).append("\r\nDTSTAMP:").append(UTC.format(Instant.now())).append("\r\n")
			.append("DTSTART;TZID=Europe/Berlin:").append(LOCAL.format(LocalDateTime.of(day, from))).append("\r\n")
			.append("DTEND;TZID=Europe/Berlin:").append(LOCAL.format(LocalDateTime.of(day, to))).append("\r\n")
			.append(fold("SUMMARY:" + escape(summary)));
		if (location != null && !location.isBlank()) {
			text.append(fold("LOCATION:" + escape(location)));
		}
		more.forEach(line -> text.append(fold(line)));
		text.append("END:VEVENT\r\nEND:VCALENDAR\r\n");
		return CalendarData.parse(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), 1_000_000);
	}

	static String escape(String text) {
		return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n");
	}

	/** A parameter value in quotes, which may hold no quote itself. */
	static String quoted(String value) {
		return "\"" + value.replace("\"", "'") + "\"";
	}

	/** RFC 5545 3.1: lines of at most 75 octets, continued with a space; never inside a UTF-8 sequence. */
	static String fold(String line) {
		StringBuilder out = new StringBuilder();
		int octets = 0;
		for (int i = 0; i < line.length(); i++) {
			int cp = line.codePointAt(i);
			int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
			if (octets + size > 75) {
				out.append("\r\n ");
				octets = 1;
			}
			out.appendCodePoint(cp);
			octets += size;
			if (Character.isSupplementaryCodePoint(cp)) {
				i++;
			}
		}
		return out.append("\r\n").toString();
	}
}
