package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Bad data is refused with the CalDAV precondition and a message naming the problem, never a crash. */
class CalendarDataRefusalTests {

	private static InvalidCalendarData refusal(String text) {
		return catchThrowableOfType(() -> Ics.parse(text), InvalidCalendarData.class);
	}

	@Test
	void aMissingUid() {
		InvalidCalendarData refused = refusal(Ics.event("DTSTART:20260105T080000Z", "SUMMARY:Ohne UID"));

		assertThat(refused.precondition()).isEqualTo("valid-calendar-object-resource");
		assertThat(refused.getMessage()).startsWith("UID is missing");
	}

	@Test
	void aBrokenRrule() {
		InvalidCalendarData unknownFrequency = refusal(Ics.event("UID:r1", "DTSTART:20260105T080000Z", "RRULE:FREQ=FORTNIGHTLY"));
		InvalidCalendarData garbageDays = refusal(Ics.event("UID:r2", "DTSTART:20260105T080000Z", "RRULE:FREQ=WEEKLY;BYDAY=XY,MO"));
		InvalidCalendarData unknownPart = refusal(Ics.event("UID:r3", "DTSTART:20260105T080000Z", "RRULE:FREQ=DAILY;EVERY=2"));

		for (InvalidCalendarData refused : new InvalidCalendarData[] { unknownFrequency, garbageDays, unknownPart }) {
			assertThat(refused.precondition()).isEqualTo("valid-calendar-data");
			assertThat(refused.getMessage()).startsWith("RRULE (line 7)");
		}
	}

	@Test
	void secondlyAndMinutelyRules() {
		InvalidCalendarData secondly = refusal(Ics.event("UID:s", "DTSTART:20260105T080000Z", "RRULE:FREQ=SECONDLY"));
		InvalidCalendarData minutely = refusal(Ics.event("UID:m", "DTSTART:20260105T080000Z", "RRULE:FREQ=MINUTELY;COUNT=5"));

		assertThat(secondly.precondition()).isEqualTo("valid-calendar-data");
		assertThat(secondly.getMessage()).contains("RRULE").contains("FREQ=SECONDLY is not supported");
		assertThat(minutely.getMessage()).contains("FREQ=MINUTELY is not supported");
	}

	@Test
	void anUnknownTzidWithoutVTimezone() {
		InvalidCalendarData refused = refusal(Ics.event("UID:tz", "DTSTART;TZID=Mars/Olympus_Mons:20260105T080000"));

		assertThat(refused.precondition()).isEqualTo("valid-calendar-data");
		assertThat(refused.getMessage()).contains("DTSTART (line 6)").contains("Mars/Olympus_Mons");
	}

	@Test
	void anEndBeforeTheStart() {
		InvalidCalendarData refused = refusal(Ics.event("UID:e", "DTSTART:20260105T080000Z", "DTEND:20260105T070000Z"));

		assertThat(refused.precondition()).isEqualTo("valid-calendar-data");
		assertThat(refused.getMessage()).isEqualTo("DTEND (line 7) is before DTSTART");
	}

	@Test
	void anEndAndADuration() {
		InvalidCalendarData refused = refusal(Ics.event("UID:d", "DTSTART:20260105T080000Z", "DTEND:20260105T090000Z",
				"DURATION:PT1H"));

		assertThat(refused.precondition()).isEqualTo("valid-calendar-data");
		assertThat(refused.getMessage()).contains("DURATION (line 8)").contains("DTEND (line 7)");
	}

	@Test
	void aMethodProperty() {
		InvalidCalendarData refused = refusal(Ics.event("UID:m", "DTSTART:20260105T080000Z").replace("VERSION:2.0",
				"VERSION:2.0\nMETHOD:REQUEST"));

		assertThat(refused.precondition()).isEqualTo("valid-calendar-object-resource");
		assertThat(refused.getMessage()).contains("METHOD");
	}

	@Test
	void aMissingVersion() {
		InvalidCalendarData refused = refusal(Ics.event("UID:v", "DTSTART:20260105T080000Z").replace("VERSION:2.0\n", ""));

		assertThat(refused.precondition()).isEqualTo("valid-calendar-data");
		assertThat(refused.getMessage()).contains("VERSION");
	}

	@Test
	void twoUids() {
		InvalidCalendarData refused = refusal(Ics.calendar("BEGIN:VEVENT", "UID:a", "DTSTART:20260105T080000Z", "END:VEVENT",
				"BEGIN:VEVENT", "UID:b", "DTSTART:20260106T080000Z", "END:VEVENT"));

		assertThat(refused.precondition()).isEqualTo("valid-calendar-object-resource");
		assertThat(refused.getMessage()).contains("\"a\"").contains("\"b\"");
	}

	@Test
	void twoMastersOfOneUid() {
		InvalidCalendarData refused = refusal(Ics.calendar("BEGIN:VEVENT", "UID:a", "DTSTART:20260105T080000Z", "END:VEVENT",
				"BEGIN:VEVENT", "UID:a", "DTSTART:20260106T080000Z", "END:VEVENT"));

		assertThat(refused.precondition()).isEqualTo("valid-calendar-object-resource");
		assertThat(refused.getMessage()).contains("without RECURRENCE-ID");
	}

	@Test
	void anEventBesideATask() {
		InvalidCalendarData refused = refusal(Ics.calendar("BEGIN:VEVENT", "UID:a", "DTSTART:20260105T080000Z", "END:VEVENT",
				"BEGIN:VTODO", "UID:a", "END:VTODO"));

		assertThat(refused.precondition()).isEqualTo("valid-calendar-object-resource");
	}

	@Test
	void freeBusyIsNoSupportedComponent() {
		InvalidCalendarData refused = refusal(Ics.calendar("BEGIN:VFREEBUSY", "UID:fb", "DTSTART:20260105T080000Z",
				"DTEND:20260106T080000Z", "END:VFREEBUSY"));

		assertThat(refused.precondition()).isEqualTo("supported-calendar-component");
		assertThat(refused.getMessage()).contains("VFREEBUSY");
	}

	@Test
	void twoCalendars() {
		String one = Ics.event("UID:a", "DTSTART:20260105T080000Z");

		assertThat(refusal(one + one).precondition()).isEqualTo("valid-calendar-object-resource");
	}

	@Test
	void aTenMegabyteDescriptionIsRefusedByTheSizeLimitWithoutReadingItAll() {
		InputStream endless = new InputStream() {
			private final byte[] head = Ics.event("UID:big", "DTSTART:20260105T080000Z", "DESCRIPTION:")
				.getBytes(StandardCharsets.UTF_8);
			private long position;

			@Override
			public int read() {
				return position < head.length ? head[(int) position++] : position++ < 10_000_000 ? 'x' : -1;
			}
		};

		InvalidCalendarData refused = catchThrowableOfType(() -> CalendarData.parse(endless, 1_000_000), InvalidCalendarData.class);

		assertThat(refused.precondition()).isEqualTo("max-resource-size");
	}

	@Test
	void garbageIsNoCalendarData() {
		assertThat(refusal("Hallo, ich bin kein Kalender").precondition()).isEqualTo("valid-calendar-data");
		assertThat(refusal("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nEND:VCALENDAR\n").precondition())
			.isEqualTo("valid-calendar-data");
		assertThat(refusal("").precondition()).isEqualTo("valid-calendar-data");
	}

	@Test
	void anInvalidDate() {
		InvalidCalendarData refused = refusal(Ics.event("UID:x", "DTSTART:20260231T080000Z"));

		assertThat(refused.precondition()).isEqualTo("valid-calendar-data");
		assertThat(refused.getMessage()).contains("DTSTART (line 6)").contains("20260231T080000Z");
	}

	@Test
	void bytesThatAreNotUtf8() {
		byte[] latin1 = Ics.event("UID:x", "DTSTART:20260105T080000Z", "SUMMARY:Schüler").getBytes(StandardCharsets.ISO_8859_1);

		InvalidCalendarData refused = catchThrowableOfType(
				() -> CalendarData.parse(new java.io.ByteArrayInputStream(latin1), Ics.LIMIT), InvalidCalendarData.class);

		assertThat(refused.precondition()).isEqualTo("supported-calendar-data");
	}

	@Test
	void aRuleThatCannotBeExpandedFromItsStart() {
		InvalidCalendarData refused = refusal(Ics.event("UID:x", "DTSTART;VALUE=DATE:20260105", "RRULE:FREQ=DAILY;BYHOUR=8,9;COUNT=4"));

		assertThat(refused.precondition()).isEqualTo("valid-calendar-data");
		assertThat(refused.getMessage()).startsWith("RRULE (line 7)");
	}
}
