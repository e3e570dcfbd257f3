package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Occurrences as the calendar views show them: Berlin wall-clock times across DST, exceptions, moved instances. */
class CalendarDataOccurrencesTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
	private static final String LESSON = Ics.fixture("thunderbird-weekly-lesson.ics");

	private static List<Occurrence> occurrences(String text, String from, String to) {
		return CalendarData.occurrences(text, Instant.parse(from), Instant.parse(to), BERLIN, 1000);
	}

	private static List<Instant> starts(List<Occurrence> occurrences) {
		return occurrences.stream().map(Occurrence::start).toList();
	}

	@Test
	void aWeeklyLessonStaysAtEightInBerlinAcrossTheChangeToSummerTime() {
		List<Occurrence> march = occurrences(LESSON, "2026-03-23T00:00:00Z", "2026-04-05T00:00:00Z");

		// 08:00 CET = 07:00Z until Sunday 29 March, then 08:00 CEST = 06:00Z; Wednesday 1 April is excluded
		assertThat(starts(march)).containsExactly(Instant.parse("2026-03-23T07:00:00Z"), Instant.parse("2026-03-25T07:00:00Z"),
				Instant.parse("2026-03-30T06:00:00Z"));
		assertThat(march.get(2).end()).isEqualTo(Instant.parse("2026-03-30T07:30:00Z"));
		assertThat(march).allSatisfy(o -> assertThat(o.start().atZone(BERLIN).getHour()).isEqualTo(8));
	}

	@Test
	void aWeeklyLessonStaysAtEightInBerlinAcrossTheChangeToWinterTime() {
		List<Occurrence> october = occurrences(LESSON, "2026-10-19T00:00:00Z", "2026-10-29T00:00:00Z");

		assertThat(starts(october)).containsExactly(Instant.parse("2026-10-19T06:00:00Z"), Instant.parse("2026-10-21T06:00:00Z"),
				Instant.parse("2026-10-26T07:00:00Z"), Instant.parse("2026-10-28T07:00:00Z"));
		assertThat(october).allSatisfy(o -> {
			assertThat(o.uid()).isEqualTo("6b1c2f0e-5c3a-4d7e-9f21-0a8e4b7d1c11");
			assertThat(o.summary()).isEqualTo("Mathematik 7b (Doppelstunde)");
			assertThat(o.location()).isEqualTo("Raum 204");
			assertThat(o.recurrenceId()).isEqualTo(o.start());
			assertThat(o.allDay()).isFalse();
		});
	}

	@Test
	void aMovedLessonIsAtItsNewTimeAndNotAtItsOld() {
		List<Occurrence> week = occurrences(LESSON, "2026-05-04T00:00:00Z", "2026-05-09T00:00:00Z");

		assertThat(starts(week)).containsExactly(Instant.parse("2026-05-04T06:00:00Z"), Instant.parse("2026-05-07T08:00:00Z"));
		Occurrence moved = week.get(1);
		assertThat(moved.summary()).isEqualTo("Mathematik 7b (verlegt)");
		assertThat(moved.location()).isEqualTo("Raum 112");
		assertThat(moved.end()).isEqualTo(Instant.parse("2026-05-07T09:30:00Z"));
		assertThat(moved.recurrenceId()).isEqualTo(Instant.parse("2026-05-06T06:00:00Z"));
	}

	@Test
	void theWholeSeriesHasItsLessonsUntilTheLastMondayOfNovember() {
		List<Occurrence> all = occurrences(LESSON, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");

		// 40 Mondays and 39 Wednesdays from 2 March to 30 November, one Wednesday excluded
		assertThat(all).hasSize(78);
		assertThat(all.get(0).start()).isEqualTo(Instant.parse("2026-03-02T07:00:00Z"));
		assertThat(all.get(77).start()).isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
	}

	@Test
	void countAndUntilEndASeries() {
		String counted = Ics.event("UID:c", "DTSTART;TZID=Europe/Berlin:20260105T080000", "RRULE:FREQ=DAILY;COUNT=5");
		String until = Ics.event("UID:u", "DTSTART;TZID=Europe/Berlin:20260105T080000", "RRULE:FREQ=DAILY;UNTIL=20260109T070000Z");

		assertThat(occurrences(counted, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")).hasSize(5);
		assertThat(occurrences(counted, "2026-01-08T00:00:00Z", "2027-01-01T00:00:00Z")).hasSize(2);
		assertThat(starts(occurrences(until, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"))).hasSize(5)
			.endsWith(Instant.parse("2026-01-09T07:00:00Z"));
	}

	@Test
	void theThirtyFirstOfEachMonthSkipsShorterMonths() {
		String monthly = Ics.event("UID:m", "DTSTART;TZID=Europe/Berlin:20260131T120000", "DURATION:PT1H",
				"RRULE:FREQ=MONTHLY;BYMONTHDAY=31");

		List<Occurrence> year = occurrences(monthly, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");

		assertThat(year).extracting(o -> o.start().atZone(BERLIN).toLocalDate()).containsExactly(LocalDate.of(2026, 1, 31),
				LocalDate.of(2026, 3, 31), LocalDate.of(2026, 5, 31), LocalDate.of(2026, 7, 31), LocalDate.of(2026, 8, 31),
				LocalDate.of(2026, 10, 31), LocalDate.of(2026, 12, 31));
	}

	@Test
	void aYearlyAllDayEventIsOnItsDateEachYear() {
		String yearly = Ics.event("UID:y", "DTSTART;VALUE=DATE:20241003", "DTEND;VALUE=DATE:20241004", "SUMMARY:Tag der Deutschen Einheit",
				"RRULE:FREQ=YEARLY");

		List<Occurrence> years = occurrences(yearly, "2026-01-01T00:00:00Z", "2029-01-01T00:00:00Z");

		assertThat(years).extracting(o -> o.start().atZone(BERLIN).toLocalDate()).containsExactly(LocalDate.of(2026, 10, 3),
				LocalDate.of(2027, 10, 3), LocalDate.of(2028, 10, 3));
		assertThat(years).allSatisfy(o -> {
			assertThat(o.allDay()).isTrue();
			assertThat(o.start().atZone(BERLIN).getHour()).isZero();
			assertThat(Duration.between(o.start(), o.end())).isEqualTo(Duration.ofHours(24));
		});
	}

	@Test
	void aLeapDayComesEveryFourYears() {
		String leap = Ics.event("UID:leap", "DTSTART;VALUE=DATE:20240229", "RRULE:FREQ=YEARLY");

		assertThat(occurrences(leap, "2024-01-01T00:00:00Z", "2034-01-01T00:00:00Z"))
			.extracting(o -> o.start().atZone(BERLIN).toLocalDate())
			.containsExactly(LocalDate.of(2024, 2, 29), LocalDate.of(2028, 2, 29), LocalDate.of(2032, 2, 29));
	}

	@Test
	void aRuleWithYearsBetweenItsInstancesIsNotGivenUpEarly() {
		// four years of days without an instance: more than ical4j gives up after unless configured (ical4j.properties)
		String leap = Ics.event("UID:leap-daily", "DTSTART:20240229T090000Z", "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29");

		assertThat(occurrences(leap, "2025-01-01T00:00:00Z", "2034-01-01T00:00:00Z")).extracting(Occurrence::start)
			.containsExactly(Instant.parse("2028-02-29T09:00:00Z"), Instant.parse("2032-02-29T09:00:00Z"));
	}

	@Test
	void anAllDayEventStartsAtMidnightOfTheZone() {
		List<Occurrence> trip = occurrences(Ics.fixture("apple-allday-trip.ics"), "2026-10-01T00:00:00Z", "2026-10-31T00:00:00Z");

		assertThat(trip).singleElement().satisfies(o -> {
			assertThat(o.allDay()).isTrue();
			assertThat(o.start()).isEqualTo(Instant.parse("2026-10-06T22:00:00Z"));
			assertThat(o.end()).isEqualTo(Instant.parse("2026-10-09T22:00:00Z"));
			assertThat(o.recurrenceId()).isNull();
		});
	}

	@Test
	void aFloatingTimeIsTheSameWallClockInEveryZone() {
		String floating = Ics.event("UID:f", "DTSTART:20260105T080000", "DTEND:20260105T090000");
		Instant from = Instant.parse("2026-01-04T00:00:00Z");
		Instant to = Instant.parse("2026-01-06T00:00:00Z");

		assertThat(CalendarData.occurrences(floating, from, to, BERLIN, 10)).singleElement()
			.satisfies(o -> assertThat(o.start()).isEqualTo(Instant.parse("2026-01-05T07:00:00Z")));
		assertThat(CalendarData.occurrences(floating, from, to, ZoneId.of("UTC"), 10)).singleElement()
			.satisfies(o -> assertThat(o.start()).isEqualTo(Instant.parse("2026-01-05T08:00:00Z")));
	}

	@Test
	void rdatesAddInstances() {
		String extra = Ics.event("UID:r", "DTSTART;TZID=Europe/Berlin:20260105T080000", "RRULE:FREQ=WEEKLY;COUNT=2",
				"RDATE;TZID=Europe/Berlin:20260107T100000,20260108T100000");

		assertThat(starts(occurrences(extra, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"))).containsExactly(
				Instant.parse("2026-01-05T07:00:00Z"), Instant.parse("2026-01-07T09:00:00Z"), Instant.parse("2026-01-08T09:00:00Z"),
				Instant.parse("2026-01-12T07:00:00Z"));
	}

	@Test
	void anEndlessDailySeriesOverTenYearsIsCutAtTheLimitQuickly() {
		String daily = Ics.event("UID:d", "DTSTART;TZID=Europe/Berlin:20200106T073000", "DURATION:PT15M", "RRULE:FREQ=DAILY");
		Instant from = Instant.parse("2026-01-01T00:00:00Z");
		Instant to = Instant.parse("2036-01-01T00:00:00Z");
		CalendarData.occurrences(daily, from, to, BERLIN, 1);

		List<Occurrence> first = assertTimeoutPreemptively(Duration.ofSeconds(1),
				() -> CalendarData.occurrences(daily, from, to, BERLIN, 50));
		List<Occurrence> all = assertTimeoutPreemptively(Duration.ofSeconds(1),
				() -> CalendarData.occurrences(daily, from, to, BERLIN, 100_000));

		assertThat(first).hasSize(50);
		assertThat(first.get(0).start()).isEqualTo(Instant.parse("2026-01-01T06:30:00Z"));
		assertThat(all).hasSize(3652);
		assertThat(all.get(3651).start().atZone(BERLIN).toLocalDate()).isEqualTo(LocalDate.of(2035, 12, 31));
	}

	@Test
	void anHourlySeriesOverCenturiesIsBoundedWhateverTheLimit() {
		String hourly = Ics.event("UID:h", "DTSTART:20260101T000000Z", "RRULE:FREQ=HOURLY");

		List<Occurrence> bounded = CalendarData.occurrences(hourly, Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2226-01-01T00:00:00Z"), BERLIN, Integer.MAX_VALUE);

		assertThat(bounded).hasSizeLessThanOrEqualTo(Instances.MAX_CANDIDATES).isNotEmpty();
	}
}
