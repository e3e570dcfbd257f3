package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** RFC 4791 9.9 time ranges [start, end) against single events, all-day events and series. */
class CalendarDataOverlapsTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static boolean overlaps(String text, String start, String end) {
		return CalendarData.overlaps(text, Instant.parse(start), Instant.parse(end), BERLIN);
	}

	private final String lesson = Ics.event("UID:l", "DTSTART:20260105T080000Z", "DTEND:20260105T090000Z");

	@Test
	void anEventEndingExactlyAtTheRangeStartDoesNotOverlap() {
		assertThat(overlaps(lesson, "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z")).isFalse();
		assertThat(overlaps(lesson, "2026-01-05T08:59:59Z", "2026-01-05T10:00:00Z")).isTrue();
	}

	@Test
	void anEventStartingExactlyAtTheRangeEndDoesNotOverlap() {
		assertThat(overlaps(lesson, "2026-01-05T07:00:00Z", "2026-01-05T08:00:00Z")).isFalse();
		assertThat(overlaps(lesson, "2026-01-05T07:00:00Z", "2026-01-05T08:00:01Z")).isTrue();
	}

	@Test
	void aZeroDurationEventAtTheRangeStartOverlaps() {
		String reminder = Ics.event("UID:z", "DTSTART:20260105T080000Z");

		assertThat(overlaps(reminder, "2026-01-05T08:00:00Z", "2026-01-05T09:00:00Z")).isTrue();
		assertThat(overlaps(reminder, "2026-01-05T07:00:00Z", "2026-01-05T08:00:00Z")).isFalse();
	}

	@Test
	void anAllDayEventCoversItsDayInTheGivenZone() {
		String day = Ics.event("UID:d", "DTSTART;VALUE=DATE:20260105", "DTEND;VALUE=DATE:20260106");

		assertThat(overlaps(day, "2026-01-04T22:00:00Z", "2026-01-04T23:00:00Z")).isFalse();
		assertThat(overlaps(day, "2026-01-05T22:30:00Z", "2026-01-05T23:30:00Z")).isTrue();
		assertThat(CalendarData.overlaps(day, Instant.parse("2026-01-04T22:00:00Z"), Instant.parse("2026-01-04T23:00:00Z"),
				ZoneId.of("UTC"))).isFalse();
		assertThat(CalendarData.overlaps(day, Instant.parse("2026-01-05T23:00:00Z"), Instant.parse("2026-01-05T23:30:00Z"),
				ZoneId.of("UTC"))).isTrue();
	}

	@Test
	void aSeriesOverlapsWhereAnInstanceIsAndNotBetween() {
		String series = Ics.fixture("thunderbird-weekly-lesson.ics");

		// Monday 19 October 2026, 08:00-09:30 CEST
		assertThat(overlaps(series, "2026-10-19T06:30:00Z", "2026-10-19T06:45:00Z")).isTrue();
		// Tuesday 20 October: no lesson
		assertThat(overlaps(series, "2026-10-20T00:00:00Z", "2026-10-20T22:00:00Z")).isFalse();
		// Monday 26 October after the change to winter time: 08:00 CET is 07:00Z
		assertThat(overlaps(series, "2026-10-26T06:00:00Z", "2026-10-26T07:00:00Z")).isFalse();
		assertThat(overlaps(series, "2026-10-26T07:00:00Z", "2026-10-26T07:01:00Z")).isTrue();
	}

	@Test
	void anExcludedAndAMovedInstanceAreNotWhereTheyWere() {
		String series = Ics.fixture("thunderbird-weekly-lesson.ics");

		// EXDATE Wednesday 1 April, 08:00 CEST
		assertThat(overlaps(series, "2026-04-01T06:00:00Z", "2026-04-01T07:30:00Z")).isFalse();
		// RECURRENCE-ID Wednesday 6 May, moved to Thursday 7 May 10:00-11:30 CEST
		assertThat(overlaps(series, "2026-05-06T06:00:00Z", "2026-05-06T07:30:00Z")).isFalse();
		assertThat(overlaps(series, "2026-05-07T08:00:00Z", "2026-05-07T09:30:00Z")).isTrue();
	}

	@Test
	void anEndlessSeriesOverlapsFarAheadWithoutExpandingEverything() {
		String daily = Ics.event("UID:daily", "DTSTART;TZID=Europe/Berlin:20200106T073000", "DURATION:PT15M", "RRULE:FREQ=DAILY");

		assertThat(overlaps(daily, "2099-03-02T06:00:00Z", "2099-03-02T06:31:00Z")).isTrue();
		assertThat(overlaps(daily, "2099-03-02T07:00:00Z", "2099-03-02T08:00:00Z")).isFalse();
	}

	@Test
	void aTaskWithoutDatesMatchesEveryRange() {
		String task = Ics.calendar("BEGIN:VTODO", "UID:t", "SUMMARY:Zeugnisse", "END:VTODO");

		assertThat(overlaps(task, "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z")).isTrue();
	}

	@Test
	void anOpenEndedRangeAsCalDavAllows() {
		assertThat(CalendarData.overlaps(lesson, Instant.parse("2026-01-05T08:30:00Z"), null, BERLIN)).isTrue();
		assertThat(CalendarData.overlaps(lesson, Instant.parse("2026-01-05T09:00:00Z"), null, BERLIN)).isFalse();
		assertThat(CalendarData.overlaps(lesson, null, Instant.parse("2026-01-05T08:00:01Z"), BERLIN)).isTrue();
		assertThat(CalendarData.overlaps(lesson, null, Instant.parse("2026-01-05T08:00:00Z"), BERLIN)).isFalse();
	}

	@Test
	void aTaskWithOnlyADueDateMatchesRangesEndingAtOrAfterIt() {
		String task = Ics.calendar("BEGIN:VTODO", "UID:t", "DUE:20260105T120000Z", "END:VTODO");

		assertThat(overlaps(task, "2026-01-05T11:00:00Z", "2026-01-05T12:00:00Z")).isTrue();
		assertThat(overlaps(task, "2026-01-05T12:00:00Z", "2026-01-05T13:00:00Z")).isFalse();
	}

	@Test
	void instancesOfASeriesWithoutItsMasterAreASeriesWithGapsBetween() {
		// an invitation to two dates of someone else's series: only the overridden instances are sent
		String invitation = Ics.calendar("BEGIN:VEVENT", "UID:s", "RECURRENCE-ID:20260105T080000Z", "DTSTART:20260105T080000Z",
				"DTEND:20260105T090000Z", "END:VEVENT", "BEGIN:VEVENT", "UID:s", "RECURRENCE-ID:20260302T080000Z",
				"DTSTART:20260302T080000Z", "DTEND:20260302T090000Z", "END:VEVENT");

		CalendarObject object = Ics.parse(invitation);

		assertThat(object.recurring()).isTrue();
		assertThat(object.start()).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
		assertThat(object.end()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
		assertThat(overlaps(invitation, "2026-02-01T00:00:00Z", "2026-02-28T00:00:00Z")).isFalse();
		assertThat(overlaps(invitation, "2026-03-02T08:30:00Z", "2026-03-02T08:31:00Z")).isTrue();
	}
}
