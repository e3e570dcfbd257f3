package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.fortuna.ical4j.model.Calendar;

/** Answers to single occurrences: put on the occurrence the organiser's series has, never on one it has not. */
class InstanceAnswersTests {

	private static final String PAUL = "mailto:paul@schule.example";
	private static final Set<String> PAULS = Set.of(Attendees.key(PAUL));

	private static String series(String extra) {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\n"
				+ "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
				+ "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\n"
				+ "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
				+ "BEGIN:VEVENT\r\nUID:ag-1\r\nDTSTAMP:20261130T120000Z\r\nDTSTART;TZID=Europe/Berlin:20261203T150000\r\n"
				+ "DTEND;TZID=Europe/Berlin:20261203T163000\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\nSUMMARY:Theater-AG\r\n"
				+ "ORGANIZER:mailto:tina@schule.example\r\nATTENDEE;PARTSTAT=ACCEPTED:" + PAUL + "\r\nEND:VEVENT\r\n" + extra
				+ "END:VCALENDAR\r\n";
	}

	@Test
	void aDeclinedOccurrenceBecomesAnOverrideWithTheSeriesTimesOfThatDay() {
		String text = series("");
		Calendar organizer = Attendees.parse(text);
		Instant tenth = Instant.parse("2026-12-10T14:00:00Z");

		List<Instant> changed = InstanceAnswers.apply(organizer, text, PAULS, Map.of(tenth, "DECLINED"));

		assertThat(changed).containsExactly(tenth);
		String printed = Attendees.print(organizer);
		assertThat(printed).contains("RECURRENCE-ID;TZID=Europe/Berlin:20261210T150000").contains("DTSTART;TZID=Europe/Berlin:20261210T150000")
			.contains("DTEND;TZID=Europe/Berlin:20261210T163000");
		assertThat(InstanceAnswers.of(Attendees.parse(printed), PAULS)).containsExactly(Map.entry(tenth, "DECLINED"));
		assertThat(InstanceAnswers.ofSeries(Attendees.parse(printed), PAULS)).isEqualTo("ACCEPTED");
	}

	@Test
	void anOccurrenceTheSeriesDoesNotHaveAndAnAnswerLikeTheSeriesChangeNothing() {
		String text = series("");
		Calendar organizer = Attendees.parse(text);

		List<Instant> changed = InstanceAnswers.apply(organizer, text, PAULS, Map.of(
				Instant.parse("2026-12-11T14:00:00Z"), "DECLINED", // a Friday: the AG meets on Thursdays
				Instant.parse("2027-03-04T14:00:00Z"), "DECLINED", // after the tenth meeting
				Instant.parse("2026-12-17T14:00:00Z"), "ACCEPTED")); // what the series says already

		assertThat(changed).isEmpty();
		assertThat(Attendees.print(organizer)).doesNotContain("RECURRENCE-ID");
	}

	@Test
	void anOverrideTheOrganiserHasGetsTheAnswerOnItsOwnLine() {
		String moved = "BEGIN:VEVENT\r\nUID:ag-1\r\nDTSTAMP:20261130T120000Z\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261217T150000\r\n"
				+ "DTSTART;TZID=Europe/Berlin:20261218T150000\r\nDTEND;TZID=Europe/Berlin:20261218T163000\r\nSUMMARY:Theater-AG (Freitag)\r\n"
				+ "ORGANIZER:mailto:tina@schule.example\r\nATTENDEE;PARTSTAT=ACCEPTED:" + PAUL + "\r\nEND:VEVENT\r\n";
		String text = series(moved);
		Calendar organizer = Attendees.parse(text);
		Instant seventeenth = Instant.parse("2026-12-17T14:00:00Z");

		assertThat(InstanceAnswers.apply(organizer, text, PAULS, Map.of(seventeenth, "TENTATIVE"))).containsExactly(seventeenth);

		Calendar printed = Attendees.parse(Attendees.print(organizer));
		assertThat(ICalEvents.events(printed)).hasSize(2);
		assertThat(InstanceAnswers.of(printed, PAULS)).containsExactly(Map.entry(seventeenth, "TENTATIVE"));
		assertThat(InstanceAnswers.ofSeries(printed, PAULS)).isEqualTo("ACCEPTED");
	}
}
