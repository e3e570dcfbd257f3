package de.schulhaus.calendar.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import de.schulhaus.calendar.internal.BusyOnly;
import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.CalendarData;
import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.calendar.internal.InvalidCalendarData;
import de.schulhaus.calendar.internal.Occurrence;
import de.schulhaus.platform.SchulhausUser;

/**
 * The occurrences the views show: the events of all shown calendars read in one query, recurrences
 * expanded within the range (each object bounded, whatever its rule).
 */
@Component
class CalendarEvents {

	private static final Logger log = LoggerFactory.getLogger(CalendarEvents.class);
	/** At most this many occurrences of one object in one view: a daily event over a month needs 31. */
	private static final int PER_OBJECT = 400;

	private final CalendarObjects objects;

	CalendarEvents(CalendarObjects objects) {
		this.objects = objects;
	}

	/**
	 * @param all the calendars the person sees, in the order that gives their colours
	 * @param hidden ids of those switched off
	 * @param busy the title of private events the person only reads ({@link BusyOnly})
	 */
	List<Chip> between(SchulhausUser person, List<Calendar> all, Set<String> hidden, Instant from, Instant to, String busy) {
		List<Calendar> shown = all.stream().filter(c -> !hidden.contains(c.id().toString())).toList();
		if (shown.isEmpty()) {
			return List.of();
		}
		Map<UUID, List<CalendarObjects.Entry>> entries = objects.candidates(shown, "VEVENT", from, to, true);
		List<Chip> chips = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			Calendar calendar = all.get(i);
			for (CalendarObjects.Entry entry : entries.getOrDefault(calendar.id(), List.of())) {
				try {
					String title = BusyOnly.hides(calendar, entry, person) ? busy : null;
					for (Occurrence occurrence : CalendarData.occurrences(entry, from, to, CalendarFormats.ZONE, PER_OBJECT)) {
						chips.add(new Chip(calendar, i, entry.name(), occurrence, title));
					}
				}
				catch (InvalidCalendarData ex) {
					// stored before a rule got stricter: the view goes on without it
					log.warn("calendar object {} of calendar {} cannot be shown: {}", entry.name(), calendar.id(), ex.getMessage());
				}
			}
		}
		chips.sort(Comparator.comparing((Chip c) -> !c.allDay()).thenComparing(Chip::start).thenComparing(Chip::title));
		return chips;
	}
}
