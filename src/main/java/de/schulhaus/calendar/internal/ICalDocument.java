package de.schulhaus.calendar.internal;

import java.util.List;

/**
 * iCalendar text as received (CRLF line endings) and the VCALENDARs parsed from it; a component's
 * source lines can be copied out unchanged, folding and all.
 */
record ICalDocument(String text, List<String> lines, List<ICalComponent> calendars) {

	/** The component's lines from BEGIN to END, each ending in CRLF. */
	String source(ICalComponent component) {
		StringBuilder source = new StringBuilder();
		for (int line = component.firstLine(); line <= component.lastLine(); line++) {
			if (!lines.get(line - 1).isEmpty()) {
				source.append(lines.get(line - 1)).append("\r\n");
			}
		}
		return source.toString();
	}
}
