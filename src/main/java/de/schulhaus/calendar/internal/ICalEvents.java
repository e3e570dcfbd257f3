package de.schulhaus.calendar.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.DateProperty;

/**
 * Reading and writing events with ical4j's model for the web's dialog: parse stored text, find the
 * series and its moved instances, write times in the form the series already uses, print folded text.
 */
final class ICalEvents {

	static final ZoneId ZONE = CalendarData.SCHOOL_ZONE;
	static final String TZID = "Europe/Berlin";
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
	// today's rules only: ical4j's own definition carries a century of history and a TZURL
	private static final String BERLIN = """
			BEGIN:VCALENDAR\r
			VERSION:2.0\r
			PRODID:-//Schulhaus//Kalender//DE\r
			BEGIN:VTIMEZONE\r
			TZID:Europe/Berlin\r
			BEGIN:DAYLIGHT\r
			TZOFFSETFROM:+0100\r
			TZOFFSETTO:+0200\r
			TZNAME:CEST\r
			DTSTART:19810329T020000\r
			RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
			END:DAYLIGHT\r
			BEGIN:STANDARD\r
			TZOFFSETFROM:+0200\r
			TZOFFSETTO:+0100\r
			TZNAME:CET\r
			DTSTART:19961027T030000\r
			RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
			END:STANDARD\r
			END:VTIMEZONE\r
			END:VCALENDAR\r
			""";

	private ICalEvents() {
	}

	static Calendar parse(String text) {
		try {
			return new CalendarBuilder().build(new StringReader(text));
		}
		catch (IOException | ParserException | RuntimeException e) {
			throw InvalidCalendarData.data("The stored data cannot be edited here: " + e.getMessage());
		}
	}

	static String print(Calendar calendar) {
		StringWriter out = new StringWriter();
		try {
			new CalendarOutputter(false).output(calendar, out);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toString();
	}

	static List<VEvent> events(Calendar calendar) {
		return calendar.getComponents().stream().filter(VEvent.class::isInstance).map(VEvent.class::cast).toList();
	}

	/** The series (or the single event): the VEVENT without RECURRENCE-ID. */
	static VEvent master(Calendar calendar) {
		return events(calendar).stream().filter(e -> e.getProperty("RECURRENCE-ID").isEmpty()).findFirst()
			.orElseThrow(() -> InvalidCalendarData.object("The data has no event to edit"));
	}

	static Optional<VEvent> override(Calendar calendar, Instant recurrenceId) {
		return events(calendar).stream().filter(e -> e.getProperty("RECURRENCE-ID")
			.map(p -> recurrenceId.equals(instant(((DateProperty<?>) p).getDate()))).orElse(false)).findFirst();
	}

	/**
	 * A new override of one occurrence of the series: a copy of the master with the RECURRENCE-ID and the
	 * master's DTSTART/DTEND moved to that occurrence (spelled like the master's), without the recurrence rules.
	 */
	static VEvent occurrence(VEvent master, Instant recurrenceId) {
		VEvent instance = master.copy();
		instance.removeAll("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "DTSTART", "DTEND");
		DateProperty<?> start = (DateProperty<?>) master.getProperty("DTSTART").orElseThrow(() -> InvalidCalendarData.object("The event has no start"));
		instance.add(like("RECURRENCE-ID", start, recurrenceId));
		instance.add(like("DTSTART", start, recurrenceId));
		Optional<Property> end = master.getProperty("DTEND");
		if (end.isPresent()) {
			java.time.Duration length = java.time.Duration.between(instant(start.getDate()), instant(((DateProperty<?>) end.get()).getDate()));
			instance.add(like("DTEND", (DateProperty<?>) end.get(), recurrenceId.plus(length)));
		}
		return instance;
	}

	static void ensureBerlin(Calendar calendar) {
		ensureZone(calendar, ZONE);
	}

	/** The VTIMEZONE of a zone the dialog wrote times in, added unless the data has one by that TZID. */
	static void ensureZone(Calendar calendar, ZoneId zone) {
		String tzid = zone.getId();
		boolean present = calendar.getComponents().stream().filter(VTimeZone.class::isInstance)
			.anyMatch(z -> z.getProperty("TZID").map(p -> tzid.equals(p.getValue())).orElse(false));
		if (!present) {
			String definition = tzid.equals(TZID) ? BERLIN : VTimezones.of(tzid);
			if (definition == null) {
				throw InvalidCalendarData.data("No VTIMEZONE can be written for " + tzid);
			}
			if (!definition.startsWith("BEGIN:VCALENDAR")) {
				definition = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" + EventDrafts.PRODID + "\r\n" + definition + "END:VCALENDAR\r\n";
			}
			VTimeZone timezone = (VTimeZone) parse(definition).getComponents().get(0);
			List<CalendarComponent> components = new java.util.ArrayList<>(calendar.getComponents());
			components.add(0, timezone);
			calendar.setComponentList(new ComponentList<>(components));
		}
	}

	/** The IANA zone a date property's TZID names (also behind a prefix such as Thunderbird's); null for UTC, floating, dates and other names. */
	static ZoneId zoneOf(DateProperty<?> property) {
		Optional<Parameter> tzid = property.getParameter("TZID");
		if (tzid.isEmpty() || !(property.getDate() instanceof ZonedDateTime)) {
			return null;
		}
		String id = ZoneLookup.ianaId(tzid.get().getValue());
		return id == null ? null : ZoneId.of(id);
	}

	/** A wall-clock time in the given zone; dates and floating times as they are written. */
	static LocalDateTime local(Temporal value, ZoneId zone) {
		if (value instanceof LocalDate || value instanceof LocalDateTime) {
			return local(value);
		}
		return instant(value).atZone(zone).toLocalDateTime();
	}

	static void removeComponents(Component parent, java.util.function.Predicate<Component> which) {
		if (parent instanceof VEvent event) {
			event.setComponentList(new ComponentList<>(event.getComponentList().getAll().stream().filter(which.negate()).toList()));
		}
	}

	static void removeEvents(Calendar calendar, java.util.function.Predicate<VEvent> which) {
		calendar.setComponentList(new ComponentList<>(calendar.getComponents().stream()
			.filter(c -> !(c instanceof VEvent e && which.test(e))).map(CalendarComponent.class::cast).toList()));
	}

	/** A wall-clock time in the school's zone for any DATE or DATE-TIME value; floating times are taken as the school's. */
	static LocalDateTime local(Temporal value) {
		if (value instanceof LocalDate date) {
			return date.atStartOfDay();
		}
		if (value instanceof LocalDateTime local) {
			return local;
		}
		return instant(value).atZone(ZONE).toLocalDateTime();
	}

	static Instant instant(Temporal value) {
		if (value instanceof ZonedDateTime zoned) {
			return zoned.toInstant();
		}
		if (value instanceof OffsetDateTime offset) {
			return offset.toInstant();
		}
		if (value instanceof Instant instant) {
			return instant;
		}
		return local(value).atZone(ZONE).toInstant();
	}

	/** A date property (DTSTART, DTEND) in the given zone, or as dates for an all-day event. */
	static Property dateProperty(String name, LocalDateTime time, boolean allDay, ZoneId zone) {
		return allDay ? property(name, new ParameterList(List.of(Value.DATE)), DATE.format(time))
				: property(name, new ParameterList(List.of(new TzId(zone.getId()))), LOCAL.format(time));
	}

	/** A date property (RECURRENCE-ID, EXDATE) for an instant, written like the series' DTSTART. */
	static Property like(String name, DateProperty<?> start, Instant instant) {
		Temporal value = start.getDate();
		if (value instanceof LocalDate) {
			return property(name, new ParameterList(List.of(Value.DATE)), DATE.format(instant.atZone(ZONE)));
		}
		if (value instanceof LocalDateTime) {
			return property(name, new ParameterList(), LOCAL.format(instant.atZone(ZONE)));
		}
		Optional<Parameter> tzid = start.getParameter("TZID");
		if (tzid.isPresent() && value instanceof ZonedDateTime zoned) {
			try {
				return property(name, new ParameterList(List.of(tzid.get())), LOCAL.format(instant.atZone(zoned.getZone())));
			}
			catch (RuntimeException unknownToTheRegistry) {
				// a zone only the data defines: UTC says the same instant
			}
		}
		return property(name, new ParameterList(), UTC.format(instant));
	}

	static String utc(Instant instant) {
		return UTC.format(instant);
	}

	static String date(LocalDate date) {
		return DATE.format(date);
	}

	static Property property(String name, ParameterList parameters, String value) {
		return switch (name) {
			case "DTSTART" -> new net.fortuna.ical4j.model.property.DtStart<>(parameters, value);
			case "DTEND" -> new net.fortuna.ical4j.model.property.DtEnd<>(parameters, value);
			case "RECURRENCE-ID" -> new net.fortuna.ical4j.model.property.RecurrenceId<>(parameters, value);
			case "EXDATE" -> new net.fortuna.ical4j.model.property.ExDate<>(parameters, value);
			default -> throw new IllegalArgumentException(name);
		};
	}
}
