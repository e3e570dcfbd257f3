package de.schulhaus.calendar.internal;

import java.io.StringReader;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.Map;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ZoneRulesBuilder;
import net.fortuna.ical4j.model.component.VTimeZone;

/**
 * The zone rules behind the TZIDs of one VCALENDAR. An IANA name (also behind a prefix such as
 * Thunderbird's old "/mozilla.org/20050126_1/Europe/Berlin") uses Java's current rules, which are more
 * accurate than a client's VTIMEZONE; any other name (Outlook's "W. Europe Standard Time") needs its
 * VTIMEZONE in the data, read by ical4j.
 */
final class ZoneLookup {

	private final ICalDocument document;
	private final Map<String, ICalComponent> vtimezones = new HashMap<>();
	/** Filled as TZIDs are met; concurrent, since a parsed object is shared by the requests that read it (ParsedObjects). */
	private final Map<String, ZoneRules> resolved = new java.util.concurrent.ConcurrentHashMap<>();

	ZoneLookup(ICalDocument document, ICalComponent calendar) {
		this.document = document;
		for (ICalComponent component : calendar.components()) {
			if (component.name().equals("VTIMEZONE") && component.property("TZID") != null) {
				vtimezones.putIfAbsent(unquoted(component.value("TZID")), component);
			}
		}
	}

	/** The rules for the property's TZID; refused when the TZID is neither an IANA zone nor defined in the data. */
	ZoneRules rules(ICalProperty property) {
		String tzid = property.parameter("TZID");
		ZoneRules rules = tzid == null ? null : resolved.get(tzid);
		if (rules == null) {
			rules = iana(tzid);
			if (rules == null && tzid != null && vtimezones.containsKey(tzid)) {
				rules = fromVTimezone(tzid, property);
			}
			if (rules == null) {
				throw InvalidCalendarData.data(property, "has the unknown TZID \"" + tzid
						+ "\": it is no IANA time zone and the data has no VTIMEZONE for it");
			}
			resolved.put(tzid, rules);
		}
		return rules;
	}

	/** The IANA zone id behind a TZID, null when there is none. */
	static String ianaId(String tzid) {
		if (tzid == null || tzid.isBlank()) {
			return null;
		}
		String candidate = tzid;
		while (true) {
			try {
				return ZoneId.of(candidate).getId();
			} catch (DateTimeException e) {
				int slash = candidate.indexOf('/');
				if (slash < 0) {
					return null;
				}
				candidate = candidate.substring(slash + 1);
			}
		}
	}

	private static ZoneRules iana(String tzid) {
		String id = ianaId(tzid);
		return id == null ? null : ZoneId.of(id).getRules();
	}

	private ZoneRules fromVTimezone(String tzid, ICalProperty property) {
		String text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Schulhaus//Zone//EN\r\n"
				+ document.source(vtimezones.get(tzid)) + "END:VCALENDAR\r\n";
		try {
			VTimeZone vtimezone = new CalendarBuilder().build(new StringReader(text))
				.<VTimeZone>getComponent(Component.VTIMEZONE).orElseThrow();
			return new ZoneRulesBuilder().vTimeZone(vtimezone).build();
		} catch (Exception e) {
			throw InvalidCalendarData.data(property, "has the TZID \"" + tzid + "\" whose VTIMEZONE (line "
					+ vtimezones.get(tzid).firstLine() + ") cannot be read: " + e.getMessage());
		}
	}

	private static String unquoted(String value) {
		return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
	}
}
