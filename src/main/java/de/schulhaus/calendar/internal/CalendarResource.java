package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One validated calendar object resource (RFC 4791 4.1): a single VCALENDAR without METHOD whose
 * components of one type share one UID, at most one of them the master without RECURRENCE-ID, and the
 * overridden instances beside it.
 */
final class CalendarResource {

	private static final Set<String> TYPES = Set.of("VEVENT", "VTODO", "VJOURNAL");

	final ICalDocument document;
	final ICalComponent calendar;
	/** The text to store: the client's data, or for an imported object the VCALENDAR made for it. */
	final String text;
	final String uid;
	final String type;
	final ICalComponent master;
	final List<ICalComponent> overrides;
	final ZoneLookup zones;

	private CalendarResource(ICalDocument document, ICalComponent calendar, String text, String uid, String type,
			ICalComponent master, List<ICalComponent> overrides) {
		this.document = document;
		this.calendar = calendar;
		this.text = text;
		this.uid = uid;
		this.type = type;
		this.master = master;
		this.overrides = overrides;
		this.zones = new ZoneLookup(document, calendar);
	}

	static CalendarResource of(String text) {
		ICalDocument document = ICalReader.parse(text);
		if (document.calendars().size() != 1) {
			throw InvalidCalendarData.object("The data has " + document.calendars().size()
					+ " VCALENDARs; a calendar object resource has exactly one");
		}
		ICalComponent calendar = document.calendars().get(0);
		checkVersion(calendar);
		ICalProperty method = calendar.property("METHOD");
		if (method != null) {
			throw InvalidCalendarData.object("METHOD (line " + method.line()
					+ ") is not allowed in a calendar object resource (RFC 4791 4.1)");
		}
		return of(document, calendar, calendar.components(), text);
	}

	/**
	 * The resource of the given components of a parsed calendar (VTIMEZONEs among them are skipped: the
	 * calendar's are used), stored as the given text; an import makes one per UID.
	 */
	static CalendarResource of(ICalDocument document, ICalComponent calendar, List<ICalComponent> components, String text) {
		String type = null;
		String uid = null;
		ICalComponent master = null;
		List<ICalComponent> overrides = new ArrayList<>();
		Set<String> recurrenceIds = new HashSet<>();
		for (ICalComponent component : components) {
			String name = component.name();
			if (name.equals("VTIMEZONE") || name.startsWith("X-")) {
				continue;
			}
			if (!TYPES.contains(name)) {
				throw new InvalidCalendarData(InvalidCalendarData.SUPPORTED_COMPONENT,
						name + " (line " + component.firstLine() + ") is not supported; only VEVENT, VTODO and VJOURNAL are");
			}
			if (type != null && !type.equals(name)) {
				throw InvalidCalendarData.object("The data mixes " + type + " and " + name + " (line " + component.firstLine()
						+ "); a calendar object resource has one component type");
			}
			type = name;
			String componentUid = uidOf(component);
			if (uid != null && !uid.equals(componentUid)) {
				throw InvalidCalendarData.object("The data has two UIDs, \"" + uid + "\" and \"" + componentUid + "\" (line "
						+ component.property("UID").line() + "); a calendar object resource has one");
			}
			uid = componentUid;
			ICalProperty recurrenceId = component.property("RECURRENCE-ID");
			if (recurrenceId == null) {
				if (master != null) {
					throw InvalidCalendarData.object(name + " (line " + component.firstLine()
							+ ") is a second component without RECURRENCE-ID for the same UID");
				}
				master = component;
			} else {
				if (!recurrenceIds.add(recurrenceId.value())) {
					throw InvalidCalendarData.object("RECURRENCE-ID (line " + recurrenceId.line() + ") " + recurrenceId.value()
							+ " occurs twice");
				}
				overrides.add(component);
			}
		}
		if (type == null) {
			throw InvalidCalendarData.object("The data has no VEVENT, VTODO or VJOURNAL");
		}
		CalendarResource resource = new CalendarResource(document, calendar, text, uid, type, master, overrides);
		for (ICalComponent component : resource.components()) {
			ComponentRules.check(component, resource.zones);
		}
		return resource;
	}

	static void checkVersion(ICalComponent calendar) {
		ICalProperty version = calendar.property("VERSION");
		if (version == null) {
			throw InvalidCalendarData.data("VERSION is missing; iCalendar data needs VERSION:2.0");
		}
		if (!version.value().trim().equals("2.0")) {
			throw InvalidCalendarData.data(version, "is \"" + version.value() + "\"; only 2.0 is supported");
		}
	}

	static String uidOf(ICalComponent component) {
		List<ICalProperty> uids = component.properties("UID");
		if (uids.isEmpty() || uids.get(0).value().isBlank()) {
			throw InvalidCalendarData.object("UID is missing (" + component.name() + " at line " + component.firstLine() + ")");
		}
		if (uids.size() > 1) {
			throw InvalidCalendarData.object("UID (line " + uids.get(1).line() + ") occurs twice in one " + component.name());
		}
		return uids.get(0).value();
	}

	/** The master (if any) first, then the overridden instances. */
	List<ICalComponent> components() {
		List<ICalComponent> components = new ArrayList<>();
		if (master != null) {
			components.add(master);
		}
		components.addAll(overrides);
		return components;
	}

	/** A series: RRULE or RDATE, or instances of a series (RECURRENCE-ID), such as an invitation to two of its dates. */
	boolean recurring() {
		return !overrides.isEmpty() || master != null && (master.property("RRULE") != null || master.property("RDATE") != null);
	}

	/** The SUMMARY of the master, else of the first overridden instance; null when there is none. */
	String summary() {
		ICalProperty summary = components().get(0).property("SUMMARY");
		return summary == null ? null : summary.text();
	}

	/** The instances of this resource that overlap [from, to), as {@link Instances} expands them. */
	Instances.Result instances(Instant from, Instant to, ZoneId floating, int wanted) {
		return Instances.of(this, from, to, floating, wanted);
	}
}
