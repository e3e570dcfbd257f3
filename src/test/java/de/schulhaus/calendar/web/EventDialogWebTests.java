package de.schulhaus.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

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

/** The event dialog: created events as CalDAV clients read them, errors at their fields, edits that keep what clients wrote, series. */
@IntegrationTest
class EventDialogWebTests {

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

	@Autowired
	de.schulhaus.calendar.internal.Rooms rooms;

	TestSchools.SchoolRef school;

	@BeforeEach
	void aTeacher() throws Exception {
		var t = new TestSchools(mvc);
		school = t.createSchool("Kalender-Dialog-Schule");
		teacher = users.load(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", "7b")
			.login()).orElseThrow();
		web = new CalendarWebFixture(mvc, credentials);
		secret = web.caldavSecret(teacher);
		personal = calendars.visibleTo(teacher).get(0).id().toString();
	}

	private String caldav(String name) throws Exception {
		MockHttpServletResponse response = web.caldav(teacher, secret, "GET", "/caldav/" + teacher.login() + "/persoenlich/" + name, null);
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8).replace("\r\n ", "");
	}

	private String[] link(String date, String title) throws Exception {
		String month = web.page(teacher, "/kalender?ansicht=monat&datum=" + date);
		return CalendarWebFixture.link(CalendarWebFixture.cell(month, date), title);
	}

	private Map<String, String> series() {
		return new HashMap<>(Map.of("titel", "Mathe 7b", "kalender", personal, "vonDatum", "2026-12-01", "vonZeit", "08:00", "bisDatum",
				"2026-12-01", "bisZeit", "08:45", "wiederholung", "woechentlich", "tage", "di", "ende", "anzahl", "anzahl", "4"));
	}

	@Test
	void aNewEventFromTheDialogIsWhatACalDavClientReads() throws Exception {
		String form = web.perform(teacher, get("/kalender/termin/neu").param("beginn", "2026-12-03T16:00").header("HX-Request", "true"))
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(form).doesNotContain("<html").contains("id=\"event-dialog-title\"").contains("value=\"2026-12-03\"").contains("value=\"16:00\"")
			.contains("value=\"17:00\"");

		Map<String, String> fields = Map.of("titel", "Elternsprechtag", "kalender", personal, "vonDatum", "2026-12-03", "vonZeit", "16:00",
				"bisDatum", "2026-12-03", "bisZeit", "18:00", "ort", "Aula", "beschreibung", "Bitte Zeugnisse mitbringen", "erinnerung", "1h");
		MockHttpServletResponse created = web.perform(teacher, post("/kalender/termin").header("HX-Request", "true")
			.params(org.springframework.util.MultiValueMap.fromSingleValue(withDefaults(fields))));
		assertThat(created.getStatus()).isEqualTo(200);
		assertThat(created.getHeader("HX-Redirect")).isEqualTo("/kalender?ansicht=monat&datum=2026-12-03");

		String[] link = link("2026-12-03", "Elternsprechtag");
		String ics = caldav(link[1]);
		assertThat(ics).contains("SUMMARY:Elternsprechtag").contains("DTSTART;TZID=Europe/Berlin:20261203T160000")
			.contains("DTEND;TZID=Europe/Berlin:20261203T180000").contains("LOCATION:Aula").contains("DESCRIPTION:Bitte Zeugnisse mitbringen")
			.contains("BEGIN:VALARM").contains("ACTION:DISPLAY").contains("TRIGGER:-PT1H").contains("UID:" + link[1].replace(".ics", ""));

		String details = web.page(teacher, "/kalender/" + link[0] + "/termin?name=" + link[1]);
		assertThat(details).contains("Donnerstag, 3. Dezember 2026, 16:00–18:00 Uhr").contains("Aula").contains("Bearbeiten");
	}

	@Test
	void aSpanDraggedInTheWeekOpensTheDialogWithItsStartAndEnd() throws Exception {
		String week = web.page(teacher, "/kalender?ansicht=woche&datum=2026-12-03");
		assertThat(week).containsPattern("class=\"day-column[^\"]*\"\\s+data-date=\"2026-12-03\" data-new-span=\"/kalender/termin/neu\\?ansicht=woche\"");

		String form = web.perform(teacher, get("/kalender/termin/neu").param("beginn", "2026-12-03T10:15").param("ende", "2026-12-03T11:45")
			.param("ansicht", "woche").header("HX-Request", "true")).getContentAsString(StandardCharsets.UTF_8);
		assertThat(form).containsPattern("id=\"ev-von-datum\"[^>]*value=\"2026-12-03\"").containsPattern("id=\"ev-von-zeit\"[^>]*value=\"10:15\"")
			.containsPattern("id=\"ev-bis-datum\"[^>]*value=\"2026-12-03\"").containsPattern("id=\"ev-bis-zeit\"[^>]*value=\"11:45\"")
			.contains("name=\"ansicht\" value=\"woche\"");
		// to the end of the day: midnight is the next day's start
		String late = web.page(teacher, "/kalender/termin/neu?beginn=2026-12-03T22:00&ende=2026-12-04T00:00");
		assertThat(late).containsPattern("id=\"ev-bis-datum\"[^>]*value=\"2026-12-04\"").containsPattern("id=\"ev-bis-zeit\"[^>]*value=\"00:00\"");
		// an end before the start, or a broken one, gives the click's hour
		for (String end : new String[] { "2026-12-03T09:00", "spaeter" }) {
			String hour = web.page(teacher, "/kalender/termin/neu?beginn=2026-12-03T10:15&ende=" + end);
			assertThat(hour).as(end).containsPattern("id=\"ev-bis-zeit\"[^>]*value=\"11:15\"");
		}
	}

	private static Map<String, String> withDefaults(Map<String, String> fields) {
		Map<String, String> all = new HashMap<>(Map.of("ansicht", "monat", "wiederholung", "keine", "ende", "nie", "erinnerung", "keine"));
		all.putAll(fields);
		return all;
	}

	@Test
	void mistakesAreNamedAtTheirFieldsInGermanAndNothingIsStored() throws Exception {
		MockHttpServletResponse response = web.send(teacher, "/kalender/termin", Map.of("titel", " ", "kalender", personal, "vonDatum",
				"2026-12-03", "vonZeit", "16:00", "bisDatum", "2026-12-03", "bisZeit", "15:00"));
		assertThat(response.getStatus()).isEqualTo(200);
		String page = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Bitte prüfen Sie die markierten Angaben.").contains("Bitte geben Sie einen Titel ein.")
			.contains("Das Ende liegt vor dem Beginn.").containsPattern("id=\"ev-titel\"[^>]*aria-invalid=\"true\"")
			.containsPattern("id=\"ev-bis-zeit\"[^>]*aria-invalid=\"true\"");

		String broken = web.send(teacher, "/kalender/termin", Map.of("titel", "Test", "kalender", personal, "vonDatum", "morgen", "vonZeit",
				"25:99", "bisDatum", "2026-12-03", "bisZeit", "15:00", "wiederholung", "woechentlich", "ende", "anzahl", "anzahl", "viele"))
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(broken).contains("Bitte geben Sie ein Datum ein").contains("Bitte geben Sie eine Uhrzeit ein")
			.contains("Bitte geben Sie eine Anzahl zwischen 1 und 1000 ein.");
		String until = web.send(teacher, "/kalender/termin", Map.of("titel", "Test", "kalender", personal, "vonDatum", "2026-12-03", "vonZeit",
				"08:00", "bisDatum", "2026-12-03", "bisZeit", "09:00", "wiederholung", "taeglich", "ende", "datum", "bis", "2026-11-01"))
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(until).contains("Der letzte Tag der Wiederholung liegt vor dem Beginn.");
		assertThat(web.page(teacher, "/kalender?ansicht=liste&datum=2026-12-01")).contains("Keine Termine in den nächsten 30 Tagen");
	}

	@Test
	void anEditKeepsWhatAnotherClientWroteAndBumpsTheSequence() throws Exception {
		String client = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//iOS 18//EN\r\nBEGIN:VEVENT\r\nUID:ios-42\r\n"
				+ "DTSTAMP:20261101T100000Z\r\nSEQUENCE:2\r\nDTSTART:20261204T130000Z\r\nDTEND:20261204T140000Z\r\nSUMMARY:Konferenz\r\n"
				+ "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC\r\nATTENDEE;CN=Anna Abel;PARTSTAT=ACCEPTED:mailto:anna@schule.example\r\n"
				+ "CATEGORIES:Kollegium\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
		assertThat(web.caldav(teacher, secret, "PUT", "/caldav/" + teacher.login() + "/persoenlich/ios-42.ics", client).getStatus()).isEqualTo(201);

		String form = web.page(teacher, "/kalender/" + personal + "/termin/bearbeiten?name=ios-42.ics");
		assertThat(form).contains("value=\"Konferenz\"").contains("value=\"14:00\"").contains("value=\"15:00\"");
		MockHttpServletResponse saved = web.send(teacher, "/kalender/" + personal + "/termin", Map.of("name", "ios-42.ics", "titel",
				"Lehrerkonferenz", "vonDatum", "2026-12-04", "vonZeit", "14:30", "bisDatum", "2026-12-04", "bisZeit", "16:00", "ort", "Aula"));
		assertThat(saved.getStatus()).isEqualTo(302);
		String ics = caldav("ios-42.ics");
		assertThat(ics).contains("UID:ios-42").contains("SEQUENCE:3").contains("SUMMARY:Lehrerkonferenz").contains("LOCATION:Aula")
			.contains("DTSTART;TZID=Europe/Berlin:20261204T143000").contains("X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC")
			.contains("ATTENDEE;CN=Anna Abel;PARTSTAT=ACCEPTED:mailto:anna@schule.example").contains("CATEGORIES:Kollegium")
			.doesNotContain("DTSTAMP:20261101T100000Z").doesNotContain("BEGIN:VALARM");
	}

	@Test
	void deletingOnlyOneLessonOfASeriesExcludesItsDate() throws Exception {
		web.send(teacher, "/kalender/termin", series());
		String[] second = link("2026-12-08", "Mathe 7b");
		assertThat(second[2]).isEqualTo("2026-12-08T07:00:00Z");
		MockHttpServletResponse deleted = web.send(teacher, "/kalender/" + second[0] + "/termin/loeschen", Map.of("name", second[1], "instanz",
				second[2], "umfang", "dieses"));
		assertThat(deleted.getRedirectedUrl()).isEqualTo("/kalender?ansicht=monat&datum=2026-12-08");
		assertThat(caldav(second[1])).contains("EXDATE;TZID=Europe/Berlin:20261208T080000").contains("RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=TU");
		String month = web.page(teacher, "/kalender?ansicht=monat&datum=2026-12-01");
		assertThat(CalendarWebFixture.cell(month, "2026-12-01")).contains("Mathe 7b");
		assertThat(CalendarWebFixture.cell(month, "2026-12-08")).doesNotContain("Mathe 7b");
		assertThat(CalendarWebFixture.cell(month, "2026-12-15")).contains("Mathe 7b");
	}

	@Test
	void oneLessonMovedThenTheRestRenamedThenTheWholeSeriesDeleted() throws Exception {
		web.send(teacher, "/kalender/termin", series());
		String[] first = link("2026-12-01", "Mathe 7b");
		Map<String, String> moved = series();
		moved.putAll(Map.of("name", first[1], "instanz", first[2], "umfang", "dieses", "titel", "Mathe 7b (Raumtausch)", "vonZeit", "10:00",
				"bisZeit", "10:45"));
		assertThat(web.send(teacher, "/kalender/" + first[0] + "/termin", moved).getStatus()).isEqualTo(302);
		assertThat(caldav(first[1])).contains("RECURRENCE-ID;TZID=Europe/Berlin:20261201T080000");

		String[] third = link("2026-12-15", "Mathe 7b");
		Map<String, String> renamed = series();
		renamed.putAll(Map.of("name", third[1], "instanz", third[2], "umfang", "folgende", "titel", "Mathe 7b (Frau Neu)", "vonDatum", "2026-12-15",
				"bisDatum", "2026-12-15", "anzahl", "2"));
		assertThat(web.send(teacher, "/kalender/" + third[0] + "/termin", renamed).getStatus()).isEqualTo(302);

		String month = web.page(teacher, "/kalender?ansicht=monat&datum=2026-12-01");
		assertThat(CalendarWebFixture.cell(month, "2026-12-01")).contains("Mathe 7b (Raumtausch)").contains(">10:00<");
		assertThat(CalendarWebFixture.cell(month, "2026-12-08")).contains("Mathe 7b<");
		assertThat(CalendarWebFixture.cell(month, "2026-12-15")).contains("Mathe 7b (Frau Neu)");
		assertThat(CalendarWebFixture.cell(month, "2026-12-22")).contains("Mathe 7b (Frau Neu)");
		assertThat(caldav(first[1])).contains("UNTIL=20261215T065959Z");

		String[] all = link("2026-12-08", "Mathe 7b");
		web.send(teacher, "/kalender/" + all[0] + "/termin/loeschen", Map.of("name", all[1], "instanz", all[2], "umfang", "alle"));
		month = web.page(teacher, "/kalender?ansicht=monat&datum=2026-12-01");
		assertThat(CalendarWebFixture.cell(month, "2026-12-01")).doesNotContain("Mathe");
		assertThat(CalendarWebFixture.cell(month, "2026-12-22")).contains("Mathe 7b (Frau Neu)");
		assertThat(web.caldav(teacher, secret, "GET", "/caldav/" + teacher.login() + "/persoenlich/" + all[1], null).getStatus()).isEqualTo(404);
	}

	@Test
	void draggingMovesAnEventOrOneLessonOfASeriesAndDraggingItsEdgeMakesItLonger() throws Exception {
		web.send(teacher, "/kalender/termin", Map.of("titel", "Sprechstunde", "kalender", personal, "vonDatum", "2026-12-03", "vonZeit", "16:00",
				"bisDatum", "2026-12-03", "bisZeit", "18:00"));
		String[] single = link("2026-12-03", "Sprechstunde");
		String move = "/kalender/" + single[0] + "/termin/verschieben";
		// a day and an hour later, then half an hour longer
		assertThat(web.perform(teacher, post(move).param("name", single[1]).param("minuten", String.valueOf(24 * 60 + 60))).getStatus())
			.isEqualTo(204);
		assertThat(web.perform(teacher, post(move).param("name", single[1]).param("laenger", "30")).getStatus()).isEqualTo(204);
		assertThat(caldav(single[1])).contains("DTSTART;TZID=Europe/Berlin:20261204T170000").contains("DTEND;TZID=Europe/Berlin:20261204T193000")
			.contains("SEQUENCE:2");
		// shorter than nothing is refused, and the answer says why in the dialog's words
		MockHttpServletResponse shorter = web.perform(teacher, post(move).param("name", single[1]).param("laenger", "-600"));
		assertThat(shorter.getStatus()).isEqualTo(422);
		assertThat(shorter.getContentType()).startsWith("application/problem+json");
		assertThat(shorter.getContentAsString(StandardCharsets.UTF_8)).contains("\"detail\":\"Das Ende liegt vor dem Beginn.\"")
			.contains("\"status\":422");

		web.send(teacher, "/kalender/termin", series());
		String[] second = link("2026-12-08", "Mathe 7b");
		assertThat(web.perform(teacher, post("/kalender/" + second[0] + "/termin/verschieben").param("name", second[1]).param("instanz", second[2])
			.param("minuten", "60")).getStatus()).isEqualTo(204);
		String month = web.page(teacher, "/kalender?ansicht=monat&datum=2026-12-01");
		assertThat(CalendarWebFixture.cell(month, "2026-12-08")).contains(">09:00<");
		assertThat(CalendarWebFixture.cell(month, "2026-12-15")).contains(">08:00<");
	}

	@Test
	void aDragOntoATakenRoomIsRefusedWithTheReason() throws Exception {
		SchulhausUser admin = users.load(new TestSchools(mvc).createUser(school, "Anja", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2025", null)
			.login()).orElseThrow().withTwoFactor(true);
		var room = rooms.create(admin, "Computerraum", de.schulhaus.calendar.internal.Rooms.Kind.ROOM, 30, null);
		for (String[] slot : new String[][] { { "08:00", "09:30", "Mathe 7b" }, { "10:00", "11:00", "Physik 8a" } }) {
			web.perform(teacher, post("/kalender/raeume/" + room.id() + "/buchen").param("day", "2026-12-03").param("from", slot[0])
				.param("to", slot[1]).param("title", slot[2]));
		}
		String[] physics = link("2026-12-03", "Physik 8a");
		String name = java.net.URLDecoder.decode(physics[1], StandardCharsets.UTF_8);
		MockHttpServletResponse refused = web.perform(teacher, post("/kalender/" + physics[0] + "/termin/verschieben").param("name", name)
			.param("minuten", "-60"));
		assertThat(refused.getStatus()).isEqualTo(409);
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		// the room, the time and who booked it, as a sentence for the page and as fields
		String problem = refused.getContentAsString(StandardCharsets.UTF_8);
		assertThat(com.jayway.jsonpath.JsonPath.<String>read(problem, "$.detail")).isEqualTo("Computerraum ist am Donnerstag, 3. Dezember 2026 (KW 49) "
				+ "von 08:00 bis 09:30 Uhr schon gebucht (Mathe 7b, Tina Tafel). Es wurde nichts gespeichert; bitte wählen Sie eine andere Zeit oder "
				+ "einen anderen Raum.");
		assertThat(com.jayway.jsonpath.JsonPath.<String>read(problem, "$.title")).isEqualTo("Termin nicht verschoben");
		assertThat(com.jayway.jsonpath.JsonPath.<String>read(problem, "$.room")).isEqualTo("Computerraum");
		assertThat(com.jayway.jsonpath.JsonPath.<String>read(problem, "$.roomId")).isEqualTo(room.id().toString());
		assertThat(com.jayway.jsonpath.JsonPath.<String>read(problem, "$.bookedFrom")).isEqualTo("2026-12-03T07:00:00Z");
		assertThat(com.jayway.jsonpath.JsonPath.<String>read(problem, "$.bookedUntil")).isEqualTo("2026-12-03T08:30:00Z");
		assertThat(com.jayway.jsonpath.JsonPath.<String>read(problem, "$.bookedBy")).isEqualTo("Tina Tafel");
		assertThat(caldav(physics[1])).contains("20261203T100000");
		// the week view has the alert the script fills
		assertThat(web.page(teacher, "/kalender?ansicht=woche&datum=2026-12-03")).containsPattern("id=\"move-problem\"[^>]*role=\"alert\"")
			.contains("Der Termin konnte nicht verschoben werden");
	}
}
