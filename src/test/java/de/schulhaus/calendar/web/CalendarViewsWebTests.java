package de.schulhaus.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.CalendarData;
import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.platform.SchulhausUser;

/** Month, week, day and agenda: events on their days and hours, series expanded, calendars switched off. */
@IntegrationTest
class CalendarViewsWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	GroupManagement groups;

	@Autowired
	Calendars calendars;

	@Autowired
	CalendarObjects objects;

	@Autowired
	CalendarEvents events;

	CalendarWebFixture web;
	TestSchools.SchoolRef school;
	SchulhausUser teacher;
	SchulhausUser pupil;

	@BeforeEach
	void aTeacherAndAPupilOfOneClass() throws Exception {
		var t = new TestSchools(mvc);
		school = t.createSchool("Kalender-Ansichten-Schule");
		teacher = users.load(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", "7b").login()).orElseThrow();
		pupil = users.load(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "7b").login()).orElseThrow();
		web = new CalendarWebFixture(mvc, credentials);
	}

	private String personal(SchulhausUser person) {
		return calendars.visibleTo(person).get(0).id().toString();
	}

	private String classCalendar(SchulhausUser person) {
		return calendars.visibleTo(person).stream().filter(c -> c.name().equals("7b")).findFirst().orElseThrow().id().toString();
	}

	@Test
	void theMonthShowsEventsInTheirDayCellsWithIsoWeeksFromMonday() throws Exception {
		web.send(teacher, "/kalender/termin", Map.of("titel", "Elternsprechtag", "kalender", personal(teacher), "vonDatum", "2026-12-03",
				"vonZeit", "16:00", "bisDatum", "2026-12-03", "bisZeit", "18:00"));
		web.send(teacher, "/kalender/termin", Map.of("titel", "Klassenfahrt", "kalender", personal(teacher), "ganztags", "true",
				"vonDatum", "2026-12-07", "bisDatum", "2026-12-09"));

		String month = web.page(teacher, "/kalender?ansicht=monat&datum=2026-12-15");
		assertThat(month).contains("<h1 id=\"calendar-title\">Dezember 2026</h1>");
		// the grid starts on Monday 30 November (KW 49) and ends on Sunday 3 January
		assertThat(month).containsPattern("<th scope=\"col\"><abbr title=\"Montag\">Mo</abbr></th>\\s*<th scope=\"col\"><abbr title=\"Dienstag\">Di</abbr>");
		assertThat(month).contains("<th scope=\"row\" class=\"week-number\">49</th>").contains("<th scope=\"row\" class=\"week-number\">53</th>");
		assertThat(CalendarWebFixture.cell(month, "2026-11-30")).contains(">30<");
		assertThat(CalendarWebFixture.cell(month, "2026-12-03")).contains("Elternsprechtag").contains(">16:00<");
		assertThat(CalendarWebFixture.cell(month, "2026-12-02")).doesNotContain("Elternsprechtag");
		// an all-day trip over three days is on each of them, and not on the day after
		assertThat(CalendarWebFixture.cell(month, "2026-12-07")).contains("Klassenfahrt");
		assertThat(CalendarWebFixture.cell(month, "2026-12-09")).contains("Klassenfahrt");
		assertThat(CalendarWebFixture.cell(month, "2026-12-10")).doesNotContain("Klassenfahrt");
		assertThat(CalendarWebFixture.cell(month, "2026-12-03")).contains("aria-label=\"Donnerstag, 3. Dezember 2026\"");
	}

	@Test
	void aWeeklySeriesIsExpandedOnItsDaysInEveryView() throws Exception {
		web.send(teacher, "/kalender/termin", Map.of("titel", "Mathe 7b", "kalender", classCalendar(teacher), "vonDatum", "2026-12-01",
				"vonZeit", "08:00", "bisDatum", "2026-12-01", "bisZeit", "08:45", "wiederholung", "woechentlich", "tage", "di|do",
				"ende", "datum", "bis", "2026-12-17"));

		String month = web.page(teacher, "/kalender?ansicht=monat&datum=2026-12-01");
		for (String day : List.of("2026-12-01", "2026-12-03", "2026-12-08", "2026-12-10", "2026-12-15", "2026-12-17")) {
			assertThat(CalendarWebFixture.cell(month, day)).as(day).contains("Mathe 7b");
		}
		for (String day : List.of("2026-12-02", "2026-12-22", "2026-12-24")) {
			assertThat(CalendarWebFixture.cell(month, day)).as(day).doesNotContain("Mathe 7b");
		}

		// the week of 7 December: 08:00 is quarter hour 32, 45 minutes are three rows
		String week = web.page(teacher, "/kalender?ansicht=woche&datum=2026-12-09");
		assertThat(week).contains("KW 50: 7. Dezember 2026 – 13. Dezember 2026");
		assertThat(CalendarWebFixture.column(week, "2026-12-08")).containsPattern("class=\"chip timed cal-\\d+ at-32 len-3 wide\"")
			.contains("08:00–08:45").contains("Mathe 7b");
		assertThat(CalendarWebFixture.column(week, "2026-12-09")).doesNotContain("Mathe 7b")
			.contains("data-new=\"/kalender/termin/neu?beginn=2026-12-09T08:00&amp;ansicht=woche\"");

		String day = web.page(teacher, "/kalender?ansicht=tag&datum=2026-12-10");
		assertThat(day).contains("Donnerstag, 10. Dezember 2026");
		assertThat(CalendarWebFixture.column(day, "2026-12-10")).contains("Mathe 7b");

		String agenda = web.page(teacher, "/kalender?ansicht=liste&datum=2026-12-01");
		assertThat(agenda).contains("<h2>Dienstag, 1. Dezember 2026</h2>").contains("<h2>Donnerstag, 17. Dezember 2026</h2>")
			.doesNotContain("Dienstag, 22. Dezember 2026");
		assertThat(agenda.split("Mathe 7b</a>", -1)).hasSize(7);
	}

	@Test
	void aPupilSeesTheClassEventsButNoWayToChangeThem() throws Exception {
		web.send(teacher, "/kalender/termin", Map.of("titel", "Wandertag", "kalender", classCalendar(teacher), "vonDatum", "2026-12-04",
				"vonZeit", "08:00", "bisDatum", "2026-12-04", "bisZeit", "13:00"));
		String month = web.page(pupil, "/kalender?ansicht=monat&datum=2026-12-01");
		assertThat(CalendarWebFixture.cell(month, "2026-12-04")).contains("Wandertag");
		// the class's calendar is read-only for a pupil; a new event can only go into the pupil's own
		assertThat(month).contains("(nur lesen)");
		assertThat(web.page(pupil, "/kalender/termin/neu")).contains(">Persönlich</option>").doesNotContain(">7b</option>");
		String[] link = CalendarWebFixture.link(month, "Wandertag");
		String details = web.page(pupil, "/kalender/" + link[0] + "/termin?name=" + link[1]);
		assertThat(details).contains("Wandertag").contains("Freitag, 4. Dezember 2026, 08:00–13:00 Uhr").doesNotContain("Bearbeiten")
			.doesNotContain("/termin/loeschen");
		// and the server refuses what the page does not offer
		assertThat(web.perform(pupil, get("/kalender/" + link[0] + "/termin/bearbeiten").param("name", link[1])).getStatus()).isEqualTo(403);
		assertThat(web.send(pupil, "/kalender/" + link[0] + "/termin", Map.of("name", link[1], "titel", "Frei!", "vonDatum", "2026-12-04",
				"vonZeit", "08:00", "bisDatum", "2026-12-04", "bisZeit", "09:00")).getStatus()).isEqualTo(403);
		assertThat(web.send(pupil, "/kalender/" + link[0] + "/termin/loeschen", Map.of("name", link[1])).getStatus()).isEqualTo(403);
		assertThat(CalendarWebFixture.cell(web.page(teacher, "/kalender?datum=2026-12-01"), "2026-12-04")).contains("Wandertag");
	}

	@Test
	void aCalendarSwitchedOffStaysOffUntilSwitchedOnAgain() throws Exception {
		web.send(teacher, "/kalender/termin", Map.of("titel", "Zahnarzt", "kalender", personal(teacher), "vonDatum", "2026-12-02",
				"vonZeit", "07:00", "bisDatum", "2026-12-02", "bisZeit", "07:30"));
		web.send(teacher, "/kalender/termin", Map.of("titel", "Vokabeltest", "kalender", classCalendar(teacher), "vonDatum", "2026-12-02",
				"vonZeit", "10:00", "bisDatum", "2026-12-02", "bisZeit", "10:45"));
		MockHttpServletResponse off = web.perform(teacher, get("/kalender").param("ansicht", "monat").param("datum", "2026-12-01")
			.param("auswahl", "1").param("kalender", classCalendar(teacher)));
		String page = off.getContentAsString(StandardCharsets.UTF_8);
		assertThat(CalendarWebFixture.cell(page, "2026-12-02")).contains("Vokabeltest").doesNotContain("Zahnarzt");
		Cookie remembered = off.getCookie(HiddenCalendars.COOKIE);
		assertThat(remembered.getValue()).contains(personal(teacher));
		assertThat(page).containsPattern("value=\"" + personal(teacher) + "\"\\s*>");

		String later = web.perform(teacher, get("/kalender").param("datum", "2026-12-01").cookie(remembered)).getContentAsString(StandardCharsets.UTF_8);
		assertThat(CalendarWebFixture.cell(later, "2026-12-02")).contains("Vokabeltest").doesNotContain("Zahnarzt");
		String on = web.perform(teacher, get("/kalender").param("datum", "2026-12-01").param("auswahl", "1").param("kalender", personal(teacher))
			.param("kalender", classCalendar(teacher)).cookie(remembered)).getContentAsString(StandardCharsets.UTF_8);
		assertThat(CalendarWebFixture.cell(on, "2026-12-02")).contains("Vokabeltest").contains("Zahnarzt");
	}

	@Test
	void anEnglishSpeakerGetsEnglishDatesAndTheColoursAreServedAsAStylesheet() throws Exception {
		SchulhausUser english = teacher.withLanguage("en");
		String month = web.perform(english, get("/kalender").param("datum", "2026-12-01").locale(java.util.Locale.ENGLISH))
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(month).contains("December 2026").contains("title=\"Monday\">Mon</abbr>");
		String href = month.replaceAll("(?s).*<link rel=\"stylesheet\" href=\"(/kalender/farben\\.css\\?v=[0-9a-f]+)\">.*", "$1");
		MockHttpServletResponse css = web.perform(teacher, get(href));
		assertThat(css.getContentType()).startsWith("text/css");
		assertThat(css.getContentAsString()).contains(".cal-0 { --cal-bg: #1d5fa8; --cal-fg: #ffffff; }");
	}

	@Test
	void anotherSchoolsCalendarOrAMissingEventIsNotFound() throws Exception {
		var t = new TestSchools(mvc);
		SchulhausUser stranger = users.load(t.createUser(t.createSchool("Andere Schule"), "Olga", "Ofen", "TEACHER", "Kompass-Laterne-Quitte-2029",
				null).login()).orElseThrow();
		web.send(teacher, "/kalender/termin", Map.of("titel", "Geheim", "kalender", personal(teacher), "vonDatum", "2026-12-04",
				"vonZeit", "08:00", "bisDatum", "2026-12-04", "bisZeit", "09:00"));
		String[] link = CalendarWebFixture.link(web.page(teacher, "/kalender?datum=2026-12-01"), "Geheim");
		assertThat(web.perform(stranger, get("/kalender/" + link[0] + "/termin").param("name", link[1])).getStatus()).isEqualTo(404);
		assertThat(web.perform(stranger, get("/kalender/" + personal(stranger) + "/termin").param("name", link[1])).getStatus()).isEqualTo(404);
		assertThat(web.send(stranger, "/kalender/" + link[0] + "/termin/loeschen", Map.of("name", link[1])).getStatus()).isEqualTo(404);
		assertThat(web.perform(teacher, get("/kalender/" + link[0] + "/termin").param("name", "nichts.ics")).getStatus()).isEqualTo(404);
		assertThat(web.perform(teacher, get("/kalender/kein-kalender/termin").param("name", link[1])).getStatus()).isEqualTo(404);
		assertThat(CalendarWebFixture.cell(web.page(teacher, "/kalender?datum=2026-12-01"), "2026-12-04")).contains("Geheim");
	}

	/** The target: a month for a teacher with 12 calendars well under 100 ms on the server. Timed here, asserted generously. */
	@Test
	void aMonthOfTwelveCalendarsWithSixHundredEvents() throws Exception {
		SchulhausUser admin = users.load(new TestSchools(mvc).createUser(school, "Anton", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2030",
				null).login()).orElseThrow();
		// personal, school, 7b and its exam plan, and four courses with theirs: twelve calendars
		for (int i = 1; i <= 4; i++) {
			Group course = groups.create(school.id(), "Kurs " + i, GroupKind.COURSE, null, admin);
			groups.addMember(school.id(), course.id(), teacher.accountId(), true, admin);
		}
		List<Calendar> visible = calendars.visibleTo(teacher);
		assertThat(visible).hasSize(12);
		// 600 events in the calendars that take any (exam plans have rules of their own), a tenth of them weekly series
		List<Calendar> filled = visible.stream().filter(c -> c.kind() != de.schulhaus.calendar.internal.CalendarKind.EXAMS).toList();
		for (int n = 0; n < 600; n++) {
			Calendar calendar = filled.get(n % filled.size());
			int e = n / filled.size();
			LocalDate day = LocalDate.of(2026, 12, 1).plusDays(e % 31);
			String start = day.toString().replace("-", "") + "T" + String.format("%02d", 7 + e % 9) + "0000";
			String end = day.toString().replace("-", "") + "T" + String.format("%02d", 8 + e % 9) + "0000";
			String rrule = e % 10 == 0 ? "RRULE:FREQ=WEEKLY;COUNT=20\r\n" : "";
			String text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\nBEGIN:VEVENT\r\nUID:perf-" + n + "\r\nDTSTAMP:20261130T120000Z\r\n"
					+ "DTSTART;TZID=Europe/Berlin:" + start + "\r\nDTEND;TZID=Europe/Berlin:" + end + "\r\nSUMMARY:Termin " + n + "\r\n" + rrule
					+ "END:VEVENT\r\nEND:VCALENDAR\r\n";
			objects.put(calendar, "perf-" + n + ".ics", CalendarData.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1_000_000));
		}
		List<Long> millis = new ArrayList<>();
		String page = null;
		for (int run = 0; run < 12; run++) {
			long began = System.nanoTime();
			page = web.page(teacher, "/kalender?ansicht=monat&datum=2026-12-01");
			millis.add((System.nanoTime() - began) / 1_000_000);
		}
		List<Long> warm = millis.subList(2, millis.size()).stream().sorted().toList();
		long median = warm.get(warm.size() / 2);
		List<Long> reading = new ArrayList<>();
		for (int run = 0; run < 10; run++) {
			long began = System.nanoTime();
			events.between(teacher, calendars.visibleTo(teacher), java.util.Set.of(), java.time.Instant.parse("2026-11-29T23:00:00Z"),
					java.time.Instant.parse("2027-01-03T23:00:00Z"), "Belegt");
			reading.add((System.nanoTime() - began) / 1_000_000);
		}
		List<Long> empty = new ArrayList<>();
		for (int run = 0; run < 10; run++) {
			long began = System.nanoTime();
			web.page(teacher, "/kalender?ansicht=monat&datum=2030-01-01");
			empty.add((System.nanoTime() - began) / 1_000_000);
		}
		System.out.println("of which reading and expanding the occurrences: " + reading + " ms; the same month without events: " + empty + " ms");
		System.out.println("calendar month view, 12 calendars with 600 events (10% weekly series): runs " + millis + " ms, median after warm-up "
				+ median + " ms");
		assertThat(CalendarWebFixture.cell(page, "2026-12-01")).contains("Termin 0");
		assertThat(median).as("server time of the month view (target 100 ms; generous bound for a busy CI box)").isLessThan(2000);
	}
}
