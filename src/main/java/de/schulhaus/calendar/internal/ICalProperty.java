package de.schulhaus.calendar.internal;

import java.util.Map;

/**
 * One content line of iCalendar data after unfolding: the name in upper case, its parameters (names in
 * upper case, the first value of each), the raw value (TEXT still escaped) and its physical line.
 */
record ICalProperty(String name, Map<String, String> parameters, String value, int line) {

	/** The parameter's value without surrounding quotes; null when absent. */
	String parameter(String parameterName) {
		String value = parameters.get(parameterName);
		if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

	/** The value with TEXT escapes (RFC 5545 3.3.11) resolved. */
	String text() {
		StringBuilder text = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				char next = value.charAt(++i);
				text.append(next == 'n' || next == 'N' ? '\n' : next);
			} else {
				text.append(c);
			}
		}
		return text.toString();
	}
}
