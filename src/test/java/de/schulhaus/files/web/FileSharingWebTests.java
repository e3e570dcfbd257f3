package de.schulhaus.files.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.SchulhausUser;

/** Sharing from a file's details page: with a pupil of the school, by a link, and what others cannot do. */
@IntegrationTest
class FileSharingWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	Notifications notifications;

	SchulhausUser teacher;
	SchulhausUser pupil;
	SchulhausUser foreigner;

	@BeforeEach
	void people() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Teilen-Web-Schule");
		teacher = principal(t.createUser(school, "Tamara", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login());
		pupil = principal(t.createUser(school, "Pauline", "Pinsel", "PUPIL", "Kompass-Laterne-Quitte-2027", "6c").login());
		foreigner = principal(t.createUser(t.createSchool("Fremd-Web-Schule"), "Paula", "Pinselmann", "PUPIL", "Kompass-Laterne-Quitte-2028", null)
			.login());
		mvc.perform(post("/dateien/meine/ordner").param("name", "Kunst").with(user(teacher)).with(csrf()));
		mvc.perform(put("/dateien/meine/hochladen").param("pfad", "/Kunst/Farben.txt").content("Rot, Blau").with(user(teacher)).with(csrf()));
	}

	@Test
	void aTeacherSharesAFolderWithAPupilWhoIsToldAndSeesIt() throws Exception {
		assertThat(page(teacher, "/dateien/meine/details?pfad=/Kunst")).contains("/dateien/meine/teilen?pfad=/Kunst");
		String panel = mvc.perform(get("/dateien/meine/teilen").param("pfad", "/Kunst").header("HX-Request", "true").with(user(teacher)))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(panel).contains("Noch mit niemandem geteilt").doesNotContain("<html");

		String found = mvc.perform(get("/dateien/meine/teilen/suche").param("q", "Pinsel").with(user(teacher))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(found).contains("Pauline Pinsel").contains("person:" + pupil.accountId()).doesNotContain("Pinselmann");

		long before = notifications.unread(pupil);
		MvcResult shared = mvc.perform(post("/dateien/meine/teilen").param("pfad", "/Kunst").param("empfaenger", "person:" + pupil.accountId())
			.param("recht", "lesen").with(user(teacher)).with(csrf())).andReturn();
		assertThat(shared.getFlashMap().get("toast")).isEqualTo("files.toast.shared");
		assertThat(notifications.unread(pupil)).isEqualTo(before + 1);
		String link = notifications.newestFirst(pupil, 0, 1).get(0).link();
		assertThat(link).startsWith("/dateien/geteilt-");

		String seen = page(pupil, link);
		assertThat(seen).contains("Farben.txt").contains("Kunst");
		assertThat(page(pupil, "/dateien")).contains(link);
		// read only: the pupil's upload into it is refused, and the pupil cannot share it on
		MockHttpServletResponse upload = mvc.perform(put(link + "/hochladen").param("pfad", "/Meins.txt").content("x").with(user(pupil))
			.with(csrf())).andReturn().getResponse();
		assertThat(upload.getStatus()).isIn(403, 409);
		assertThat(mvc.perform(post(link + "/teilen").param("pfad", "/Farben.txt").param("empfaenger", "person:" + teacher.accountId())
			.with(user(pupil)).with(csrf())).andReturn().getFlashMap().get("problemText")).isNotNull();
		assertThat(mvc.perform(get(link).with(user(foreigner))).andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void aLinkIsShownOnceMadeAndWorksForSomebodyWithoutAnAccount() throws Exception {
		MvcResult made = mvc.perform(post("/dateien/meine/links").param("pfad", "/Kunst").param("art", "download").param("downloads", "3")
			.with(user(teacher)).with(csrf())).andReturn();
		String url = (String) made.getFlashMap().get("newLink");
		assertThat(url).contains("/s/");
		String path = url.substring(url.indexOf("/s/"));
		assertThat(mvc.perform(get(path)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("Farben.txt");
		String panel = mvc.perform(get("/dateien/meine/teilen").param("pfad", "/Kunst").with(user(teacher))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(panel).contains(path).contains("0 von 3 Downloads");

		assertThat(mvc.perform(post("/dateien/meine/links").param("pfad", "/Kunst").param("ablauf", "gestern").with(user(teacher)).with(csrf()))
			.andReturn().getFlashMap().get("problemText")).asString().contains("Datum");
		assertThat(mvc.perform(post("/dateien/meine/links").param("pfad", "/Kunst").param("art", "abgabe").param("passwort", "kurz")
			.with(user(teacher)).with(csrf())).andReturn().getFlashMap().get("problemText")).asString().contains("8 Zeichen");
		assertThat(mvc.perform(post("/dateien/meine/links").param("pfad", "/Kunst").with(user(teacher))).andReturn().getResponse().getStatus())
			.as("no CSRF token").isEqualTo(403);
	}

	@Test
	void somebodyOfAnotherSchoolCannotBeSharedWith() throws Exception {
		MockHttpServletResponse response = mvc.perform(post("/dateien/meine/teilen").param("pfad", "/Kunst")
			.param("empfaenger", "person:" + foreigner.accountId()).with(user(teacher)).with(csrf())).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(404);
	}

	private String page(SchulhausUser who, String url) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(java.net.URI.create(url)).with(user(who))).andReturn().getResponse();
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private SchulhausUser principal(String login) {
		SchulhausUser u = users.load(login).orElseThrow();
		u.eraseCredentials();
		return u.withTwoFactor(false);
	}
}
