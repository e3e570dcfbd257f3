package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The next alarm of an event: relative and absolute triggers, DST, series, overridden instances. */
class AlarmsTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static String alarm(String trigger) {
		return "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:x\n" + trigger + "\nEND:VALARM";
	}

	private static Alarms.Due next(String text, String notBefore) {
		return Alarms.next(text, Instant.parse(notBefore), BERLIN).orElse(null);
	}

	@Test
	void fifteenMinutesBeforeAnEventInBerlin() {
		String text = Ics.calendar("BEGIN:VEVENT", "UID:a", "DTSTAMP:20261101T000000Z", "SUMMARY:Konferenz",
				"DTSTART;TZID=Europe/Berlin:20261203T150000", "DTEND;TZID=Europe/Berlin:20261203T160000", alarm("TRIGGER:-PT15M"), "END:VEVENT");
		Alarms.Due due = next(text, "2026-12-01T00:00:00Z");
		assertThat(due.at()).isEqualTo(Instant.parse("2026-12-03T13:45:00Z"));
		assertThat(due.start()).isEqualTo(Instant.parse("2026-12-03T14:00:00Z"));
		assertThat(due.summary()).isEqualTo("Konferenz");
		assertThat(due.recurrenceId()).isNull();
		// rung: nothing after it
		assertThat(next(text, "2026-12-03T13:45:01Z")).isNull();
	}

	@Test
	void noAlarmNoDue() {
		String text = Ics.event("UID:a", "DTSTAMP:20261101T000000Z", "DTSTART:20261203T150000Z");
		assertThat(next(text, "2026-12-01T00:00:00Z")).isNull();
	}

	@Test
	void emailAlarmsAreNotReminders() {
		String text = Ics.calendar("BEGIN:VEVENT", "UID:a", "DTSTAMP:20261101T000000Z", "DTSTART:20261203T150000Z",
				"BEGIN:VALARM\nACTION:EMAIL\nSUMMARY:x\nDESCRIPTION:x\nATTENDEE:mailto:a@example.org\nTRIGGER:-PT15M\nEND:VALARM", "END:VEVENT");
		assertThat(next(text, "2026-12-01T00:00:00Z")).isNull();
	}

	@Test
	void weeklySeriesKeepsItsWallClockAcrossTheSpringChange() {
		// Monday 08:00 in Berlin; on 29 March 2027 clocks go forward
		String text = Ics.calendar("BEGIN:VEVENT", "UID:w", "DTSTAMP:20261101T000000Z", "SUMMARY:Teamsitzung",
				"DTSTART;TZID=Europe/Berlin:20270322T080000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY", alarm("TRIGGER:-PT15M"), "END:VEVENT");
		Alarms.Due before = next(text, "2027-03-22T00:00:00Z");
		assertThat(before.at()).isEqualTo(Instant.parse("2027-03-22T06:45:00Z"));
		assertThat(before.recurrenceId()).isEqualTo(Instant.parse("2027-03-22T07:00:00Z"));
		Alarms.Due after = next(text, before.at().plusSeconds(1).toString());
		assertThat(after.at()).isEqualTo(Instant.parse("2027-03-29T05:45:00Z"));
		assertThat(after.start()).isEqualTo(Instant.parse("2027-03-29T06:00:00Z"));
	}

	@Test
	void aDayBeforeIsANominalDayOnTheWallClock() {
		// 10:00 on Sunday 28 March 2027, the day clocks go forward; a day before is 10:00 on Saturday, 25 hours earlier
		String text = Ics.calendar("BEGIN:VEVENT", "UID:d", "DTSTAMP:20261101T000000Z",
				"DTSTART;TZID=Europe/Berlin:20270328T100000", "DURATION:PT1H", alarm("TRIGGER:-P1D"), "END:VEVENT");
		assertThat(next(text, "2027-03-01T00:00:00Z").at()).isEqualTo(Instant.parse("2027-03-27T09:00:00Z"));
	}

	@Test
	void relatedToTheEnd() {
		String text = Ics.calendar("BEGIN:VEVENT", "UID:e", "DTSTAMP:20261101T000000Z",
				"DTSTART:20261203T140000Z", "DTEND:20261203T160000Z", alarm("TRIGGER;RELATED=END:-PT10M"), "END:VEVENT");
		assertThat(next(text, "2026-12-01T00:00:00Z").at()).isEqualTo(Instant.parse("2026-12-03T15:50:00Z"));
	}

	@Test
	void absoluteTriggerRingsOnce() {
		String text = Ics.calendar("BEGIN:VEVENT", "UID:f", "DTSTAMP:20261101T000000Z", "SUMMARY:Elternabend",
				"DTSTART;TZID=Europe/Berlin:20261210T190000", "RRULE:FREQ=WEEKLY;COUNT=3",
				"BEGIN:VALARM\nACTION:AUDIO\nTRIGGER;VALUE=DATE-TIME:20261209T170000Z\nEND:VALARM", "END:VEVENT");
		assertThat(next(text, "2026-12-01T00:00:00Z").at()).isEqualTo(Instant.parse("2026-12-09T17:00:00Z"));
		assertThat(next(text, "2026-12-09T17:00:01Z")).isNull();
	}

	@Test
	void allDayEventRemindsTheEveningBefore() {
		String text = Ics.calendar("BEGIN:VEVENT", "UID:g", "DTSTAMP:20261101T000000Z", "SUMMARY:Wandertag",
				"DTSTART;VALUE=DATE:20261204", alarm("TRIGGER:-PT6H"), "END:VEVENT");
		Alarms.Due due = next(text, "2026-12-01T00:00:00Z");
		// midnight in Berlin is 23:00 UTC the day before
		assertThat(due.at()).isEqualTo(Instant.parse("2026-12-03T17:00:00Z"));
		assertThat(due.allDay()).isTrue();
	}

	@Test
	void excludedAndMovedInstancesOfASeries() {
		String text = Ics.calendar("BEGIN:VEVENT", "UID:s", "DTSTAMP:20261101T000000Z", "SUMMARY:AG",
				"DTSTART;TZID=Europe/Berlin:20261201T140000", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=5",
				"EXDATE;TZID=Europe/Berlin:20261202T140000", alarm("TRIGGER:-PT30M"), "END:VEVENT",
				"BEGIN:VEVENT", "UID:s", "DTSTAMP:20261101T000000Z", "SUMMARY:AG (verlegt)", "RECURRENCE-ID;TZID=Europe/Berlin:20261203T140000",
				"DTSTART;TZID=Europe/Berlin:20261203T160000", "DURATION:PT1H", alarm("TRIGGER:-PT5M"), "END:VEVENT");
		// after the first: the 2nd is excluded, the 3rd moved to 16:00 with its own alarm
		Alarms.Due due = next(text, "2026-12-01T12:30:01Z");
		assertThat(due.at()).isEqualTo(Instant.parse("2026-12-03T14:55:00Z"));
		assertThat(due.summary()).isEqualTo("AG (verlegt)");
		assertThat(due.recurrenceId()).isEqualTo(Instant.parse("2026-12-03T13:00:00Z"));
		assertThat(next(text, "2026-12-03T14:55:01Z").at()).isEqualTo(Instant.parse("2026-12-04T12:30:00Z"));
		assertThat(next(text, "2026-12-05T12:30:01Z")).isNull();
	}

	@Test
	void yearlySeriesFindsNextYearsAlarm() {
		String text = Ics.calendar("BEGIN:VEVENT", "UID:y", "DTSTAMP:20261101T000000Z", "SUMMARY:Schulfest",
				"DTSTART;VALUE=DATE:20260620", "RRULE:FREQ=YEARLY", alarm("TRIGGER:-P7D"), "END:VEVENT");
		assertThat(next(text, "2026-12-01T00:00:00Z").at()).isEqualTo(Instant.parse("2027-06-12T22:00:00Z"));
	}

	@Test
	void aDailySeriesFromTheMiddle() {
		String text = Ics.calendar("BEGIN:VEVENT", "UID:m", "DTSTAMP:20261101T000000Z", "SUMMARY:Sprechstunde",
				"DTSTART;TZID=Europe/Berlin:20450301T080000", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=5", alarm("TRIGGER:-PT15M"), "END:VEVENT");
		assertThat(next(text, "2045-03-03T07:15:00Z").at()).isEqualTo(Instant.parse("2045-03-04T06:45:00Z"));
		assertThat(next(text, "2045-03-04T06:45:01Z").at()).isEqualTo(Instant.parse("2045-03-05T06:45:00Z"));
		// stored years before it begins
		assertThat(next(text, "2026-12-01T00:00:00Z").at()).isEqualTo(Instant.parse("2045-03-01T06:45:00Z"));
	}
}
