package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/** Group, school and office spaces over WebDAV: who sees which, who may change what. */
@IntegrationTest
class SpacesDavTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	GroupManagement groups;

	@Autowired
	Spaces spaces;

	Person teacher;
	Person pupil;
	Person otherPupil;
	Person staff;
	Group seven;

	record Person(SchulhausUser user, String secret) {
	}

	@BeforeEach
	void classWithTeacherAndPupils() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Raum-Schule");
		teacher = person(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null));
		pupil = person(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "7b"));
		otherPupil = person(t.createUser(school, "Olga", "Ofen", "PUPIL", "Kompass-Laterne-Quitte-2028", "7c"));
		staff = person(t.createUser(school, "Sven", "Sekretariat", "STAFF", "Kompass-Laterne-Quitte-2029", null));
		seven = groups.list(school.id()).stream().filter(g -> g.name().equals("7b")).findFirst().orElseThrow();
		groups.addMember(school.id(), seven.id(), teacher.user().accountId(), true, teacher.user());
	}

	@Test
	void aPupilSeesTheSchoolAndTheirClassButNotTheOfficeOrAnotherClass() throws Exception {
		MockHttpServletResponse list = perform(dav(pupil, "PROPFIND", "").header("Depth", "1"));
		assertThat(list.getStatus()).isEqualTo(207);
		String xml = list.getContentAsString(StandardCharsets.UTF_8);
		assertThat(xml).contains("/dav/spaces/Schule/</D:href>").contains("/dav/spaces/7b/</D:href>")
			.doesNotContain("Verwaltung").doesNotContain("/7c/");
		assertThat(perform(dav(pupil, "PROPFIND", "Verwaltung/").header("Depth", "0")).getStatus()).isEqualTo(404);
		assertThat(perform(dav(pupil, "PROPFIND", "7c/").header("Depth", "0")).getStatus()).isEqualTo(404);
		assertThat(perform(dav(teacher, "PROPFIND", "Verwaltung/").header("Depth", "0")).getStatus()).isEqualTo(404);
		assertThat(perform(dav(pupil, "MKCOL", "Neu/")).getStatus()).isEqualTo(404);
	}

	@Test
	void theTeacherSharesMaterialWithTheClassAndDecidesWhetherPupilsChangeIt() throws Exception {
		assertThat(perform(dav(teacher, "PUT", "7b/Arbeitsblatt.txt").content("Aufgabe 1")).getStatus()).isEqualTo(201);
		assertThat(perform(dav(pupil, "GET", "7b/Arbeitsblatt.txt")).getContentAsString()).isEqualTo("Aufgabe 1");
		// the same space by the group's id
		assertThat(perform(dav(pupil, "GET", seven.id() + "/Arbeitsblatt.txt")).getContentAsString()).isEqualTo("Aufgabe 1");
		assertThat(perform(dav(otherPupil, "GET", "7b/Arbeitsblatt.txt")).getStatus()).isEqualTo(404);
		assertThat(perform(dav(otherPupil, "GET", seven.id() + "/Arbeitsblatt.txt")).getStatus()).isEqualTo(404);

		// pupils write by default
		assertThat(perform(dav(pupil, "PUT", "7b/Loesung-Paul.txt").content("42")).getStatus()).isEqualTo(201);
		assertThatThrownBy(() -> spaces.setWriters(pupil.user(), "7b", false)).isInstanceOf(NotFoundException.class);
		spaces.setWriters(teacher.user(), "7b", false);
		assertThat(perform(dav(pupil, "PUT", "7b/Loesung-Paul.txt").content("43")).getStatus()).isEqualTo(403);
		assertThat(perform(dav(pupil, "DELETE", "7b/Arbeitsblatt.txt")).getStatus()).isEqualTo(403);
		assertThat(perform(dav(pupil, "MOVE", "7b/Arbeitsblatt.txt").header("Destination", "http://localhost/dav/spaces/7b/weg.txt"))
			.getStatus()).isEqualTo(403);
		assertThat(perform(dav(pupil, "GET", "7b/Loesung-Paul.txt")).getContentAsString()).isEqualTo("42");
		assertThat(perform(dav(teacher, "PUT", "7b/Loesung-Paul.txt").content("korrigiert")).getStatus()).isEqualTo(204);

		// an archived class's files stay readable and change no more
		groups.archive(seven.schoolId(), seven.id(), true, teacher.user());
		assertThat(perform(dav(teacher, "PUT", "7b/Neu.txt").content("x")).getStatus()).isEqualTo(403);
		assertThat(perform(dav(pupil, "GET", "7b/Loesung-Paul.txt")).getContentAsString()).isEqualTo("korrigiert");
	}

	@Test
	void everybodyReadsTheSchoolSpaceAndOnlyStaffAndAdminsUseTheOffice() throws Exception {
		assertThat(perform(dav(teacher, "PUT", "Schule/Hausordnung.txt").content("Regeln")).getStatus()).isEqualTo(201);
		assertThat(perform(dav(pupil, "GET", "Schule/Hausordnung.txt")).getContentAsString()).isEqualTo("Regeln");
		assertThat(perform(dav(pupil, "PUT", "Schule/Hausordnung.txt").content("keine")).getStatus()).isEqualTo(403);

		assertThat(perform(dav(staff, "PUT", "Verwaltung/Haushalt.txt").content("geheim")).getStatus()).isEqualTo(201);
		assertThat(perform(dav(staff, "GET", "Verwaltung/Haushalt.txt")).getContentAsString()).isEqualTo("geheim");
		assertThat(perform(dav(teacher, "GET", "Verwaltung/Haushalt.txt")).getStatus()).isEqualTo(404);
		assertThat(perform(dav(staff, "PROPFIND", "").header("Depth", "1")).getContentAsString()).contains("/dav/spaces/Verwaltung/</D:href>");
	}

	@Test
	void theListOfSpacesCannotBeChanged() throws Exception {
		assertThat(perform(dav(teacher, "DELETE", "")).getStatus()).isIn(403, 405);
		assertThat(perform(dav(teacher, "PUT", "datei.txt").content("x")).getStatus()).isEqualTo(404);
	}

	private Person person(TestSchools.UserRef ref) {
		SchulhausUser user = users.load(ref.login()).orElseThrow();
		return new Person(user, credentials.createAppPassword(user, "Dateimanager", Set.of(Scope.FILES), null).secret());
	}

	private static MockHttpServletRequestBuilder dav(Person person, String method, String path) {
		return request(HttpMethod.valueOf(method), java.net.URI.create("/dav/spaces/" + path))
			.with(httpBasic(person.user().login(), person.secret()));
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder builder) throws Exception {
		return mvc.perform(builder).andReturn().getResponse();
	}
}
