package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;

/**
 * A series' exceptions as its details show them, and undone: an excluded date (EXDATE) brought back, an
 * instance changed on its own (an override with RECURRENCE-ID) set back to the series. Everything else in the
 * data stays as a client left it; the series' SEQUENCE is bumped so that clients take the change.
 */
public final class SeriesExceptions {

	private SeriesExceptions() {
	}

	/**
	 * What a series leaves out and moves: the excluded dates (EXDATE) and the instances with an override of their own
	 * (RECURRENCE-ID), each by its original start, in order.
	 */
	public record Exceptions(List<Instant> excluded, List<Changed> changed, boolean allDay) {

		public boolean any() {
			return !excluded.isEmpty() || !changed.isEmpty();
		}
	}

	/** An instance changed on its own: where it went (start and end), its title, whether it was cancelled. */
	public record Changed(Instant recurrenceId, Instant start, Instant end, boolean allDay, String summary, boolean cancelled) {
	}

	public static Exceptions exceptions(String text) {
		Calendar calendar = ICalEvents.parse(text);
		VEvent master = ICalEvents.master(calendar);
		List<Instant> excluded = new ArrayList<>();
		for (Property exdate : master.getProperties("EXDATE")) {
			for (Object date : ((net.fortuna.ical4j.model.property.ExDate<?>) exdate).getDates()) {
				excluded.add(ICalEvents.instant((Temporal) date));
			}
		}
		List<Changed> changed = new ArrayList<>();
		for (VEvent event : ICalEvents.events(calendar)) {
			Optional<Property> recurrenceId = event.getProperty("RECURRENCE-ID");
			if (recurrenceId.isEmpty() || event.getProperty("DTSTART").isEmpty()) {
				continue;
			}
			DateProperty<?> start = EventDrafts.start(event);
			boolean allDay = start.getDate() instanceof java.time.LocalDate;
			java.time.ZoneId zone = EventDrafts.zone(event);
			LocalDateTime from = ICalEvents.local(start.getDate(), zone);
			LocalDateTime to = EventDrafts.end(event, from, allDay, zone);
			changed.add(new Changed(ICalEvents.instant(((DateProperty<?>) recurrenceId.get()).getDate()), ICalEvents.instant(start.getDate()),
					allDay ? to.atZone(ICalEvents.ZONE).toInstant() : to.atZone(zone).toInstant(), allDay, EventDrafts.text(event, "SUMMARY"),
					EventDrafts.text(event, "STATUS").strip().equalsIgnoreCase("CANCELLED")));
		}
		excluded.sort(null);
		changed.sort(java.util.Comparator.comparing(Changed::recurrenceId));
		return new Exceptions(List.copyOf(excluded), List.copyOf(changed), EventDrafts.start(master).getDate() instanceof java.time.LocalDate);
	}

	/** An excluded date of the series brought back: its value left out of EXDATE (a line without values goes). */
	public static String restore(String text, Instant excluded, Instant now) {
		Calendar calendar = ICalEvents.parse(text);
		VEvent master = ICalEvents.master(calendar);
		boolean found = false;
		for (Property exdate : List.<Property>copyOf(master.getProperties("EXDATE"))) {
			List<?> dates = ((net.fortuna.ical4j.model.property.ExDate<?>) exdate).getDates();
			String[] values = exdate.getValue().split(",");
			if (dates.size() != values.length) {
				continue;
			}
			List<String> kept = new ArrayList<>();
			for (int i = 0; i < values.length; i++) {
				if (ICalEvents.instant((Temporal) dates.get(i)).equals(excluded)) {
					found = true;
				}
				else {
					kept.add(values[i]);
				}
			}
			if (kept.size() != values.length) {
				master.remove(exdate);
				if (!kept.isEmpty()) {
					master.add(ICalEvents.property("EXDATE", exdate.getParameterList(), String.join(",", kept)));
				}
			}
		}
		if (!found) {
			throw new de.schulhaus.platform.NotFoundException("excluded date");
		}
		EventDrafts.touch(master, now);
		return ICalEvents.print(calendar);
	}

	/** An instance changed on its own set back to the series: its override removed. */
	public static String reset(String text, Instant recurrenceId, Instant now) {
		Calendar calendar = ICalEvents.parse(text);
		VEvent master = ICalEvents.master(calendar);
		VEvent override = ICalEvents.override(calendar, recurrenceId).orElseThrow(() -> new de.schulhaus.platform.NotFoundException("instance"));
		ICalEvents.removeEvents(calendar, e -> e == override);
		EventDrafts.touch(master, now);
		return ICalEvents.print(calendar);
	}
}
