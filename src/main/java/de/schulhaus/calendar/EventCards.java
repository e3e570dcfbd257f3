package de.schulhaus.calendar;

import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import de.schulhaus.calendar.internal.BusyOnly;
import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.calendar.internal.EventDraft;
import de.schulhaus.calendar.internal.EventDrafts;
import de.schulhaus.platform.SchulhausUser;

/**
 * What another module may show of an event a link points at (a chat message's card): only for a person who sees the
 * event's calendar, and never of a private event the person sees only as busy. The link's own page checks again.
 */
@Service
public class EventCards {

	private final Calendars calendars;
	private final CalendarObjects objects;

	EventCards(Calendars calendars, CalendarObjects objects) {
		this.calendars = calendars;
		this.objects = objects;
	}

	/**
	 * An event as a card shows it.
	 *
	 * @param start the start in the event's own clock (its first date for a series)
	 * @param href the address of its page, relative to the platform's address
	 */
	public record EventCard(String title, boolean allDay, LocalDateTime start, String calendarName, String href) {
	}

	/** The event {@code name} of calendar {@code calendarId} if the person may read it; empty for everything else alike. */
	public Optional<EventCard> card(SchulhausUser person, UUID calendarId, String name) {
		if (person == null || person.schoolId() == null || calendarId == null || name == null || name.isBlank()) {
			return Optional.empty();
		}
		Optional<Calendar> calendar = calendars.visibleTo(person).stream().filter(c -> c.id().equals(calendarId)).findFirst();
		return calendar.flatMap(c -> objects.find(c, name).filter(e -> "VEVENT".equals(e.component())).filter(e -> !BusyOnly.hides(c, e, person))
			.map(e -> {
				EventDraft draft = EventDrafts.read(e.data(), null).draft();
				return new EventCard(draft.summary(), draft.allDay(), draft.start(), c.name(),
						"/kalender/" + c.id() + "/termin?name=" + org.springframework.web.util.UriUtils.encodeQueryParam(name, java.nio.charset.StandardCharsets.UTF_8));
			}));
	}
}
