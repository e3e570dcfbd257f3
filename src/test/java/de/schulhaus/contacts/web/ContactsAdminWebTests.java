package de.schulhaus.contacts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/** School admins decide what pupils see in the directory; the address book programs show it at once. */
@IntegrationTest
class ContactsAdminWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	SchulhausUser admin;
	SchulhausUser teacher;
	SchulhausUser pupil;
	SchulhausUser foreignPupil;
	String pupilSecret;
	String foreignSecret;

	@BeforeEach
	void schoolWithTwoClasses() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Verzeichnis-Schule");
		admin = web(t.createUser(school, "Alma", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2030", null).login());
		teacher = web(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login());
		pupil = users.load(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "7b").login()).orElseThrow();
		t.createUser(school, "Klara", "Kreide", "PUPIL", "Kompass-Laterne-Quitte-2028", "7b");
		t.createUser(school, "Olga", "Ofen", "PUPIL", "Kompass-Laterne-Quitte-2029", "8a");
		pupilSecret = credentials.createAppPassword(pupil, "Adressbuch", Set.of(Scope.CALENDAR), null).secret();
		var other = t.createSchool("Andere Verzeichnis-Schule");
		foreignPupil = users.load(t.createUser(other, "Fritz", "Fremd", "PUPIL", "Kompass-Laterne-Quitte-2031", "5a").login()).orElseThrow();
		t.createUser(other, "Frieda", "Fern", "PUPIL", "Kompass-Laterne-Quitte-2032", "6b");
		foreignSecret = credentials.createAppPassword(foreignPupil, "Adressbuch", Set.of(Scope.CALENDAR), null).secret();
	}

	@Test
	void onlySchoolAdminsDecideAndPupilsSeeWhatTheyChose() throws Exception {
		String page = page(admin, "/verwaltung/adressbuch");
		assertThat(page).contains("Schülerinnen und Schüler sehen im Schulverzeichnis").containsPattern("value=\"groups\"\\s+checked");
		assertThat(get(teacher, "/verwaltung/adressbuch").getStatus()).isEqualTo(403);
		assertThat(form(teacher, "everyone").getStatus()).isEqualTo(403);
		assertThat(mvc.perform(post("/verwaltung/adressbuch").with(user(admin)).param("schueler", "everyone")).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		// the default: the own class, not the other one
		assertThat(directory(pupil, pupilSecret)).contains("Klara Kreide").contains("Tina Tafel").doesNotContain("Olga Ofen");

		assertThat(form(admin, "everyone").getRedirectedUrl()).isEqualTo("/verwaltung/adressbuch");
		assertThat(page(admin, "/verwaltung/adressbuch")).containsPattern("value=\"everyone\"\\s+checked");
		assertThat(directory(pupil, pupilSecret)).contains("Olga Ofen").contains("Klara Kreide").contains("FN:8a");
		// another school's pupils still see only their own class
		assertThat(directory(foreignPupil, foreignSecret)).contains("Fritz Fremd").doesNotContain("Frieda Fern").doesNotContain("Olga Ofen");

		form(admin, "staff");
		assertThat(directory(pupil, pupilSecret)).contains("Tina Tafel").contains("Alma Admin").contains("Paul Pult").doesNotContain("Klara Kreide")
			.doesNotContain("Olga Ofen").doesNotContain("FN:7b");
		assertThat(form(admin, "alle").getStatus()).isEqualTo(400);
		assertThat(page(admin, "/verwaltung/adressbuch")).containsPattern("value=\"staff\"\\s+checked");
	}

	/** Signed in to the web UI, set up as the sign-in requires (two factors for admins, a password of one's own). */
	private SchulhausUser web(String login) {
		SchulhausUser u = users.load(login).orElseThrow();
		u.eraseCredentials();
		return u.withTwoFactor(true).withPasswordChanged();
	}

	private String directory(SchulhausUser who, String secret) throws Exception {
		MockHttpServletResponse response = mvc.perform(request(HttpMethod.valueOf("REPORT"), java.net.URI.create("/carddav/" + who.login() + "/schule/"))
			.with(httpBasic(who.login(), secret)).header("Depth", "1").content("""
					<CR:addressbook-query xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
					  <D:prop><D:getetag/><CR:address-data/></D:prop>
					</CR:addressbook-query>""")).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(207);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private MockHttpServletResponse get(SchulhausUser who, String url) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(url).with(user(who))).andReturn().getResponse();
	}

	private String page(SchulhausUser who, String url) throws Exception {
		MockHttpServletResponse response = get(who, url);
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private MockHttpServletResponse form(SchulhausUser who, String choice) throws Exception {
		return mvc.perform(post("/verwaltung/adressbuch").with(user(who)).with(csrf()).param("schueler", choice)).andReturn().getResponse();
	}
}
