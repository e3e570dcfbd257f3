package de.schulhaus.calendar.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.calendar.internal.Bookings;
import de.schulhaus.calendar.internal.InvitationViews;
import de.schulhaus.calendar.internal.Rooms;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The dialog's "Raum / Ausstattung": the school's rooms and equipment to tick, the ticked ones for the
 * event's attendees, and a refused booking told in the dialog's words (which day and week, who has it).
 * An id that is no resource of the person's school is answered like a missing one.
 */
@Component
class EventRooms {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final Rooms rooms;
	private final AccountManagement accounts;
	private final MessageSource messages;

	EventRooms(Rooms rooms, AccountManagement accounts, MessageSource messages) {
		this.rooms = rooms;
		this.accounts = accounts;
		this.messages = messages;
	}

	/** What the dialog offers: every room and piece of equipment of the person's school. */
	List<Rooms.Room> offered(SchulhausUser user) {
		return user.schoolId() == null ? List.of() : rooms.list(user.schoolId());
	}

	/** The invitation with the form's rooms; the form without rooms leaves the event's as they are. */
	EventChanges.Invite book(SchulhausUser user, EventForm form, EventChanges.Invite invite) {
		if (form.raeume() == null) {
			return invite;
		}
		List<Rooms.Room> offered = offered(user);
		Map<UUID, Rooms.Room> byId = new HashMap<>();
		offered.forEach(r -> byId.put(r.id(), r));
		List<Rooms.Room> chosen = new ArrayList<>();
		for (String value : form.raeume()) {
			Rooms.Room room = byId.get(id(value));
			if (room == null) {
				throw new NotFoundException("room");
			}
			chosen.add(room);
		}
		return invite.withRooms(offered, chosen);
	}

	/** The ids of the school's resources the stored event (or the instance the dialog shows) books, for the dialog's ticks. */
	List<String> named(SchulhausUser user, String text, java.time.Instant instance) {
		Set<UUID> named = InvitationViews.roomsNamed(text, instance);
		return offered(user).stream().filter(r -> named.contains(r.id())).map(r -> r.id().toString()).toList();
	}

	/** "Computerraum ist am Dienstag, 15. Dezember 2026 (KW 51) von 08:00 bis 09:30 Uhr schon gebucht (Mathe 7b, Tina Tafel). …" */
	String refusal(SchulhausUser user, Bookings.Conflict conflict, Locale locale) {
		Bookings.Booking taken = conflict.existing();
		LocalDate day = conflict.start().atZone(CalendarFormats.ZONE).toLocalDate();
		String who = bookedBy(user, taken);
		List<String> holder = new ArrayList<>();
		if (taken.title() != null && !taken.title().isBlank()) {
			holder.add(taken.title());
		}
		if (!who.isBlank()) {
			holder.add(who);
		}
		return messages.getMessage("calendar.error.roomTakenOn", new Object[] { taken.resourceName(), new CalendarFormats(locale).day(day),
				String.valueOf(CalendarFormats.week(day)), TIME.format(taken.start().atZone(CalendarFormats.ZONE)),
				TIME.format(taken.end().atZone(CalendarFormats.ZONE)), String.join(", ", holder) }, locale);
	}

	/** The name of who booked it, empty when nobody of the school is known for it. */
	String bookedBy(SchulhausUser user, Bookings.Booking taken) {
		return taken.bookedBy() == null ? "" : accounts.names(user.schoolId(), Set.of(taken.bookedBy())).getOrDefault(taken.bookedBy(), "");
	}

	private static UUID id(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
