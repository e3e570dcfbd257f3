package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** VTIMEZONEs made for zones that data names without defining give the same times as the zone itself. */
class VTimezonesTests {

	/** An event at 08:00 on the given day in a zone known only by the VTIMEZONE written for it. */
	private static Instant eightOClockThroughTheVTimezone(String zone, LocalDate day) {
		String vtimezone = VTimezones.of(zone).replace("TZID:" + zone, "TZID:Written zone");
		String text = Ics.calendar(vtimezone.strip(), "BEGIN:VEVENT", "UID:z",
				"DTSTART;TZID=Written zone:" + day.toString().replace("-", "") + "T080000", "END:VEVENT");
		return Ics.parse(text).start();
	}

	@Test
	void berlinNewYorkSydneyAndTokyoAreRightAllYear() {
		for (String zone : List.of("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Tokyo")) {
			for (LocalDate day = LocalDate.of(2026, 1, 1); day.getYear() == 2026; day = day.plusDays(5)) {
				assertThat(eightOClockThroughTheVTimezone(zone, day)).as(zone + " " + day)
					.isEqualTo(day.atTime(8, 0).atZone(ZoneId.of(zone)).toInstant());
			}
		}
	}

	@Test
	void berlinIsWrittenAsThunderbirdDoes() {
		assertThat(VTimezones.of("Europe/Berlin")).contains("BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
				+ "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT")
			.contains("TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
		assertThat(VTimezones.of("Mars/Olympus_Mons")).isNull();
	}

	@Test
	void anExportAndAnImportAddTheVTimezoneADataOmitted() {
		String withoutVTimezone = Ics.event("UID:nz", "DTSTART;TZID=Europe/Berlin:20260105T080000");
		StringWriter out = new StringWriter();

		CalendarData.export(List.of(withoutVTimezone, withoutVTimezone.replace("UID:nz", "UID:nz2")), "Kalender", out);
		List<CalendarObject> imported = CalendarData.split(Ics.stream(withoutVTimezone), Ics.LIMIT);

		assertThat(out.toString().split("BEGIN:VTIMEZONE", -1)).hasSize(2);
		assertThat(out.toString()).contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n");
		assertThat(imported).singleElement().satisfies(o -> {
			assertThat(o.text()).contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n");
			assertThat(o.start()).isEqualTo(Instant.parse("2026-01-05T07:00:00Z"));
		});
	}
}
