package de.schulhaus.calendar.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.springframework.stereotype.Service;

import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Booking a room from its page: an event in a calendar the person writes, with the room as its
 * location and as an attendee, stored like any event, so the booking shows in the person's calendar and
 * phone, and the same check refuses a taken slot whether the event comes from here or from CalDAV.
 */
@Service
public class RoomBookings {

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
		String uid = SimpleEvents.uid();
		CalendarObject object = SimpleEvents.timed(uid, summary, room.name(), day, from, to, List.of(
				"ATTENDEE;CUTYPE=" + (room.kind() == Rooms.Kind.ROOM ? "ROOM" : "RESOURCE") + ";ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN="
						+ SimpleEvents.quoted(room.name()) + ":" + room.address(),
				"ORGANIZER;CN=" + SimpleEvents.quoted(person.displayName()) + ":mailto:" + person.login()));
		return objects.put(calendar, uid + ".ics", object, person.accountId());
	}
}
