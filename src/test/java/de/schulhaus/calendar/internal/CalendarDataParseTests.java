package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What is stored for the data clients send: UID, component, time span, summary and the text itself. */
class CalendarDataParseTests {

	@Test
	void aThunderbirdSeriesSpansFromItsFirstToItsLastLessonWithTheMovedOneIncluded() {
		String text = Ics.fixture("thunderbird-weekly-lesson.ics");

		CalendarObject object = Ics.parse(text);

		assertThat(object.uid()).isEqualTo("6b1c2f0e-5c3a-4d7e-9f21-0a8e4b7d1c11");
		assertThat(object.component()).isEqualTo("VEVENT");
		assertThat(object.recurring()).isTrue();
		assertThat(object.summary()).isEqualTo("Mathematik 7b (Doppelstunde)");
		// 08:00 CET on 2 March; the last lesson on Monday 30 November ends 09:30 CET
		assertThat(object.start()).isEqualTo(Instant.parse("2026-03-02T07:00:00Z"));
		assertThat(object.end()).isEqualTo(Instant.parse("2026-11-30T08:30:00Z"));
		assertThat(object.text()).isEqualTo(text);
	}

	@Test
	void anAppleAllDayTripCoversItsDaysInBerlin() {
		CalendarObject object = Ics.parse(Ics.fixture("apple-allday-trip.ics"));

		assertThat(object.start()).isEqualTo(Instant.parse("2026-10-06T22:00:00Z"));
		assertThat(object.end()).isEqualTo(Instant.parse("2026-10-09T22:00:00Z"));
		assertThat(object.recurring()).isFalse();
		assertThat(object.summary()).isEqualTo("Klassenfahrt 9a nach Xanten");
	}

	@Test
	void aDavx5EventInUtcKeepsItsTimes() {
		CalendarObject object = Ics.parse(Ics.fixture("davx5-conference.ics"));

		assertThat(object.start()).isEqualTo(Instant.parse("2026-11-12T14:15:00Z"));
		assertThat(object.end()).isEqualTo(Instant.parse("2026-11-12T16:00:00Z"));
	}

	@Test
	void lineEndingsBecomeCrlfAndFoldedLinesAreUnfolded() {
		CalendarObject object = Ics.parse(Ics.event("UID:fold-1", "DTSTAMP:20260101T000000Z", "DTSTART:20260105T080000Z",
				"SUMMARY:Elternabend der Klasse 5a mit Wahl der Klassenpflegschaft und I", " nformationen zur Klassenfahrt"));

		assertThat(object.summary())
			.isEqualTo("Elternabend der Klasse 5a mit Wahl der Klassenpflegschaft und Informationen zur Klassenfahrt");
		assertThat(object.text()).contains("\r\nSUMMARY:Elternabend").doesNotContain("I\n").endsWith("END:VCALENDAR\r\n");
		assertThat(object.text().replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
	}

	@Test
	void textIsUtf8AndUnescaped() {
		CalendarObject object = Ics.parse(Ics.event("UID:utf8", "DTSTART:20260105T080000Z",
				"SUMMARY:Schülerinnen und Schüler\\, Lehrkräfte: Übergabe 🎓"));

		assertThat(object.summary()).isEqualTo("Schülerinnen und Schüler, Lehrkräfte: Übergabe 🎓");
	}

	@Test
	void aLongSummaryIsCutTo200Characters() {
		CalendarObject object = Ics.parse(Ics.event("UID:long", "DTSTART:20260105T080000Z", "SUMMARY:" + "x".repeat(500)));

		assertThat(object.summary()).hasSize(200);
	}

	@Test
	void aTimedEventWithoutEndIsAnInstantAndAnAllDayOneWithoutEndIsOneDay() {
		CalendarObject timed = Ics.parse(Ics.event("UID:t", "DTSTART;TZID=Europe/Berlin:20260105T080000"));
		CalendarObject day = Ics.parse(Ics.event("UID:d", "DTSTART;VALUE=DATE:20260105"));

		assertThat(timed.start()).isEqualTo(Instant.parse("2026-01-05T07:00:00Z")).isEqualTo(timed.end());
		assertThat(day.start()).isEqualTo(Instant.parse("2026-01-04T23:00:00Z"));
		assertThat(day.end()).isEqualTo(Instant.parse("2026-01-05T23:00:00Z"));
	}

	@Test
	void aFloatingTimeIsTakenInBerlin() {
		CalendarObject object = Ics.parse(Ics.event("UID:f", "DTSTART:20260705T080000", "DURATION:PT45M"));

		assertThat(object.start()).isEqualTo(Instant.parse("2026-07-05T06:00:00Z"));
		assertThat(object.end()).isEqualTo(Instant.parse("2026-07-05T06:45:00Z"));
	}

	@Test
	void anEndlessSeriesHasNoEndAndACountedOneEndsWithItsLastInstance() {
		CalendarObject endless = Ics.parse(Ics.event("UID:e", "DTSTART;TZID=Europe/Berlin:20260105T080000",
				"DURATION:PT1H", "RRULE:FREQ=DAILY"));
		CalendarObject counted = Ics.parse(Ics.event("UID:c", "DTSTART;TZID=Europe/Berlin:20260105T080000",
				"DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=3"));

		assertThat(endless.end()).isNull();
		assertThat(endless.start()).isEqualTo(Instant.parse("2026-01-05T07:00:00Z"));
		assertThat(counted.end()).isEqualTo(Instant.parse("2026-01-19T08:00:00Z"));
	}

	@Test
	void aSeriesTooLongToExpandCountsAsUnbounded() {
		CalendarObject object = Ics.parse(Ics.event("UID:huge", "DTSTART:20260105T080000Z", "RRULE:FREQ=HOURLY;COUNT=5000000"));

		assertThat(object.end()).isNull();
	}

	@Test
	void aTaskWithoutDatesHasNoSpan() {
		CalendarObject task = Ics.parse(Ics.calendar("BEGIN:VTODO", "UID:todo-1", "DTSTAMP:20260101T000000Z",
				"SUMMARY:Zeugnisse drucken", "END:VTODO"));

		assertThat(task.component()).isEqualTo("VTODO");
		assertThat(task.start()).isNull();
		assertThat(task.end()).isNull();
	}

	@Test
	void anOutlookZoneNameWorksWithItsVTimezone() {
		CalendarObject object = Ics.parse(Ics.calendar("BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time", "BEGIN:STANDARD",
				"DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
				"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD", "BEGIN:DAYLIGHT", "DTSTART:16010101T020000",
				"TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
				"END:VTIMEZONE", "BEGIN:VEVENT", "UID:outlook-1", "DTSTART;TZID=W. Europe Standard Time:20260615T080000",
				"DTEND;TZID=W. Europe Standard Time:20260615T090000", "END:VEVENT"));

		assertThat(object.start()).isEqualTo(Instant.parse("2026-06-15T06:00:00Z"));
		assertThat(object.end()).isEqualTo(Instant.parse("2026-06-15T07:00:00Z"));
	}
}
