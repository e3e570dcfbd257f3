package de.schulhaus.calendar.dav;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.dav.DavElement;
import de.schulhaus.dav.DavException;

/**
 * A {@code CALDAV:prop-filter} of a calendar-query (RFC 4791 9.7.2): a property of the component is
 * there or not ({@code is-not-defined}), or its value contains a text ({@code text-match}, 9.7.5), as
 * clients ask to find an event by UID or by words of its summary.
 */
record PropertyFilter(String name, boolean undefined, String text, boolean caseless, boolean negate) {

	static PropertyFilter of(DavElement element) {
		String name = element.attribute("name").orElse("").toUpperCase(Locale.ROOT);
		if (name.isEmpty()) {
			throw new DavException(403, "A prop-filter names its property.", CalDav.caldav("valid-filter"), null);
		}
		if (element.children().isEmpty()) {
			return new PropertyFilter(name, false, null, false, false);
		}
		if (element.children().size() > 1) {
			throw new DavException(403, "This server filters a property by one test.", CalDav.caldav("supported-filter"), null);
		}
		DavElement test = element.children().get(0);
		if (test.is(CalDav.CALDAV, "is-not-defined")) {
			return new PropertyFilter(name, true, null, false, false);
		}
		if (!test.is(CalDav.CALDAV, "text-match")) {
			throw new DavException(403, "This server does not filter a property by " + test.name().getLocalPart() + ".", CalDav.caldav("supported-filter"),
					null);
		}
		String collation = test.attribute("collation").orElse("i;ascii-casemap");
		if (!collation.equals("i;ascii-casemap") && !collation.equals("i;octet")) {
			throw new DavException(403, "Texts are compared by i;ascii-casemap or i;octet.", CalDav.caldav("supported-collation"), null);
		}
		return new PropertyFilter(name, false, test.text(), collation.equals("i;ascii-casemap"),
				test.attribute("negate-condition").orElse("no").equalsIgnoreCase("yes"));
	}

	/** Whether reading the event's data is needed to decide (the UID is known without). */
	boolean needsData() {
		return !name.equals("UID");
	}

	boolean matches(CalendarObjects.Entry entry, String component) {
		List<String> values = name.equals("UID") ? List.of(entry.uid()) : values(entry.data(), component, name);
		if (undefined) {
			return values.isEmpty();
		}
		if (text == null) {
			return !values.isEmpty();
		}
		if (values.isEmpty()) {
			return false;
		}
		boolean contains = values.stream().anyMatch(v -> caseless ? fold(v).contains(fold(text)) : v.contains(text));
		return contains != negate;
	}

	private static String fold(String s) {
		return s.toLowerCase(Locale.ROOT);
	}

	/** The unescaped values of a property of the component (not of its alarms), the lines unfolded first. */
	static List<String> values(String data, String component, String property) {
		List<String> values = new ArrayList<>();
		String unfolded = data.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "");
		int depth = 0;
		boolean inside = false;
		for (String line : unfolded.split("\r?\n")) {
			String upper = line.toUpperCase(Locale.ROOT);
			if (upper.startsWith("BEGIN:")) {
				if (inside) {
					depth++;
				}
				else if (component == null || upper.equals("BEGIN:" + component)) {
					inside = !upper.equals("BEGIN:VCALENDAR") && !upper.equals("BEGIN:VTIMEZONE");
					depth = 0;
				}
				continue;
			}
			if (upper.startsWith("END:")) {
				if (inside && depth == 0) {
					inside = false;
				}
				else if (inside) {
					depth--;
				}
				continue;
			}
			if (!inside || depth > 0) {
				continue;
			}
			int colon = valueStart(line);
			if (colon < 0) {
				continue;
			}
			String head = upper.substring(0, colon);
			int semicolon = head.indexOf(';');
			if ((semicolon < 0 ? head : head.substring(0, semicolon)).equals(property)) {
				values.add(line.substring(colon + 1).replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";")
					.replace("\\\\", "\\"));
			}
		}
		return values;
	}

	/** The colon that ends the name and parameters: quoted parameter values may hold colons. */
	private static int valueStart(String line) {
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ':' && !quoted) {
				return i;
			}
		}
		return -1;
	}
}
