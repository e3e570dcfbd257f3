package de.schulhaus.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.calendar.internal.CalendarData;
import de.schulhaus.calendar.internal.CalendarFilesService;
import de.schulhaus.calendar.internal.CalendarObject;
import de.schulhaus.platform.SchulhausUser;

/** The bundled NRW school holidays: their dates, and a school admin taking them into the school's calendar twice without doubles. */
@IntegrationTest
class SchoolHolidaysTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theBundledFileHasTheVerifiedDatesAsAllDayEvents() throws Exception {
		List<CalendarObject> events;
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(CalendarFilesService.NRW_HOLIDAYS)) {
			events = CalendarData.split(in, CalendarFilesService.MAX_IMPORT);
		}
		Map<String, CalendarObject> byUid = events.stream().collect(Collectors.toMap(CalendarObject::uid, e -> e));
		assertThat(byUid).hasSize(9);
		// all-day: midnight in Berlin, the end the day after the last day of the holidays
		CalendarObject easter = byUid.get("schulferien-nrw-2027-ostern@schulhaus");
		assertThat(easter.summary()).isEqualTo("Osterferien 2027");
		assertThat(easter.start()).isEqualTo(Instant.parse("2027-03-21T23:00:00Z"));
		assertThat(easter.end()).isEqualTo(Instant.parse("2027-04-03T22:00:00Z"));
		CalendarObject summer = byUid.get("schulferien-nrw-2027-sommer@schulhaus");
		assertThat(summer.start()).isEqualTo(Instant.parse("2027-07-18T22:00:00Z"));
		assertThat(summer.end()).isEqualTo(Instant.parse("2027-08-31T22:00:00Z"));
		assertThat(byUid.get("schulferien-nrw-2027-pfingsten@schulhaus").start()).isEqualTo(Instant.parse("2027-05-17T22:00:00Z"));
		assertThat(events).allSatisfy(e -> assertThat(e.text()).contains("DTSTART;VALUE=DATE:").contains("TRANSP:TRANSPARENT"));
	}

	@Test
	void anAdminTakesTheHolidaysIntoTheSchoolCalendarThroughThePreviewAndTwiceMakesNoDoubles() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Ferien-Schule");
		SchulhausUser admin = users.load(t.createUser(school, "Anna", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2025", null).login()).orElseThrow()
			.withTwoFactor(true);
		SchulhausUser teacher = users.load(t.createUser(school, "Tom", "Lehrer", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login()).orElseThrow();

		assertThat(mvc.perform(get("/verwaltung/kalender").with(user(admin))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("Schulferien NRW übernehmen");
		String preview = take(admin);
		assertThat(preview).isEqualTo("/kalender/" + school.id() + "/import/" + preview.substring(preview.lastIndexOf('/') + 1));
		assertThat(page(admin, preview)).contains("9 neue Termine, 0 vorhandene werden ersetzt").contains("Herbstferien 2026").contains("Sommerferien 2028");
		mvc.perform(post(preview).with(user(admin)).with(csrf()));
		assertThat(count(school.id())).isEqualTo(9);
		// a pupil's or teacher's view of April 2027 shows the Easter holidays
		assertThat(page(teacher, "/kalender?ansicht=monat&datum=2027-04-01")).contains("Osterferien 2027");

		String again = take(admin);
		assertThat(page(admin, again)).contains("0 neue Termine, 9 vorhandene werden ersetzt");
		mvc.perform(post(again).with(user(admin)).with(csrf()));
		assertThat(count(school.id())).isEqualTo(9);

		// only school admins
		assertThat(mvc.perform(post("/verwaltung/kalender/schulferien").with(user(teacher)).with(csrf())).andReturn().getResponse().getStatus())
			.isEqualTo(403);
	}

	private String take(SchulhausUser admin) throws Exception {
		return mvc.perform(post("/verwaltung/kalender/schulferien").with(user(admin)).with(csrf())).andReturn().getResponse().getRedirectedUrl();
	}

	private String page(SchulhausUser person, String url) throws Exception {
		return mvc.perform(get(url).with(user(person))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private long count(java.util.UUID school) {
		return jdbc.sql("select count(*) from calendar_object where calendar_id = :s and uid like 'schulferien-nrw-%'").param("s", school)
			.query(Long.class).single();
	}
}
