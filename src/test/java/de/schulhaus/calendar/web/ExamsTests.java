package de.schulhaus.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/** A class's exam plan: teachers enter, pupils read, a second exam that day needs a confirmation, the school's weekly limit holds everywhere. */
@IntegrationTest
class ExamsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	GroupManagement groups;

	@Autowired
	ClientCredentials credentials;

	SchulhausUser admin;
	SchulhausUser teacher;
	SchulhausUser pupil;
	Group seven;

	@BeforeEach
	void classWithTeacher() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Klausur-Schule");
		admin = users.load(t.createUser(school, "Anja", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2025", null).login()).orElseThrow()
			.withTwoFactor(true);
		teacher = users.load(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login()).orElseThrow();
		pupil = users.load(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "7b").login()).orElseThrow();
		seven = groups.list(school.id()).stream().filter(g -> g.name().equals("7b")).findFirst().orElseThrow();
		groups.addMember(school.id(), seven.id(), teacher.accountId(), true, teacher);
	}

	private MvcResult enter(SchulhausUser who, String day, String title, boolean confirmed) throws Exception {
		return mvc.perform(post("/kalender/klausuren/" + seven.id()).param("day", day).param("from", "08:00").param("to", "09:30")
			.param("title", title).param("confirmed", String.valueOf(confirmed)).with(user(who)).with(csrf())).andReturn();
	}

	@Test
	void teachersEnterExamsAndPupilsReadThem() throws Exception {
		assertThat((String) enter(teacher, "2026-12-08", "Mathematik: Brüche", false).getFlashMap().get("entered")).contains("Mathematik: Brüche");
		String page = mvc.perform(get("/kalender/klausuren/" + seven.id()).with(user(pupil))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Klausurplan 7b").contains("Dienstag, 08.12.2026").contains("Mathematik: Brüche").doesNotContain("id=\"enter-exam\"");
		assertThat((String) enter(pupil, "2026-12-09", "Heimlich", false).getFlashMap().get("problem")).contains("nur die Lehrkräfte");
		// over CalDAV the plan is a read-only calendar of the class
		String secret = credentials.createAppPassword(pupil, "Kalender", Set.of(Scope.CALENDAR), null).secret();
		String listing = mvc.perform(request(HttpMethod.valueOf("PROPFIND"), java.net.URI.create("/caldav/" + pupil.login() + "/klausuren-" + seven.id() + "/"))
			.header("Depth", "1").with(httpBasic(pupil.login(), secret))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(listing).contains(".ics");
	}

	@Test
	void aSecondExamThatDayNeedsAConfirmation() throws Exception {
		enter(teacher, "2026-12-08", "Mathematik", false);
		MvcResult warned = enter(teacher, "2026-12-08", "Englisch", false);
		assertThat((String) warned.getFlashMap().get("sameDay")).contains("schreibt an diesem Tag schon: Mathematik");
		assertThat(page()).doesNotContain("Englisch");
		assertThat(enter(teacher, "2026-12-08", "Englisch", true).getFlashMap().get("entered")).isNotNull();
		assertThat(page()).contains("Englisch");
	}

	@Test
	void theSchoolsWeeklyLimitHoldsOnThePageAndOverCalDav() throws Exception {
		mvc.perform(post("/verwaltung/kalender").param("limit", "2").with(user(admin)).with(csrf()));
		enter(teacher, "2026-12-07", "Mathematik", false);
		enter(teacher, "2026-12-09", "Deutsch", false);
		String refused = (String) enter(teacher, "2026-12-11", "Biologie", false).getFlashMap().get("problem");
		assertThat(refused).contains("schon 2 Arbeiten").contains("Mathematik, Deutsch").contains("erlaubt 2");
		assertThat(page()).doesNotContain("Biologie");
		// the next week is free
		assertThat(enter(teacher, "2026-12-14", "Biologie", false).getFlashMap().get("entered")).isNotNull();

		String secret = credentials.createAppPassword(teacher, "Kalender", Set.of(Scope.CALENDAR), null).secret();
		String event = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\nBEGIN:VEVENT\r\nUID:physik@x\r\nDTSTAMP:20261130T120000Z\r\n"
				+ "DTSTART:20261210T070000Z\r\nDTEND:20261210T083000Z\r\nSUMMARY:Physik\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
		var put = mvc.perform(request(HttpMethod.PUT, java.net.URI.create("/caldav/" + teacher.login() + "/klausuren-" + seven.id() + "/physik.ics"))
			.contentType("text/calendar").content(event).with(httpBasic(teacher.login(), secret))).andReturn().getResponse();
		assertThat(put.getStatus()).isEqualTo(403);
		assertThat(put.getContentAsString()).contains("2 exams in that week");
	}

	private String page() throws Exception {
		return mvc.perform(get("/kalender/klausuren/" + seven.id()).with(user(teacher))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}
}
