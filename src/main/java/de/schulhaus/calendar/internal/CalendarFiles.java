package de.schulhaus.calendar.internal;

import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * .ics files of many objects: a calendar's export as one VCALENDAR, and an imported file split into
 * calendar object resources, one per UID, each with the VTIMEZONEs its TZIDs need (made from Java's
 * rules for an IANA zone the data names without defining). Components are copied line by line as they
 * were written.
 */
final class CalendarFiles {

	static final String PRODID = "-//Schulhaus//Kalender 1.0//DE";

	private CalendarFiles() {
	}

	static void export(Iterable<String> texts, String calendarName, Writer out) {
		ICalWriter writer = new ICalWriter(out);
		writer.line("BEGIN:VCALENDAR").line("VERSION:2.0").line("PRODID:" + PRODID).line("CALSCALE:GREGORIAN");
		if (calendarName != null && !calendarName.isBlank()) {
			writer.line("X-WR-CALNAME:" + ICalWriter.text(calendarName));
		}
		Set<String> zonesWritten = new HashSet<>();
		for (String text : texts) {
			ICalDocument document = ICalReader.parse(ICalReader.withCrlf(text));
			for (ICalComponent calendar : document.calendars()) {
				// each object's VTIMEZONEs before its components, and each TZID once
				Set<String> used = new LinkedHashSet<>();
				for (ICalComponent component : calendar.components()) {
					if (component.name().equals("VTIMEZONE")) {
						if (zonesWritten.add(component.value("TZID"))) {
							writer.raw(document.source(component));
						}
					} else {
						collectTzids(component, used);
					}
				}
				for (String tzid : used) {
					String generated = zonesWritten.contains(tzid) ? null : VTimezones.of(tzid);
					if (generated != null) {
						writer.raw(generated);
						zonesWritten.add(tzid);
					}
				}
				for (ICalComponent component : calendar.components()) {
					if (!component.name().equals("VTIMEZONE")) {
						writer.raw(document.source(component));
					}
				}
			}
		}
		writer.line("END:VCALENDAR");
	}

	static List<CalendarObject> split(String text) {
		ICalDocument document = ICalReader.parse(text);
		Map<String, List<ICalComponent>> byUid = new LinkedHashMap<>();
		Map<String, ICalComponent> calendarOf = new LinkedHashMap<>();
		Map<String, ICalComponent> zones = new LinkedHashMap<>();
		for (ICalComponent calendar : document.calendars()) {
			CalendarResource.checkVersion(calendar);
			for (ICalComponent component : calendar.components()) {
				if (component.name().equals("VTIMEZONE")) {
					zones.putIfAbsent(component.value("TZID"), component);
				} else if (!component.name().startsWith("X-")) {
					String uid = CalendarResource.uidOf(component);
					byUid.computeIfAbsent(uid, u -> new ArrayList<>()).add(component);
					calendarOf.putIfAbsent(uid, calendar);
				}
			}
		}
		List<CalendarObject> objects = new ArrayList<>();
		for (Map.Entry<String, List<ICalComponent>> entry : byUid.entrySet()) {
			ICalComponent calendar = calendarOf.get(entry.getKey());
			String objectText = objectText(document, calendar, entry.getValue(), zones);
			objects.add(CalendarData.object(CalendarResource.of(document, calendar, entry.getValue(), objectText)));
		}
		return objects;
	}

	private static String objectText(ICalDocument document, ICalComponent calendar, List<ICalComponent> components,
			Map<String, ICalComponent> zones) {
		StringBuilder text = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
		String prodid = calendar.value("PRODID");
		text.append("PRODID:").append(prodid == null ? PRODID : prodid).append("\r\n");
		Set<String> tzids = new LinkedHashSet<>();
		components.forEach(component -> collectTzids(component, tzids));
		for (String tzid : tzids) {
			ICalComponent zone = zones.get(tzid);
			String generated = zone == null ? VTimezones.of(tzid) : null;
			if (zone != null) {
				text.append(document.source(zone));
			} else if (generated != null) {
				text.append(generated);
			}
		}
		components.forEach(component -> text.append(document.source(component)));
		return text.append("END:VCALENDAR\r\n").toString();
	}

	private static void collectTzids(ICalComponent component, Set<String> tzids) {
		for (ICalProperty property : component.properties()) {
			String tzid = property.parameter("TZID");
			if (tzid != null) {
				tzids.add(tzid);
			}
		}
		component.components().forEach(sub -> collectTzids(sub, tzids));
	}
}
