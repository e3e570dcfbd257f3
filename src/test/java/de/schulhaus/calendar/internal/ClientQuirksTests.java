package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What real clients and files do that is not quite RFC 5545, and is still accepted. */
class ClientQuirksTests {

	@Test
	void bareLineFeedsAndAByteOrderMark() {
		CalendarObject object = Ics.parse("\uFEFF" + Ics.event("UID:lf", "DTSTART:20260105T080000Z", "SUMMARY:Nur LF"));

		assertThat(object.summary()).isEqualTo("Nur LF");
		assertThat(object.text()).startsWith("BEGIN:VCALENDAR\r\n");
	}

	@Test
	void blankLinesBetweenProperties() {
		CalendarObject object = Ics.parse(Ics.event("UID:blank", "", "DTSTART:20260105T080000Z", "", "SUMMARY:Leerzeilen"));

		assertThat(object.summary()).isEqualTo("Leerzeilen");
	}

	@Test
	void applesEscapedSemicolonInAParameter() {
		CalendarObject object = Ics.parse(Ics.event("UID:apple", "DTSTART:20260105T080000Z",
				"X-APPLE-STRUCTURED-LOCATION;VALUE=URI;X-ADDRESS=Hauptstraße 1-5\\; 4041 Linz;X-TITLE=Schule:geo:48.3,14.3",
				"SUMMARY:Ausflug"));

		assertThat(object.summary()).isEqualTo("Ausflug");
	}

	@Test
	void aQuotedTzidAndThunderbirdsOldPrefixedTzid() {
		CalendarObject quoted = Ics.parse(Ics.event("UID:q", "DTSTART;TZID=\"Europe/Berlin\":20260105T080000"));
		CalendarObject prefixed = Ics.parse(Ics.event("UID:p", "DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20260105T080000"));

		assertThat(quoted.start()).isEqualTo(Instant.parse("2026-01-05T07:00:00Z"));
		assertThat(prefixed.start()).isEqualTo(Instant.parse("2026-01-05T07:00:00Z"));
	}

	@Test
	void lowerCasePropertyNames() {
		CalendarObject object = Ics.parse(Ics.event("uid:lower", "dtstart:20260105T080000Z", "summary:klein"));

		assertThat(object.uid()).isEqualTo("lower");
		assertThat(object.start()).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
	}

	@Test
	void aMissingProdidIsTolerated() {
		CalendarObject object = Ics.parse(Ics.event("UID:np", "DTSTART:20260105T080000Z").replace("PRODID:-//Schulhaus//Tests//DE\n", ""));

		assertThat(object.uid()).isEqualTo("np");
	}

	@Test
	void vdirsyncerAndPythonCaldavStyleEvent() {
		// python-caldav and vdirsyncer pass through what icalendar (Python) writes: UTC times, DTSTAMP, no VTIMEZONE
		CalendarObject object = Ics.parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//python-caldav//caldav//en_DK\r\n"
				+ "BEGIN:VEVENT\r\nUID:20261110T120000-caldav@example.org\r\nDTSTAMP:20261101T120000Z\r\n"
				+ "DTSTART:20261110T120000Z\r\nDTEND:20261110T130000Z\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Test\r\nEND:VEVENT\r\n"
				+ "END:VCALENDAR\r\n");

		assertThat(object.recurring()).isTrue();
		assertThat(object.end()).isNull();
	}

	@Test
	void aLineFoldedInsideAUtf8Character() {
		// "ü" is C3 BC in UTF-8; the fold comes between the two bytes
		ByteArrayOutputStream data = new ByteArrayOutputStream();
		data.writeBytes(("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Generator//EN\r\nBEGIN:VEVENT\r\nUID:split\r\n"
				+ "DTSTART:20260105T080000Z\r\nSUMMARY:Sch").getBytes(StandardCharsets.US_ASCII));
		data.write(0xC3);
		data.writeBytes("\r\n ".getBytes(StandardCharsets.US_ASCII));
		data.write(0xBC);
		data.writeBytes("lerfest\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.US_ASCII));

		CalendarObject object = CalendarData.parse(new ByteArrayInputStream(data.toByteArray()), Ics.LIMIT);

		assertThat(object.summary()).isEqualTo("Schülerfest");
	}
}
