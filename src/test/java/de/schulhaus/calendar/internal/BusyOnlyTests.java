package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/** What of a private event is left for those who may see it only as busy. */
class BusyOnlyTests {

	private static final String SERIES = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
			+ "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
			+ "END:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:gespraech-1\r\nDTSTAMP:20261101T100000Z\r\nCLASS:PRIVATE\r\n"
			+ "DTSTART;TZID=Europe/Berlin:20261203T160000\r\nDTEND;TZID=Europe/Berlin:20261203T170000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
			+ "EXDATE;TZID=Europe/Berlin:20261210T160000\r\nSUMMARY:Gespräch Familie Meyer\r\nLOCATION:Raum 12\r\n"
			+ "DESCRIPTION:Versetzung gefährdet\\, bitte Akte mitbringen\r\nORGANIZER;CN=Tina Tafel:mailto:tina@schule.example\r\n"
			+ "ATTENDEE;CN=Maria Meyer:mailto:meyer@example.org\r\nATTACH;FILENAME=akte.pdf:https://schule.example/dateien/1\r\n"
			+ "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Gespräch\r\nTRIGGER:-PT10M\r\nEND:VALARM\r\nEND:VEVENT\r\n"
			+ "BEGIN:VEVENT\r\nUID:gespraech-1\r\nDTSTAMP:20261101T100000Z\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261217T160000\r\n"
			+ "DTSTART;TZID=Europe/Berlin:20261217T180000\r\nDTEND;TZID=Europe/Berlin:20261217T190000\r\nSUMMARY:Gespräch (verschoben)\r\n"
			+ "END:VEVENT\r\nEND:VCALENDAR\r\n";

	@Test
	void theTimesRecurrenceAndIdentityStayEverythingElseGoes() {
		String stripped = BusyOnly.strip(SERIES, "Belegt");
		assertThat(stripped).contains("UID:gespraech-1").contains("DTSTAMP:20261101T100000Z").contains("CLASS:PRIVATE")
			.contains("DTSTART;TZID=Europe/Berlin:20261203T160000").contains("DTEND;TZID=Europe/Berlin:20261203T170000")
			.contains("RRULE:FREQ=WEEKLY;COUNT=3").contains("EXDATE;TZID=Europe/Berlin:20261210T160000")
			.contains("RECURRENCE-ID;TZID=Europe/Berlin:20261217T160000").contains("DTSTART;TZID=Europe/Berlin:20261217T180000")
			.contains("BEGIN:VTIMEZONE").contains("TZID:Europe/Berlin").contains("PRODID:-//Test//EN");
		assertThat(stripped.split("SUMMARY:Belegt\r\n", -1)).hasSize(3);
		assertThat(stripped).doesNotContain("Meyer").doesNotContain("Raum 12").doesNotContain("Versetzung").doesNotContain("ORGANIZER")
			.doesNotContain("ATTENDEE").doesNotContain("ATTACH").doesNotContain("VALARM").doesNotContain("verschoben");

		// still one valid calendar object, with the same occurrences
		CalendarObject object = CalendarData.parse(new java.io.ByteArrayInputStream(stripped.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				1_000_000);
		assertThat(object.uid()).isEqualTo("gespraech-1");
		List<Occurrence> occurrences = CalendarData.occurrences(stripped, Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
				CalendarData.SCHOOL_ZONE, 10);
		assertThat(occurrences).extracting(Occurrence::start).containsExactly(Instant.parse("2026-12-03T15:00:00Z"),
				Instant.parse("2026-12-17T17:00:00Z"));
		assertThat(occurrences).extracting(Occurrence::summary).containsOnly("Belegt");
	}

	@Test
	void onlyReadersWhoAreNotInvitedSeeItAsBusy() {
		UUID school = UUID.randomUUID();
		Calendar read = calendar(school, false);
		CalendarObjects.Entry entry = new CalendarObjects.Entry("gespraech-1.ics", "gespraech-1", "VEVENT", SERIES.length(), "\"busy-test-1\"", null,
				null, null, null, true, SERIES);
		SchulhausUser pupil = person(school, "paul");
		assertThat(BusyOnly.hides(read, entry, pupil)).isTrue();
		assertThat(BusyOnly.forReader(read, entry, pupil).data()).contains("SUMMARY:Belegt").doesNotContain("Meyer");
		assertThat(BusyOnly.forReader(read, entry, pupil).etag()).isEqualTo("\"busy-test-1\"");
		// the writer, the organiser and an attendee see it all
		assertThat(BusyOnly.hides(calendar(school, true), entry, pupil)).isFalse();
		assertThat(BusyOnly.hides(read, entry, person(school, "tina@schule.example"))).isFalse();
		assertThat(BusyOnly.hides(read, entry, person(school, "meyer@example.org"))).isFalse();
		// CONFIDENTIAL is taken alike; PUBLIC and no CLASS are shown
		assertThat(BusyOnly.marked(SERIES.replace("CLASS:PRIVATE", "CLASS:CONFIDENTIAL"))).isTrue();
		assertThat(BusyOnly.marked(SERIES.replace("CLASS:PRIVATE", "CLASS:PUBLIC"))).isFalse();
		assertThat(BusyOnly.marked(SERIES.replace("CLASS:PRIVATE\r\n", ""))).isFalse();
		String shown = SERIES.replace("CLASS:PRIVATE\r\n", "");
		assertThat(BusyOnly.forReader(read, shown, pupil)).isSameAs(shown);
	}

	private static Calendar calendar(UUID school, boolean writable) {
		return new Calendar(UUID.randomUUID(), school, CalendarKind.GROUP, UUID.randomUUID(), "7b", "7b", null, null, List.of("VEVENT"), 1, writable,
				false, true, Instant.now());
	}

	private static SchulhausUser person(UUID school, String login) {
		return new SchulhausUser(UUID.randomUUID(), school, login, login, Role.PUPIL, "de", false, true, null);
	}
}
