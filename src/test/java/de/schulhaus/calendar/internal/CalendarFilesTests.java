package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Export of a calendar as one .ics file and import of such files, one object per UID. */
class CalendarFilesTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static List<CalendarObject> split(String text) {
		return CalendarData.split(Ics.stream(text), Ics.LIMIT);
	}

	private static int count(String text, String part) {
		return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
	}

	@Test
	void aGoogleExportWithThreeEventsAndAMovedInstanceGivesThreeObjects() {
		List<CalendarObject> objects = split(Ics.fixture("google-export-school-year.ics"));

		assertThat(objects).extracting(CalendarObject::uid).containsExactly("schuljahresbeginn-2026@example.org",
				"ag-robotik@example.org", "elternsprechtag-2026@example.org");
		CalendarObject robotics = objects.get(1);
		assertThat(robotics.recurring()).isTrue();
		assertThat(count(robotics.text(), "BEGIN:VEVENT")).isEqualTo(2);
		assertThat(robotics.text()).contains("RECURRENCE-ID;TZID=Europe/Berlin:20260928T140000")
			.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin").doesNotContain("METHOD");
		// ten Mondays from 14 September 2026, 14:00 CEST, the last ends 30 November 17:00 CET
		assertThat(robotics.start()).isEqualTo(Instant.parse("2026-09-14T12:00:00Z"));
		assertThat(robotics.end()).isEqualTo(Instant.parse("2026-11-16T16:00:00Z"));
		assertThat(objects.get(0).text()).doesNotContain("VTIMEZONE");
		assertThat(objects.get(2).summary()).isEqualTo("Elternsprechtag");
	}

	@Test
	void eachSplitObjectIsAValidResourceOnItsOwn() {
		for (CalendarObject object : split(Ics.fixture("google-export-school-year.ics"))) {
			CalendarObject again = Ics.parse(object.text());

			assertThat(again).isEqualTo(object);
		}
	}

	@Test
	void anExportHasEachTimeZoneOnceAndSplitsBackIntoTheSameObjects() {
		List<String> stored = new java.util.ArrayList<>();
		stored.add(Ics.fixture("thunderbird-weekly-lesson.ics"));
		split(Ics.fixture("google-export-school-year.ics")).forEach(o -> stored.add(o.text()));
		stored.add(Ics.fixture("davx5-conference.ics"));
		StringWriter out = new StringWriter();

		CalendarData.export(stored, "Klasse 7b; Termine, Klausuren", out);

		String ics = out.toString();
		assertThat(ics).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").endsWith("END:VCALENDAR\r\n")
			.contains("X-WR-CALNAME:Klasse 7b\\; Termine\\, Klausuren\r\n");
		assertThat(count(ics, "BEGIN:VTIMEZONE")).isEqualTo(1);
		assertThat(count(ics, "BEGIN:VCALENDAR")).isEqualTo(1);
		List<CalendarObject> back = split(ics);
		assertThat(back).extracting(CalendarObject::uid).containsExactly("6b1c2f0e-5c3a-4d7e-9f21-0a8e4b7d1c11",
				"schuljahresbeginn-2026@example.org", "ag-robotik@example.org", "elternsprechtag-2026@example.org",
				"4d1a0e5c-77f1-4a55-b0e1-52d0a83f3b10");
		assertThat(back.get(0).text()).contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin");
		assertThat(back.get(2).text()).contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin");
		assertThat(back.get(4).text()).doesNotContain("VTIMEZONE");
		Instant from = Instant.parse("2026-01-01T00:00:00Z");
		Instant to = Instant.parse("2027-01-01T00:00:00Z");
		assertThat(CalendarData.occurrences(back.get(0).text(), from, to, BERLIN, 1000))
			.isEqualTo(CalendarData.occurrences(stored.get(0), from, to, BERLIN, 1000));
	}

	@Test
	void exportedLinesAreFoldedAtSeventyFiveOctets() {
		StringWriter out = new StringWriter();

		CalendarData.export(List.of(), "Förderverein der Gesamtschule – Termine für Schülerinnen und Schüler, Lehrkräfte und Eltern",
				out);

		assertThat(out.toString().split("\r\n")).allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length)
			.isLessThanOrEqualTo(75));
		assertThat(Ics.parse(Ics.event("UID:x", "DTSTART:20260105T080000Z")).uid()).isEqualTo("x");
		assertThat(out.toString().replace("\r\n ", "")).contains("Termine für Schülerinnen und Schüler\\, Lehrkräfte und Eltern");
	}

	@Test
	void aFileOverTheLimitIsRefused() {
		InvalidCalendarData refused = catchThrowableOfType(
				() -> CalendarData.split(Ics.stream(Ics.fixture("google-export-school-year.ics")), 1000), InvalidCalendarData.class);

		assertThat(refused.precondition()).isEqualTo("max-resource-size");
	}

	@Test
	void aFileWithABrokenEventIsRefusedNamingItsLine() {
		String broken = Ics.fixture("google-export-school-year.ics").replace("RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO",
				"RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MONTAG");

		InvalidCalendarData refused = catchThrowableOfType(() -> split(broken), InvalidCalendarData.class);

		assertThat(refused.precondition()).isEqualTo("valid-calendar-data");
		assertThat(refused.getMessage()).startsWith("RRULE (line 41)");
	}
}
