package de.schulhaus.calendar.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;

/**
 * What a room's deletion does to the events that booked it: they stay where they are (the lessons and meetings
 * still happen, and other people may be invited to them), lose the room as an attendee, so nothing refers to a
 * room that is gone and a calendar program sees the change at its next sync, and whoever booked an occurrence
 * still to come is told under the bell. The place the event names stays as the booker wrote it.
 */
@Component
class RoomRemoval {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(ZoneId.of("Europe/Berlin"));

	private final JdbcClient jdbc;
	private final Calendars calendars;
	private final CalendarObjects objects;
	private final Notifications notifications;

	RoomRemoval(JdbcClient jdbc, Calendars calendars, CalendarObjects objects, Notifications notifications) {
		this.jdbc = jdbc;
		this.calendars = calendars;
		this.objects = objects;
		this.notifications = notifications;
	}

	private record Booked(UUID calendarId, String name, UUID bookedBy, Instant next) {
	}

	/** Runs in the deletion's transaction, before the room's row (and with it its bookings) goes. */
	void releaseEvents(Rooms.Room room, Instant now) {
		Map<String, Booked> events = new LinkedHashMap<>();
		jdbc.sql("""
				select calendar_id, object_name, booked_by, starts_at, ends_at from calendar_booking
				where school_id = :school and resource_id = :room order by starts_at""")
			.param("school", room.schoolId()).param("room", room.id())
			.query(rs -> {
				UUID calendar = rs.getObject(1, UUID.class);
				String name = rs.getString(2);
				Instant start = rs.getObject(4, java.time.OffsetDateTime.class).toInstant();
				Instant end = rs.getObject(5, java.time.OffsetDateTime.class).toInstant();
				Booked known = events.get(calendar + "/" + name);
				Instant next = known != null && known.next() != null ? known.next() : end.isAfter(now) ? start : null;
				events.put(calendar + "/" + name, new Booked(calendar, name, rs.getObject(3, UUID.class), next));
			});
		for (Booked booked : events.values()) {
			Optional<Calendar> calendar = calendars.stored(room.schoolId(), booked.calendarId());
			Optional<CalendarObjects.Entry> entry = calendar.flatMap(c -> objects.find(c, booked.name()));
			if (entry.isEmpty()) {
				continue;
			}
			String text = withoutAttendee(entry.get().data(), room.address());
			CalendarObject object = CalendarData.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE);
			// the booker stays the one who booked the other rooms the event may name
			objects.put(calendar.get(), booked.name(), object, booked.bookedBy());
			if (booked.bookedBy() != null && booked.next() != null) {
				String link = "/kalender/" + booked.calendarId() + "/termin?name=" + java.net.URLEncoder.encode(booked.name(), StandardCharsets.UTF_8);
				String title = object.summary() == null || object.summary().isBlank() ? "…" : object.summary();
				notifications.notify(room.schoolId(), booked.bookedBy(), Notification.of("calendar.room-removed", "calendar.notification.roomRemoved",
						link, room.name(), title, DAY.format(booked.next())));
			}
		}
	}

	/** The event's text without the ATTENDEE lines that name this address (in every VEVENT: the series and its moved instances). */
	static String withoutAttendee(String text, String address) {
		net.fortuna.ical4j.model.Calendar ical = ICalEvents.parse(text);
		for (VEvent event : ICalEvents.events(ical)) {
			List<Property> gone = event.getProperties("ATTENDEE").stream().filter(p -> Attendees.key(p.getValue()).equals(Attendees.key(address))).toList();
			gone.forEach(event::remove);
		}
		return ICalEvents.print(ical);
	}
}
