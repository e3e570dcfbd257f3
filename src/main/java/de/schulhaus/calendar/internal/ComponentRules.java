package de.schulhaus.calendar.internal;

import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.List;

import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * The checks of one VEVENT, VTODO or VJOURNAL that keep the data usable: its times can be read (with
 * known TZIDs), end after start, its RRULE can be expanded without an endless or second-by-second series.
 */
final class ComponentRules {

	/** Compares floating times and dates for the order check; which zone does not matter there. */
	private static final ZoneId ORDER = ZoneId.of("Europe/Berlin");

	private ComponentRules() {
	}

	static void check(ICalComponent component, ZoneLookup zones) {
		ICalTime start = single(component, "DTSTART", zones);
		ICalTime end = single(component, "DTEND", zones);
		ICalTime due = single(component, "DUE", zones);
		ICalProperty duration = component.property("DURATION");
		if (start == null && component.name().equals("VEVENT")) {
			throw InvalidCalendarData.data("DTSTART is missing in VEVENT (line " + component.firstLine() + ")");
		}
		ICalProperty finish = end != null ? component.property("DTEND") : due != null ? component.property("DUE") : null;
		if (finish != null && duration != null) {
			throw InvalidCalendarData.data(duration, "and " + finish.name() + " (line " + finish.line()
					+ ") are both given; only one of them is allowed");
		}
		if (duration != null) {
			if (start == null) {
				throw InvalidCalendarData.data(duration, "needs a DTSTART");
			}
			if (ICalValues.duration(duration).negative()) {
				throw InvalidCalendarData.data(duration, "is negative");
			}
		}
		ICalTime last = end != null ? end : due;
		if (start != null && last != null) {
			if (start.allDay() != last.allDay()) {
				throw InvalidCalendarData.data(finish, "is " + (last.allDay() ? "a date" : "a date-time") + " but DTSTART is "
						+ (start.allDay() ? "a date" : "a date-time"));
			}
			if (last.instant(ORDER).isBefore(start.instant(ORDER))) {
				throw InvalidCalendarData.data(finish, "is before DTSTART");
			}
		}
		single(component, "RECURRENCE-ID", zones);
		for (String list : List.of("RDATE", "EXDATE")) {
			for (ICalProperty property : component.properties(list)) {
				ICalValues.times(property, zones);
			}
		}
		List<ICalProperty> rrules = component.properties("RRULE");
		if (rrules.size() > 1) {
			throw InvalidCalendarData.data(rrules.get(1), "is a second RRULE; only one is supported");
		}
		if (!rrules.isEmpty()) {
			if (start == null) {
				throw InvalidCalendarData.data(rrules.get(0), "needs a DTSTART");
			}
			recur(rrules.get(0));
		}
	}

	private static ICalTime single(ICalComponent component, String name, ZoneLookup zones) {
		List<ICalProperty> properties = component.properties(name);
		if (properties.size() > 1) {
			throw InvalidCalendarData.data(properties.get(1), "occurs twice in one " + component.name());
		}
		return properties.isEmpty() ? null : ICalValues.time(properties.get(0), zones);
	}

	/** The RRULE, strictly parsed; refused when broken, when second- or minute-wise, or with COUNT and UNTIL. */
	static Recur<Temporal> recur(ICalProperty rrule) {
		Recur<Temporal> recur;
		try {
			recur = new Recur<>(rrule.value(), false);
		} catch (RuntimeException e) {
			throw InvalidCalendarData.data(rrule, "is invalid: " + e.getMessage());
		}
		Frequency frequency = recur.getFrequency();
		if (frequency == Frequency.SECONDLY || frequency == Frequency.MINUTELY) {
			throw InvalidCalendarData.data(rrule, "FREQ=" + frequency + " is not supported");
		}
		if (recur.getCount() != -1 && recur.getCount() < 1) {
			throw InvalidCalendarData.data(rrule, "has COUNT=" + recur.getCount() + "; COUNT must be at least 1");
		}
		if (recur.getCount() >= 1 && recur.getUntil() != null) {
			throw InvalidCalendarData.data(rrule, "has both COUNT and UNTIL; only one is allowed");
		}
		if (recur.getInterval() != -1 && recur.getInterval() < 1) {
			throw InvalidCalendarData.data(rrule, "has INTERVAL=" + recur.getInterval() + "; INTERVAL must be at least 1");
		}
		return recur;
	}
}
