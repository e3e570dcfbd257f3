package de.schulhaus.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.platform.SchulhausUser;

/** The dialog's time zone and its monthly repetition by weekday, as CalDAV clients read them and the views show them. */
@IntegrationTest
class EventZonesWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	Calendars calendars;

	CalendarWebFixture web;
	SchulhausUser teacher;
	String secret;
	String personal;

	@BeforeEach
	void aTeacher() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Zeitzonen-Schule");
		teacher = users.load(t.createUser(school, "Nora", "Nordamerika", "TEACHER", "Kompass-Laterne-Quitte-2026", "9a").login()).orElseThrow();
		web = new CalendarWebFixture(mvc, credentials);
		secret = web.caldavSecret(teacher);
		personal = calendars.visibleTo(teacher).get(0).id().toString();
	}

	private String caldav(String name) throws Exception {
		MockHttpServletResponse response = web.caldav(teacher, secret, "GET", "/caldav/" + teacher.login() + "/persoenlich/" + name, null);
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8).replace("\r\n ", "");
	}

	private String week(String date) throws Exception {
		return CalendarWebFixture.column(web.page(teacher, "/kalender?ansicht=woche&datum=" + date), date);
	}

	private String[] link(String date, String title) throws Exception {
		return CalendarWebFixture.link(CalendarWebFixture.cell(web.page(teacher, "/kalender?ansicht=monat&datum=" + date), date), title);
	}

	@Test
	void aCallWithNewYorkIsStoredInItsZoneAndShownInBerlinTimeAcrossBothDaylightSavingChanges() throws Exception {
		String form = web.page(teacher, "/kalender/termin/neu?beginn=2027-03-02T10:00");
		assertThat(form).containsPattern("<option value=\"Europe/Berlin\" selected=\"selected\">Europe/Berlin")
			.contains("<option value=\"America/New_York\">America/New York – ").contains("for=\"ev-zeitzone\">Zeitzone</label>");

		Map<String, String> call = new HashMap<>(Map.of("titel", "Videocall Partnerschule", "kalender", personal, "vonDatum", "2027-03-02",
				"vonZeit", "10:00", "bisDatum", "2027-03-02", "bisZeit", "11:00", "zeitzone", "America/New_York", "wiederholung", "woechentlich",
				"tage", "di", "ende", "anzahl"));
		call.put("anzahl", "6");
		assertThat(web.send(teacher, "/kalender/termin", call).getStatus()).isEqualTo(302);

		// 10:00 in New York: 16:00 in Berlin, 15:00 in the two weeks when New York already has summer time and Berlin not yet
		assertThat(week("2027-03-09")).contains("16:00–17:00").contains("Videocall Partnerschule");
		assertThat(week("2027-03-16")).contains("15:00–16:00").contains("Videocall Partnerschule");
		assertThat(week("2027-03-23")).contains("15:00–16:00").contains("Videocall Partnerschule");
		assertThat(week("2027-03-30")).contains("16:00–17:00").contains("Videocall Partnerschule");

		String[] link = link("2027-03-16", "Videocall Partnerschule");
		assertThat(caldav(link[1])).contains("DTSTART;TZID=America/New_York:20270302T100000").contains("DTEND;TZID=America/New_York:20270302T110000")
			.contains("TZID:America/New_York").contains("BEGIN:VTIMEZONE").contains("RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=TU");

		String details = web.page(teacher, "/kalender/" + link[0] + "/termin?name=" + link[1] + "&instanz=" + link[2]);
		assertThat(details).contains("Dienstag, 16. März 2027, 15:00–16:00 Uhr")
			.contains("Ortszeit America/New York – ").contains("Dienstag, 16. März 2027, 10:00–11:00 Uhr");

		// the dialog edits on New York's clock: an hour later there is an hour later in Berlin, and stays in New York's zone
		String edit = web.page(teacher, "/kalender/" + link[0] + "/termin/bearbeiten?name=" + link[1]);
		assertThat(edit).containsPattern("id=\"ev-von-zeit\"[^>]*value=\"10:00\"").contains("<option value=\"America/New_York\" selected=\"selected\">");
		Map<String, String> later = new HashMap<>(call);
		later.putAll(Map.of("name", link[1], "vonZeit", "11:00", "bisZeit", "12:00"));
		assertThat(web.send(teacher, "/kalender/" + link[0] + "/termin", later).getStatus()).isEqualTo(302);
		assertThat(caldav(link[1])).contains("DTSTART;TZID=America/New_York:20270302T110000");
		assertThat(week("2027-03-16")).contains("16:00–17:00");
		assertThat(week("2027-03-30")).contains("17:00–18:00");
	}

	@Test
	void anUnknownZoneIsNamedAtItsFieldAndNothingIsStored() throws Exception {
		MockHttpServletResponse response = web.send(teacher, "/kalender/termin", Map.of("titel", "Irgendwo", "kalender", personal, "vonDatum",
				"2027-03-02", "vonZeit", "10:00", "bisDatum", "2027-03-02", "bisZeit", "11:00", "zeitzone", "Mars/Olympus_Mons"));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("Bitte wählen Sie eine Zeitzone aus der Liste.");
		assertThat(web.page(teacher, "/kalender?ansicht=monat&datum=2027-03-02")).doesNotContain("Irgendwo");
	}

	@Test
	void everySecondTuesdayAndEveryLastFridayRepeatByWeekday() throws Exception {
		String form = web.page(teacher, "/kalender/termin/neu?beginn=2027-01-29T14:00");
		assertThat(form).contains("am 29. jeden Monats").contains("jeden letzten Freitag").contains("data-pattern-wochentag=\"jeden {0} {1}\"");

		Map<String, String> conference = new HashMap<>(Map.of("titel", "Fachkonferenz", "kalender", personal, "vonDatum", "2027-01-12", "vonZeit",
				"15:00", "bisDatum", "2027-01-12", "bisZeit", "16:30", "wiederholung", "monatlich", "monatlich", "wochentag", "ende", "anzahl"));
		conference.put("anzahl", "3");
		assertThat(web.send(teacher, "/kalender/termin", conference).getStatus()).isEqualTo(302);
		String[] first = link("2027-01-12", "Fachkonferenz");
		assertThat(caldav(first[1])).contains("RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=2TU");
		// the second Tuesdays of February and March, not the 12th
		link("2027-02-09", "Fachkonferenz");
		link("2027-03-09", "Fachkonferenz");
		assertThat(CalendarWebFixture.cell(web.page(teacher, "/kalender?ansicht=monat&datum=2027-02-12"), "2027-02-12")).doesNotContain("Fachkonferenz");

		Map<String, String> party = new HashMap<>(Map.of("titel", "Monatsabschluss", "kalender", personal, "vonDatum", "2027-01-29", "vonZeit",
				"13:00", "bisDatum", "2027-01-29", "bisZeit", "14:00", "wiederholung", "monatlich", "monatlich", "letzter", "ende", "anzahl"));
		party.put("anzahl", "3");
		assertThat(web.send(teacher, "/kalender/termin", party).getStatus()).isEqualTo(302);
		String[] last = link("2027-01-29", "Monatsabschluss");
		assertThat(caldav(last[1])).contains("RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=-1FR");
		link("2027-02-26", "Monatsabschluss");
		link("2027-03-26", "Monatsabschluss");
		String[] march = link("2027-03-26", "Monatsabschluss");
		assertThat(web.page(teacher, "/kalender/" + march[0] + "/termin?name=" + march[1] + "&instanz=" + march[2]))
			.contains("monatlich, jeden letzten Freitag");

		// the 12th is no last Tuesday
		Map<String, String> wrong = new HashMap<>(conference);
		wrong.put("monatlich", "letzter");
		MockHttpServletResponse refused = web.send(teacher, "/kalender/termin", wrong);
		assertThat(refused.getStatus()).isEqualTo(200);
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("Der Beginn ist nicht der letzte dieses Wochentags im Monat.");
	}

	@Test
	void aRuleByWeekdayFromACalDavClientShowsInTheDialogAndSurvivesAnEdit() throws Exception {
		String client = """
				BEGIN:VCALENDAR\r
				VERSION:2.0\r
				PRODID:-//Apple Inc.//iOS 17//EN\r
				BEGIN:VEVENT\r
				UID:elternbeirat-1\r
				DTSTAMP:20261201T100000Z\r
				DTSTART;TZID=Europe/Berlin:20270126T190000\r
				DTEND;TZID=Europe/Berlin:20270126T203000\r
				SUMMARY:Elternbeirat\r
				RRULE:FREQ=MONTHLY;BYDAY=-1TU\r
				END:VEVENT\r
				END:VCALENDAR\r
				""";
		assertThat(web.caldav(teacher, secret, "PUT", "/caldav/" + teacher.login() + "/persoenlich/elternbeirat.ics", client).getStatus())
			.isEqualTo(201);
		String edit = web.page(teacher, "/kalender/" + personal + "/termin/bearbeiten?name=elternbeirat.ics");
		assertThat(edit).containsPattern("<option value=\"monatlich\" selected=\"selected\">")
			.containsPattern("<input type=\"radio\" name=\"monatlich\" value=\"letzter\" checked=\"checked\"> <span>jeden letzten Dienstag</span>");

		Map<String, String> renamed = new HashMap<>(Map.of("titel", "Elternbeirat (Aula)", "kalender", personal, "name", "elternbeirat.ics",
				"vonDatum", "2027-01-26", "vonZeit", "19:00", "bisDatum", "2027-01-26", "bisZeit", "20:30", "wiederholung", "monatlich", "monatlich",
				"letzter"));
		assertThat(web.send(teacher, "/kalender/" + personal + "/termin", renamed).getStatus()).isEqualTo(302);
		assertThat(caldav("elternbeirat.ics")).contains("SUMMARY:Elternbeirat (Aula)").contains("RRULE:FREQ=MONTHLY;BYDAY=-1TU");
		link("2027-02-23", "Elternbeirat (Aula)");
	}
}
