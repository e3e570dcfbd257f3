package de.schulhaus.calendar.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Service;

import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Booking a room from its page: an event in a calendar the person writes, with the room as its
 * location and as an attendee, stored like any event, so the booking shows in the person's calendar and
 * phone, and the same check refuses a taken slot whether the event comes from here or from CalDAV.
 */
@Service
public class RoomBookings {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

	private final CalendarObjects objects;

	RoomBookings(CalendarObjects objects) {
		this.objects = objects;
	}

	/** Books {@code room} on {@code day} from {@code from} to {@code to} (school time) for an event titled {@code title}. */
	public CalendarObjects.Entry book(SchulhausUser person, Calendar calendar, Rooms.Room room, LocalDate day, LocalTime from, LocalTime to,
			String title) {
		String summary = title == null ? "" : title.strip();
		if (summary.isEmpty() || summary.length() > 200) {
			throw new InvalidInputException("title", "calendar.rooms.error.title");
		}
		if (day == null || from == null || to == null) {
			throw new InvalidInputException("day", "calendar.rooms.error.when");
		}
		if (!to.isAfter(from)) {
			throw new InvalidInputException("to", "calendar.rooms.error.endBeforeStart");
		}
		if (!calendar.writable()) {
			throw new InvalidInputException("calendar", "calendar.rooms.error.calendar");
		}
		String uid = Ids.newId() + "@schulhaus";
		String text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Schulhaus//Raumbuchung//DE\r\n" + VTimezones.of("Europe/Berlin")
				+ "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:" + UTC.format(Instant.now()) + "\r\n"
				+ "DTSTART;TZID=Europe/Berlin:" + LOCAL.format(LocalDateTime.of(day, from)) + "\r\n"
				+ "DTEND;TZID=Europe/Berlin:" + LOCAL.format(LocalDateTime.of(day, to)) + "\r\n"
				+ fold("SUMMARY:" + escape(summary)) + fold("LOCATION:" + escape(room.name()))
				+ fold("ATTENDEE;CUTYPE=" + (room.kind() == Rooms.Kind.ROOM ? "ROOM" : "RESOURCE") + ";ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN=\""
						+ room.name().replace("\"", "'") + "\":" + room.address())
				+ fold("ORGANIZER;CN=\"" + person.displayName().replace("\"", "'") + "\":mailto:" + person.login())
				+ "END:VEVENT\r\nEND:VCALENDAR\r\n";
		CalendarObject object = CalendarData.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1_000_000);
		return objects.put(calendar, uid + ".ics", object, person.accountId());
	}

	static String escape(String text) {
		return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n");
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
