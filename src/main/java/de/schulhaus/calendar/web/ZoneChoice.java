package de.schulhaus.calendar.web;

import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A zone the dialog offers: "America/New York – Nordamerikanische Ostküstenzeit". */
record ZoneChoice(String id, String label) {

	static ZoneChoice of(String id, Locale locale) {
		String name = ZoneId.of(id).getDisplayName(TextStyle.FULL, locale);
		String place = id.replace('_', ' ');
		return new ZoneChoice(id, name.equals(id) ? place : place + " – " + name);
	}

	/** The dialog's list, with the event's own zone added when a calendar program chose one that is not in it. */
	static List<ZoneChoice> offered(String chosen, Locale locale) {
		List<ZoneChoice> zones = new ArrayList<>();
		if (!EventForm.ZONES.contains(chosen) && EventForms.zone(chosen) != null) {
			zones.add(of(chosen, locale));
		}
		EventForm.ZONES.forEach(id -> zones.add(of(id, locale)));
		return zones;
	}
}
