package de.schulhaus.files.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

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
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.platform.SchulhausUser;

/** The school admin gives the school-wide space and the office's their own quotas; writes beyond them are refused, leaving nothing. */
@IntegrationTest
class SharedSpaceQuotasTests {

	private static final long MB = 1024 * 1024;

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	StorageQuotas quotas;

	UUID school;
	SchulhausUser admin;
	SchulhausUser teacher;
	SchulhausUser staff;
	String teacherSecret;
	String staffSecret;

	@BeforeEach
	void schoolWithAdminTeacherAndOffice() throws Exception {
		var t = new TestSchools(mvc);
		var ref = t.createSchool("Kontingent-Schule");
		school = ref.id();
		admin = users.load(t.createUser(ref, "Anke", "Admin", "SCHOOL_ADMIN", null, null).login()).orElseThrow().withTwoFactor(true)
			.withPasswordChanged();
		teacher = users.load(t.createUser(ref, "Tom", "Tafel", "TEACHER", null, null).login()).orElseThrow();
		staff = users.load(t.createUser(ref, "Susi", "Sekretariat", "STAFF", null, null).login()).orElseThrow();
		teacherSecret = credentials.createAppPassword(teacher, "Finder", Set.of(Scope.FILES), null).secret();
		staffSecret = credentials.createAppPassword(staff, "Finder", Set.of(Scope.FILES), null).secret();
	}

	@Test
	void theAdminSetsThemOnTheStoragePageBesideTheRolesDefaults() throws Exception {
		String page = mvc.perform(get("/verwaltung/speicher").with(user(admin))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Bereich „Schule“: gemeinsame Dateien für alle (MB)").contains("name=\"schoolFilesMb\"")
			.contains("Bereich „Verwaltung“: Dateien des Sekretariats (MB)").contains("name=\"officeFilesMb\"");
		assertThat(quotas.limitBytes(BlobOwner.schoolSpace(school))).as("the default").isEqualTo(10240 * MB);

		setQuotas(1, 2);
		assertThat(quotas.limitBytes(BlobOwner.schoolSpace(school))).isEqualTo(1 * MB);
		assertThat(quotas.limitBytes(BlobOwner.officeSpace(school))).isEqualTo(2 * MB);
		assertThat(quotas.limitBytes(BlobOwner.group(school, UUID.randomUUID()))).as("groups keep theirs").isEqualTo(8192 * MB);
		assertThat(mvc.perform(get("/verwaltung/speicher").with(user(admin))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("id=\"quota-schoolFilesMb\" name=\"schoolFilesMb\" type=\"number\" min=\"0\" step=\"1\" required value=\"1\"");

		mvc.perform(post("/verwaltung/speicher").with(user(admin)).with(csrf()).params(form(-1, 2)));
		assertThat(quotas.limitBytes(BlobOwner.schoolSpace(school))).as("a negative quota changes nothing").isEqualTo(1 * MB);
	}

	@Test
	void theStoragePageShowsHowFullEachSpaceIsUnderItsQuotaAndTellsRoleDefaultsApart() throws Exception {
		setQuotas(10, 20);
		assertThat(perform(dav(teacher, teacherSecret, "PUT", "Schule/Plan.bin").content(new byte[(int) (3 * MB)])).getStatus()).isEqualTo(201);
		assertThat(perform(dav(staff, staffSecret, "PUT", "Verwaltung/Haushalt.bin").content(new byte[(int) (5 * MB)])).getStatus())
			.isEqualTo(201);

		String page = mvc.perform(get("/verwaltung/speicher").with(user(admin))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		int school = page.indexOf("name=\"schoolFilesMb\"");
		int schoolBar = page.indexOf("3 MB von 10 MB belegt");
		int office = page.indexOf("name=\"officeFilesMb\"");
		int officeBar = page.indexOf("5 MB von 20 MB belegt");
		assertThat(school).isPositive();
		assertThat(schoolBar).as("the school space's bar under its quota").isGreaterThan(school).isLessThan(office);
		assertThat(officeBar).as("the office's bar under its quota").isGreaterThan(office);
		assertThat(page).contains("<progress max=\"100\" value=\"30\"").contains("<progress max=\"100\" value=\"25\"");
		// the office staff's own default is not mistaken for the office space's quota
		assertThat(page).contains("Vorgaben für jede Person, nach Rolle").contains("Personal: Dateien je Person (MB)")
			.contains("Gemeinsame Bereiche").doesNotContain("Verwaltung: Dateien (MB)");
		assertThat(page.indexOf("Personal: Dateien je Person")).isLessThan(page.indexOf("Gemeinsame Bereiche"));
		assertThat(page.indexOf("Gemeinsame Bereiche")).isLessThan(school);

		String english = mvc.perform(get("/verwaltung/speicher").with(user(admin.withLanguage("en")))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(english).contains("Staff: files per person (MB)").contains("Groups (classes, courses): shared files per group (MB)")
			.contains("Shared spaces");
	}

	@Test
	void webDavWritesBeyondTheSchoolSpacesQuotaAre507AndLeaveNothing() throws Exception {
		setQuotas(1, 2);
		assertThat(perform(dav(teacher, teacherSecret, "PUT", "Schule/Film.bin").content(new byte[(int) (1.5 * MB)])).getStatus()).isEqualTo(507);
		assertThat(perform(dav(teacher, teacherSecret, "GET", "Schule/Film.bin")).getStatus()).isEqualTo(404);
		assertThat(quotas.usage(BlobOwner.schoolSpace(school)).usedBytes()).isZero();

		assertThat(perform(dav(teacher, teacherSecret, "PUT", "Schule/Plan.bin").content(new byte[(int) (MB / 2)])).getStatus()).isEqualTo(201);
		String props = perform(dav(teacher, teacherSecret, "PROPFIND", "Schule/").header("Depth", "0")
			.content("<propfind xmlns=\"DAV:\"><prop><quota-available-bytes/><quota-used-bytes/></prop></propfind>"))
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(props).contains(">" + (MB / 2) + "</D:quota-available-bytes>").contains(">" + (MB / 2) + "</D:quota-used-bytes>");

		// the office has its own: 2 MB, whatever the school space holds
		assertThat(perform(dav(staff, staffSecret, "PUT", "Verwaltung/Haushalt.bin").content(new byte[(int) (1.5 * MB)])).getStatus())
			.isEqualTo(201);
		assertThat(perform(dav(staff, staffSecret, "PUT", "Verwaltung/Zeugnisse.bin").content(new byte[(int) MB])).getStatus()).isEqualTo(507);
		assertThat(perform(dav(staff, staffSecret, "GET", "Verwaltung/Zeugnisse.bin")).getStatus()).isEqualTo(404);
		assertThat(quotas.usage(BlobOwner.officeSpace(school)).usedBytes()).isEqualTo((long) (1.5 * MB));
	}

	@Test
	void theBrowserShowsTheBarAndSaysWhichSpaceIsFull() throws Exception {
		setQuotas(1, 2);
		String page = mvc.perform(get("/dateien/Schule").with(user(signedIn(teacher)))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("0 Byte von 1 MB belegt");

		MockHttpServletResponse full = mvc.perform(put("/dateien/Schule/hochladen").param("pfad", "/Film.bin").with(user(signedIn(teacher))).with(csrf())
			.contentType("application/octet-stream").content(new byte[(int) (1.5 * MB)])).andReturn().getResponse();
		assertThat(full.getStatus()).isEqualTo(507);
		assertThat(full.getContentType()).isEqualTo("application/problem+json");
		assertThat(full.getContentAsString(StandardCharsets.UTF_8)).contains("Der Speicherplatz von „Schule“ reicht dafür nicht");

		// a resumable upload that announces too much is refused before a byte is sent
		MockHttpServletResponse tus = perform(request(HttpMethod.POST, "/api/files/uploads").with(httpBasic(staff.login(), staffSecret))
			.header("Tus-Resumable", "1.0.0").header("Upload-Length", 3 * MB).header("Accept-Language", "de")
			.header("Upload-Metadata", "filename " + b64("Akte.pdf") + ",space " + b64("Verwaltung")));
		assertThat(tus.getStatus()).isEqualTo(413);
		assertThat(tus.getContentAsString(StandardCharsets.UTF_8)).contains("quota-exceeded")
			.contains("passt nicht mehr in den Speicherplatz von „Verwaltung“");
		assertThat(quotas.usage(BlobOwner.officeSpace(school)).usedBytes()).isZero();
	}

	/** As a web session has them after the sign-in: two factors, a password of their own. */
	private static SchulhausUser signedIn(SchulhausUser person) {
		return person.withTwoFactor(true).withPasswordChanged();
	}

	private void setQuotas(long schoolMb, long officeMb) throws Exception {
		mvc.perform(post("/verwaltung/speicher").with(user(admin)).with(csrf()).params(form(schoolMb, officeMb)));
	}

	private static org.springframework.util.MultiValueMap<String, String> form(long schoolMb, long officeMb) {
		var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
		form.add("teacherFilesMb", "4096");
		form.add("teacherMailMb", "1024");
		form.add("pupilFilesMb", "512");
		form.add("pupilMailMb", "256");
		form.add("staffFilesMb", "2048");
		form.add("staffMailMb", "1024");
		form.add("adminFilesMb", "1024");
		form.add("adminMailMb", "1024");
		form.add("groupFilesMb", "8192");
		form.add("schoolFilesMb", String.valueOf(schoolMb));
		form.add("officeFilesMb", String.valueOf(officeMb));
		return form;
	}

	private static String b64(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	private static MockHttpServletRequestBuilder dav(SchulhausUser who, String secret, String method, String path) {
		return request(HttpMethod.valueOf(method), java.net.URI.create("/dav/spaces/" + path)).with(httpBasic(who.login(), secret));
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder builder) throws Exception {
		return mvc.perform(builder).andReturn().getResponse();
	}
}
