package de.schulhaus.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/**
 * An event of the class calendar shown "only as busy": the pupils who read the calendar see "Belegt" and its time, in the
 * views, the dialog, the feed and over CalDAV; the teacher who wrote it sees everything.
 */
@IntegrationTest
class BusyOnlyWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	GroupManagement groups;

	@Autowired
	ClientCredentials credentials;

	CalendarWebFixture web;
	SchulhausUser teacher;
	SchulhausUser pupil;
	Group seven;
	String name;

	@BeforeEach
	void aPrivateEventInTheClassCalendar() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Belegt-Schule");
		teacher = users.load(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login()).orElseThrow();
		pupil = users.load(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "7b").login()).orElseThrow();
		seven = groups.list(school.id()).stream().filter(g -> g.name().equals("7b")).findFirst().orElseThrow();
		groups.addMember(school.id(), seven.id(), teacher.accountId(), true, teacher);
		web = new CalendarWebFixture(mvc, credentials);

		Map<String, String> fields = new HashMap<>(Map.of("titel", "Gespräch Familie Meyer", "kalender", seven.id().toString(), "vonDatum",
				"2026-12-03", "vonZeit", "16:00", "bisDatum", "2026-12-03", "bisZeit", "17:00", "ort", "Raum 12", "beschreibung",
				"Versetzung gefährdet", "sichtbarkeit", "belegt"));
		assertThat(web.send(teacher, "/kalender/termin", fields).getStatus()).isEqualTo(302);
		name = CalendarWebFixture.link(CalendarWebFixture.cell(web.page(teacher, "/kalender?ansicht=monat&datum=2026-12-03"), "2026-12-03"),
				"Gespräch Familie Meyer")[1];
	}

	@Test
	void aPupilSeesOnlyBelegtInEveryViewAndInTheDialog() throws Exception {
		String month = CalendarWebFixture.cell(web.page(pupil, "/kalender?ansicht=monat&datum=2026-12-03"), "2026-12-03");
		assertThat(month).contains("Belegt").contains(">16:00<").doesNotContain("Meyer");
		String week = CalendarWebFixture.column(web.page(pupil, "/kalender?ansicht=woche&datum=2026-12-03"), "2026-12-03");
		assertThat(week).contains("Belegt").doesNotContain("Meyer");
		String day = web.page(pupil, "/kalender?ansicht=tag&datum=2026-12-03");
		assertThat(day).contains("Belegt").doesNotContain("Meyer").doesNotContain("Raum 12");
		String agenda = web.page(pupil, "/kalender?ansicht=liste&datum=2026-12-01");
		assertThat(agenda).contains("Belegt").doesNotContain("Meyer").doesNotContain("Raum 12");

		String details = web.page(pupil, "/kalender/" + seven.id() + "/termin?name=" + name);
		assertThat(details).contains("Belegt").contains("16:00–17:00").doesNotContain("Meyer").doesNotContain("Raum 12")
			.doesNotContain("Versetzung").doesNotContain("Bearbeiten");
	}

	@Test
	void theTeacherWhoWroteItSeesEverythingAndTheDialogKeepsTheChoice() throws Exception {
		String month = CalendarWebFixture.cell(web.page(teacher, "/kalender?ansicht=monat&datum=2026-12-03"), "2026-12-03");
		assertThat(month).contains("Gespräch Familie Meyer").doesNotContain("Belegt");
		assertThat(web.page(teacher, "/kalender/" + seven.id() + "/termin?name=" + name)).contains("Raum 12").contains("Versetzung gefährdet");
		String form = web.page(teacher, "/kalender/" + seven.id() + "/termin/bearbeiten?name=" + name);
		assertThat(form).containsPattern("value=\"belegt\"[^>]*checked").contains("Nur als belegt zeigen").contains("Für alle sichtbar");

		// made visible to everyone again, the pupil reads it
		Map<String, String> fields = new HashMap<>(Map.of("name", name, "titel", "Gespräch Familie Meyer", "vonDatum", "2026-12-03", "vonZeit",
				"16:00", "bisDatum", "2026-12-03", "bisZeit", "17:00", "sichtbarkeit", "alle"));
		assertThat(web.send(teacher, "/kalender/" + seven.id() + "/termin", fields).getStatus()).isEqualTo(302);
		assertThat(CalendarWebFixture.cell(web.page(pupil, "/kalender?ansicht=monat&datum=2026-12-03"), "2026-12-03")).contains("Meyer")
			.doesNotContain("Belegt");
	}

	@Test
	void overCalDavAPupilGetsAStrippedEventAndTheTeacherTheWholeOne() throws Exception {
		String pupilSecret = web.caldavSecret(pupil);
		String teacherSecret = web.caldavSecret(teacher);
		String pupilPath = "/caldav/" + pupil.login() + "/" + seven.id() + "/" + name;

		MockHttpServletResponse got = web.caldav(pupil, pupilSecret, "GET", pupilPath, null);
		assertThat(got.getStatus()).isEqualTo(200);
		String stripped = got.getContentAsString(StandardCharsets.UTF_8);
		assertThat(stripped).contains("SUMMARY:Belegt").contains("CLASS:PRIVATE").contains("DTSTART;TZID=Europe/Berlin:20261203T160000")
			.contains("DTEND;TZID=Europe/Berlin:20261203T170000").contains("UID:").contains("BEGIN:VTIMEZONE")
			.doesNotContain("Meyer").doesNotContain("LOCATION").doesNotContain("DESCRIPTION").doesNotContain("ORGANIZER");
		assertThat(got.getContentAsByteArray()).hasSize(Integer.parseInt(got.getHeader("Content-Length")));

		String whole = web.caldav(teacher, teacherSecret, "GET", "/caldav/" + teacher.login() + "/" + seven.id() + "/" + name, null)
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(whole).contains("SUMMARY:Gespräch Familie Meyer").contains("LOCATION:Raum 12").contains("DESCRIPTION:Versetzung gefährdet");

		String home = "/caldav/" + pupil.login() + "/";
		String multiget = report(pupil, pupilSecret, home + seven.id() + "/", """
				<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
				  <D:prop><D:getetag/><C:calendar-data/></D:prop>
				  <D:href>%s</D:href>
				</C:calendar-multiget>""".formatted(pupilPath));
		assertThat(multiget).contains("SUMMARY:Belegt").doesNotContain("Meyer").doesNotContain("Raum 12");

		String query = report(pupil, pupilSecret, home + seven.id() + "/", """
				<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
				  <D:prop><D:getetag/><C:calendar-data/></D:prop>
				  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
				    <C:time-range start="20261201T000000Z" end="20261231T000000Z"/>
				  </C:comp-filter></C:comp-filter></C:filter>
				</C:calendar-query>""");
		assertThat(query).contains(name).contains("SUMMARY:Belegt").doesNotContain("Meyer");
		// its hidden words are not found either
		String searched = report(pupil, pupilSecret, home + seven.id() + "/", """
				<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
				  <D:prop><D:getetag/></D:prop>
				  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
				    <C:prop-filter name="SUMMARY"><C:text-match>Meyer</C:text-match></C:prop-filter>
				  </C:comp-filter></C:comp-filter></C:filter>
				</C:calendar-query>""");
		assertThat(searched).doesNotContain(name);
		String expanded = report(pupil, pupilSecret, home + seven.id() + "/", """
				<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
				  <D:prop><C:calendar-data><C:expand start="20261201T000000Z" end="20261231T000000Z"/></C:calendar-data></D:prop>
				  <D:href>%s</D:href>
				</C:calendar-multiget>""".formatted(pupilPath));
		assertThat(expanded).contains("SUMMARY:Belegt").contains("DTSTART:20261203T150000Z").doesNotContain("Meyer");

		String sync = report(pupil, pupilSecret, home + seven.id() + "/", """
				<D:sync-collection xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:sync-token/><D:sync-level>1</D:sync-level>
				<D:prop><D:getetag/><C:calendar-data/></D:prop></D:sync-collection>""");
		assertThat(sync).contains(name).contains("SUMMARY:Belegt").doesNotContain("Meyer");
		String teacherSync = report(teacher, teacherSecret, "/caldav/" + teacher.login() + "/" + seven.id() + "/", """
				<D:sync-collection xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:sync-token/><D:sync-level>1</D:sync-level>
				<D:prop><D:getetag/><C:calendar-data/></D:prop></D:sync-collection>""");
		assertThat(teacherSync).contains("Gespräch Familie Meyer").contains("Raum 12");
	}

	@Test
	void theSecretFeedAndTheExportOfAPupilSayBelegt() throws Exception {
		var made = mvc.perform(post("/kalender/" + seven.id() + "/abo").with(user(pupil)).with(csrf())).andReturn();
		String url = (String) made.getFlashMap().get("feedUrl");
		String feed = mvc.perform(get(url.substring(url.indexOf("/kalender/abo/")))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(feed).contains("SUMMARY:Belegt").contains("CLASS:PRIVATE").doesNotContain("Meyer").doesNotContain("Raum 12");
		assertThat(web.page(pupil, "/kalender/" + seven.id() + "/export.ics")).contains("SUMMARY:Belegt").doesNotContain("Meyer");
		assertThat(web.page(teacher, "/kalender/" + seven.id() + "/export.ics")).contains("Gespräch Familie Meyer");
	}

	private String report(SchulhausUser person, String secret, String path, String body) throws Exception {
		MockHttpServletResponse response = mvc.perform(request(HttpMethod.valueOf("REPORT"), java.net.URI.create(path)).header("Depth", "1")
			.contentType("application/xml").content(body).with(httpBasic(person.login(), secret))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(207);
		return response.getContentAsString(StandardCharsets.UTF_8).replace("\r\n ", "").replace("&#13;", "");
	}
}
