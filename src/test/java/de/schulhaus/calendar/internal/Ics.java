package de.schulhaus.calendar.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Calendar data for tests: fixtures as clients write them and small hand-made calendars. */
final class Ics {

	static final long LIMIT = 1_000_000;

	private Ics() {
	}

	static String fixture(String name) {
		try (InputStream in = Ics.class.getResourceAsStream("/calendar/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A VCALENDAR with the given component lines (BEGIN/END included), LF separated as people type them. */
	static String calendar(String... lines) {
		return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Schulhaus//Tests//DE\n" + String.join("\n", lines) + "\nEND:VCALENDAR\n";
	}

	/** A VCALENDAR with one VEVENT of the given properties. */
	static String event(String... properties) {
		return calendar("BEGIN:VEVENT\n" + String.join("\n", properties) + "\nEND:VEVENT");
	}

	static CalendarObject parse(String text) {
		return CalendarData.parse(stream(text), LIMIT);
	}

	static InputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}
}
