package de.schulhaus.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/**
 * Teachers and staff a school admin chooses write the school's calendar, in the browser and over CalDAV;
 * the others, pupils of a chosen group among them, still only read it.
 */
@IntegrationTest
class SchoolCalendarWritersTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	GroupManagement groups;

	@Autowired
	ClientCredentials credentials;

	CalendarWebFixture web;
	TestSchools.SchoolRef school;
	SchulhausUser admin;
	SchulhausUser chosen;
	SchulhausUser other;
	SchulhausUser pupil;
	SchulhausUser stranger;

	@BeforeEach
	void school() throws Exception {
		web = new CalendarWebFixture(mvc, credentials);
		var t = new TestSchools(mvc);
		school = t.createSchool("Schulkalender-Schule");
		var otherSchool = t.createSchool("Andere Schulkalender-Schule");
		admin = users.load(t.createUser(school, "Anja", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2025", null).login()).orElseThrow()
			.withTwoFactor(true);
		chosen = users.load(t.createUser(school, "Carla", "Konferenz", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login()).orElseThrow();
		other = users.load(t.createUser(school, "Otto", "Ohne", "TEACHER", "Kompass-Laterne-Quitte-2027", null).login()).orElseThrow();
		pupil = users.load(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2028", null).login()).orElseThrow();
		stranger = users.load(t.createUser(otherSchool, "Sven", "Fremd", "TEACHER", "Kompass-Laterne-Quitte-2029", null).login()).orElseThrow();
	}

	private MvcResult choose(String field, Object id) throws Exception {
		return mvc.perform(post("/verwaltung/kalender/schreibrechte").param(field, id.toString()).with(user(admin)).with(csrf())).andReturn();
	}

	private int create(SchulhausUser person, String title) throws Exception {
		return web.send(person, "/kalender/termin", Map.of("titel", title, "kalender", school.id().toString(), "vonDatum", "2026-12-09",
				"vonZeit", "15:00", "bisDatum", "2026-12-09", "bisZeit", "17:00")).getStatus();
	}

	private String rights(SchulhausUser person) throws Exception {
		var response = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.request(org.springframework.http.HttpMethod.valueOf("PROPFIND"), java.net.URI.create("/caldav/" + person.login() + "/schule/"))
			.header("Depth", "0").contentType("application/xml")
			.content("<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:current-user-privilege-set/></D:prop></D:propfind>")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic(person.login(),
					web.caldavSecret(person))))
			.andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(207);
		// each privilege an empty element, <D:write/>, however the writer spells it (the JDK's: <D:write></D:write>)
		return response.getContentAsString(StandardCharsets.UTF_8).replaceAll("<(D:[a-z-]+)></\\1>", "<$1/>");
	}

	@Test
	void aChosenTeacherWritesTheSchoolCalendarAndTheOthersDoNot() throws Exception {
		assertThat(create(chosen, "Zeugniskonferenz")).isEqualTo(403);
		assertThat(rights(chosen)).doesNotContain("<D:write/>");

		assertThat(choose("konto", chosen.accountId()).getResponse().getRedirectedUrl()).isEqualTo("/verwaltung/kalender");
		assertThat(web.page(admin, "/verwaltung/kalender")).contains("Carla Konferenz");

		assertThat(create(chosen, "Zeugniskonferenz")).isEqualTo(302);
		assertThat(web.page(pupil, "/kalender?ansicht=monat&datum=2026-12-01")).contains("Zeugniskonferenz");
		assertThat(rights(chosen)).contains("<D:write/>");
		String secret = web.caldavSecret(chosen);
		String event = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//DE\r\nBEGIN:VEVENT\r\nUID:elternabend@x\r\nDTSTAMP:20261130T120000Z\r\n"
				+ "DTSTART:20261210T180000Z\r\nDTEND:20261210T200000Z\r\nSUMMARY:Elternabend\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
		assertThat(web.caldav(chosen, secret, "PUT", "/caldav/" + chosen.login() + "/schule/elternabend.ics", event).getStatus()).isEqualTo(201);

		// the others still only read
		assertThat(create(other, "Noch eine Konferenz")).isEqualTo(403);
		assertThat(rights(other)).contains("<D:read/>").doesNotContain("<D:write/>");
		assertThat(web.caldav(other, web.caldavSecret(other), "PUT", "/caldav/" + other.login() + "/schule/x.ics", event.replace("elternabend@x", "x@x"))
			.getStatus()).isEqualTo(403);

		// taken back: read-only again at once
		assertThat(mvc.perform(post("/verwaltung/kalender/schreibrechte/" + chosen.accountId() + "/entfernen").with(user(admin)).with(csrf()))
			.andReturn().getResponse().getRedirectedUrl()).isEqualTo("/verwaltung/kalender");
		assertThat(create(chosen, "Zu spät")).isEqualTo(403);
	}

	@Test
	void aChosenGroupsTeachersWriteButNotItsPupils() throws Exception {
		Group planning = groups.create(school.id(), "Terminplanung", GroupKind.STAFF, null, admin);
		groups.addMember(school.id(), planning.id(), other.accountId(), false, admin);
		groups.addMember(school.id(), planning.id(), pupil.accountId(), false, admin);
		assertThat(web.page(admin, "/verwaltung/kalender")).contains("Terminplanung");
		choose("gruppe", planning.id());

		assertThat(create(other, "Elternsprechtag")).isEqualTo(302);
		assertThat(create(pupil, "Schulfrei!")).isEqualTo(403);
		assertThat(rights(pupil)).doesNotContain("<D:write/>");

		// leaving the group ends it
		groups.removeMember(school.id(), planning.id(), other.accountId(), admin);
		assertThat(create(other, "Noch ein Sprechtag")).isEqualTo(403);
	}

	@Test
	void onlyTeachersAndStaffOfTheSchoolCanBeChosen() throws Exception {
		assertThat((String) choose("konto", pupil.accountId()).getFlashMap().get("problem")).contains("nur Lehrkräfte und Mitarbeitende");
		assertThat(create(pupil, "Schulfrei!")).isEqualTo(403);
		// another school's account, a missing one and a malformed id are all "not found"
		assertThat(choose("konto", stranger.accountId()).getResponse().getStatus()).isEqualTo(404);
		assertThat(choose("konto", java.util.UUID.randomUUID()).getResponse().getStatus()).isEqualTo(404);
		assertThat(choose("gruppe", "kein-id").getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/verwaltung/kalender/schreibrechte/" + other.accountId() + "/entfernen").with(user(admin)).with(csrf()))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
		// only school admins choose
		assertThat(mvc.perform(post("/verwaltung/kalender/schreibrechte").param("konto", other.accountId().toString()).with(user(other)).with(csrf()))
			.andReturn().getResponse().getStatus()).isEqualTo(403);
	}
}
