package de.schulhaus.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
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

/** A series' exceptions in its details: dates left out brought back, instances changed on their own set back to the series. */
@IntegrationTest
class EventExceptionsWebTests {

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
	SchulhausUser pupil;
	String secret;
	String personal;
	String name;

	@BeforeEach
	void aWeeklyLessonWithOneDateLeftOutAndOneMoved() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Ausnahmen-Schule");
		teacher = users.load(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", "7b").login()).orElseThrow();
		web = new CalendarWebFixture(mvc, credentials);
		secret = web.caldavSecret(teacher);
		personal = calendars.visibleTo(teacher).get(0).id().toString();
		assertThat(web.send(teacher, "/kalender/termin", new HashMap<>(Map.of("titel", "Mathe 7b", "kalender", personal, "vonDatum", "2026-12-01",
				"vonZeit", "08:00", "bisDatum", "2026-12-01", "bisZeit", "08:45", "wiederholung", "woechentlich", "tage", "di", "ende", "anzahl",
				"anzahl", "4"))).getStatus()).isEqualTo(302);
		name = CalendarWebFixture.link(CalendarWebFixture.cell(web.page(teacher, "/kalender?ansicht=monat&datum=2026-12-01"), "2026-12-01"),
				"Mathe 7b")[1];
		assertThat(web.perform(teacher, post("/kalender/" + personal + "/termin/loeschen").param("name", name)
			.param("instanz", "2026-12-08T07:00:00Z").param("umfang", "dieses")).getStatus()).isEqualTo(302);
		assertThat(web.send(teacher, "/kalender/" + personal + "/termin", new HashMap<>(Map.of("titel", "Mathe 7b (Vertretung)", "kalender", personal,
				"name", name, "instanz", "2026-12-15T07:00:00Z", "umfang", "dieses", "vonDatum", "2026-12-16", "vonZeit", "10:00", "bisDatum",
				"2026-12-16", "bisZeit", "10:45", "wiederholung", "beibehalten"))).getStatus()).isEqualTo(302);
	}

	private String caldav() throws Exception {
		return web.caldav(teacher, secret, "GET", "/caldav/" + teacher.login() + "/persoenlich/" + name, null).getContentAsString(StandardCharsets.UTF_8)
			.replace("\r\n ", "");
	}

	private String month() throws Exception {
		return web.page(teacher, "/kalender?ansicht=monat&datum=2026-12-01");
	}

	private MockHttpServletResponse undo(String action, String date) throws Exception {
		return web.perform(teacher, post("/kalender/" + personal + "/termin/ausnahme").header("HX-Request", "true").param("name", name)
			.param("datum", date).param("aktion", action).param("ansicht", "monat"));
	}

	@Test
	void theDetailsListWhatTheSeriesLeavesOutAndMoves() throws Exception {
		String details = web.page(teacher, "/kalender/" + personal + "/termin?name=" + name);
		assertThat(details).contains("Ausnahmen der Serie").contains("Dienstag, 8. Dezember 2026, 08:00 Uhr: entfällt")
			.contains("Dienstag, 15. Dezember 2026, 08:00 Uhr: verschoben auf Mittwoch, 16. Dezember 2026, 10:00 Uhr").contains("(Mathe 7b (Vertretung))")
			.contains("aria-label=\"Termin am Dienstag, 8. Dezember 2026, 08:00 Uhr wiederherstellen\"")
			.contains("aria-label=\"Termin am Dienstag, 15. Dezember 2026, 08:00 Uhr auf die Serie zurücksetzen\"");
	}

	@Test
	void anExcludedDateComesBack() throws Exception {
		assertThat(CalendarWebFixture.cell(month(), "2026-12-08")).doesNotContain("Mathe 7b");
		MockHttpServletResponse restored = undo("wiederherstellen", "2026-12-08T07:00:00Z");
		assertThat(restored.getStatus()).isEqualTo(200);
		String details = restored.getContentAsString(StandardCharsets.UTF_8);
		assertThat(details).contains("Der Termin am Dienstag, 8. Dezember 2026 findet wieder statt.").doesNotContain(": entfällt")
			.contains(": verschoben auf");
		assertThat(CalendarWebFixture.cell(month(), "2026-12-08")).contains("Mathe 7b");
		assertThat(caldav()).doesNotContain("EXDATE").contains("SEQUENCE:2");
		// a date the series does not leave out
		assertThat(undo("wiederherstellen", "2026-12-08T07:00:00Z").getStatus()).isEqualTo(404);
		assertThat(undo("wiederherstellen", "kein-datum").getStatus()).isEqualTo(404);
	}

	@Test
	void aMovedInstanceIsSetBackToTheSeries() throws Exception {
		assertThat(CalendarWebFixture.cell(month(), "2026-12-16")).contains("Mathe 7b (Vertretung)");
		MockHttpServletResponse reset = undo("zuruecksetzen", "2026-12-15T07:00:00Z");
		assertThat(reset.getStatus()).isEqualTo(200);
		assertThat(reset.getContentAsString(StandardCharsets.UTF_8)).contains("Der Termin am Dienstag, 15. Dezember 2026 ist wieder wie die Serie.")
			.doesNotContain(": verschoben auf").contains(": entfällt");
		String month = month();
		assertThat(CalendarWebFixture.cell(month, "2026-12-16")).doesNotContain("Mathe 7b");
		assertThat(CalendarWebFixture.cell(month, "2026-12-15")).contains("Mathe 7b").doesNotContain("Vertretung");
		assertThat(caldav()).doesNotContain("RECURRENCE-ID").contains("EXDATE");
		assertThat(undo("zuruecksetzen", "2026-12-15T07:00:00Z").getStatus()).isEqualTo(404);
	}

	@Test
	void withoutScriptTheDetailsPageFollowsWithTheMessage() throws Exception {
		MockHttpServletResponse restored = web.perform(teacher, post("/kalender/" + personal + "/termin/ausnahme").param("name", name)
			.param("datum", "2026-12-08T07:00:00Z").param("aktion", "wiederherstellen").param("ansicht", "woche"));
		assertThat(restored.getStatus()).isEqualTo(302);
		assertThat(restored.getRedirectedUrl()).isEqualTo("/kalender/" + personal + "/termin?name=" + name + "&ansicht=woche");
	}
}
