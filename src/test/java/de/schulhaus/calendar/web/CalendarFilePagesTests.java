package de.schulhaus.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/** A calendar as a file: import with a preview and without doubles, export, and a secret feed that ends when revoked or when the person leaves. */
@IntegrationTest
class CalendarFilePagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	GroupManagement groups;

	SchulhausUser teacher;
	SchulhausUser pupil;
	Group seven;
	TestSchools.SchoolRef school;

	static final String FILE = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\n"
			+ "BEGIN:VEVENT\r\nUID:konferenz@x\r\nDTSTAMP:20261130T120000Z\r\nDTSTART:20261203T130000Z\r\nDTEND:20261203T150000Z\r\nSUMMARY:Zeugniskonferenz\r\nEND:VEVENT\r\n"
			+ "BEGIN:VEVENT\r\nUID:sprechtag@x\r\nDTSTAMP:20261130T120000Z\r\nDTSTART:20261210T150000Z\r\nDTEND:20261210T190000Z\r\nSUMMARY:Elternsprechtag\r\nEND:VEVENT\r\n"
			+ "END:VCALENDAR\r\n";

	@BeforeEach
	void classWithTeacher() throws Exception {
		var t = new TestSchools(mvc);
		school = t.createSchool("Kalender-Datei-Schule");
		teacher = users.load(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login()).orElseThrow();
		pupil = users.load(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "7b").login()).orElseThrow();
		seven = groups.list(school.id()).stream().filter(g -> g.name().equals("7b")).findFirst().orElseThrow();
		groups.addMember(school.id(), seven.id(), teacher.accountId(), true, teacher);
	}

	@Test
	void anImportShowsWhatItDoesAndNeverDoublesEvents() throws Exception {
		String preview = importFile(FILE);
		assertThat(preview).contains("2 neue Termine, 0 vorhandene werden ersetzt").contains("Zeugniskonferenz").contains("Elternsprechtag");
		String location = mvc.perform(post(previewPath).with(user(teacher)).with(csrf())).andReturn().getResponse().getRedirectedUrl();
		assertThat(location).isEqualTo("/kalender/" + seven.id() + "/datei");
		String export = mvc.perform(get("/kalender/" + seven.id() + "/export.ics").with(user(pupil))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(export).startsWith("BEGIN:VCALENDAR").contains("Zeugniskonferenz").contains("Elternsprechtag");

		// the same file again: both replaced, none added
		assertThat(importFile(FILE.replace("Zeugniskonferenz", "Zeugniskonferenz (Aula)"))).contains("0 neue Termine, 2 vorhandene werden ersetzt");
		mvc.perform(post(previewPath).with(user(teacher)).with(csrf()));
		String again = mvc.perform(get("/kalender/" + seven.id() + "/export.ics").with(user(teacher))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(again.split("BEGIN:VEVENT", -1)).hasSize(3);
		assertThat(again).contains("Zeugniskonferenz (Aula)");

		// a pupil may not import into the class's calendar, and a broken file says why
		var refused = mvc.perform(multipart("/kalender/" + seven.id() + "/import").file(new MockMultipartFile("file", "a.ics", "text/calendar",
				FILE.getBytes(StandardCharsets.UTF_8))).with(user(pupil)).with(csrf())).andReturn();
		assertThat((String) refused.getFlashMap().get("problem")).contains("nicht importieren");
		var broken = mvc.perform(multipart("/kalender/" + seven.id() + "/import").file(new MockMultipartFile("file", "a.ics", "text/calendar",
				FILE.replace("UID:konferenz@x\r\n", "").getBytes(StandardCharsets.UTF_8))).with(user(teacher)).with(csrf())).andReturn();
		assertThat((String) broken.getFlashMap().get("problem")).contains("keine gültige Kalenderdatei").contains("UID");
	}

	@Test
	void aSecretFeedWorksWithoutSignInUntilRevokedOrThePersonLeaves() throws Exception {
		importFile(FILE);
		mvc.perform(post(previewPath).with(user(teacher)).with(csrf()));
		var made = mvc.perform(post("/kalender/" + seven.id() + "/abo").with(user(pupil)).with(csrf())).andReturn();
		String url = (String) made.getFlashMap().get("feedUrl");
		assertThat(url).contains("/kalender/abo/");
		String path = url.substring(url.indexOf("/kalender/abo/"));
		assertThat(mvc.perform(get(path)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("Elternsprechtag");
		assertThat(mvc.perform(get("/kalender/abo/" + "x".repeat(32))).andReturn().getResponse().getStatus()).isEqualTo(404);

		groups.removeMember(school.id(), seven.id(), pupil.accountId(), teacher);
		assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus()).isEqualTo(404);

		var own = mvc.perform(post("/kalender/" + teacher.accountId() + "/abo").with(user(teacher)).with(csrf())).andReturn();
		String ownPath = ((String) own.getFlashMap().get("feedUrl")).replaceAll("^https?://[^/]+", "");
		assertThat(mvc.perform(get(ownPath)).andReturn().getResponse().getStatus()).isEqualTo(200);
		mvc.perform(post("/kalender/" + teacher.accountId() + "/abo/widerrufen").with(user(teacher)).with(csrf()));
		assertThat(mvc.perform(get(ownPath)).andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	String previewPath;

	private String importFile(String ics) throws Exception {
		previewPath = mvc.perform(multipart("/kalender/" + seven.id() + "/import").file(new MockMultipartFile("file", "termine.ics", "text/calendar",
				ics.getBytes(StandardCharsets.UTF_8))).with(user(teacher)).with(csrf())).andReturn().getResponse().getRedirectedUrl();
		assertThat(previewPath).startsWith("/kalender/" + seven.id() + "/import/");
		return mvc.perform(get(previewPath).with(user(teacher))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}
}
