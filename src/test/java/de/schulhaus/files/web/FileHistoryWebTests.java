package de.schulhaus.files.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.SchulhausUser;

/**
 * The trash, earlier versions, the activity list, a space's switch of who writes, the admin's file
 * settings and the file search, as teachers, pupils, staff and admins of two schools use them.
 */
@IntegrationTest
class FileHistoryWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	GroupManagement groups;

	@Autowired
	Spaces spaces;

	@Autowired
	org.springframework.context.MessageSource messages;

	SchulhausUser teacher;
	SchulhausUser pupil;
	SchulhausUser otherPupil;
	SchulhausUser staff;
	SchulhausUser admin;
	SchulhausUser foreignTeacher;
	String seven;
	String sevenC;

	@BeforeEach
	void school() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Papierkorb-Schule");
		teacher = principal(t.createUser(school, "Wiebke", "Weber", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login());
		pupil = principal(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "7b").login());
		otherPupil = principal(t.createUser(school, "Olga", "Ofen", "PUPIL", "Kompass-Laterne-Quitte-2028", "7c").login());
		staff = principal(t.createUser(school, "Sven", "Sekretariat", "STAFF", "Kompass-Laterne-Quitte-2029", null).login());
		admin = principal(t.createUser(school, "Alma", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2030", null).login());
		Group group = groups.list(school.id()).stream().filter(g -> g.name().equals("7b")).findFirst().orElseThrow();
		groups.addMember(school.id(), group.id(), teacher.accountId(), true, teacher);
		seven = group.id().toString();
		sevenC = groups.list(school.id()).stream().filter(g -> g.name().equals("7c")).findFirst().orElseThrow().id().toString();
		var other = t.createSchool("Andere-Schule");
		foreignTeacher = principal(t.createUser(other, "Fritz", "Fremd", "TEACHER", "Kompass-Laterne-Quitte-2031", "7b").login());
	}

	private SchulhausUser principal(String login) {
		SchulhausUser u = users.load(login).orElseThrow();
		u.eraseCredentials();
		return u.withTwoFactor(true).withPasswordChanged();
	}

	private int upload(SchulhausUser who, String space, String path, String content) throws Exception {
		return mvc.perform(put("/dateien/" + space + "/hochladen").param("pfad", path).with(user(who)).with(csrf())
			.contentType("text/plain").content(content.getBytes(StandardCharsets.UTF_8))).andReturn().getResponse().getStatus();
	}

	private MockHttpServletResponse get(SchulhausUser who, String url) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(java.net.URI.create(url)).with(user(who)))
			.andReturn().getResponse();
	}

	private String page(SchulhausUser who, String url) throws Exception {
		MockHttpServletResponse response = get(who, url);
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private MvcResult form(SchulhausUser who, String url, String... params) throws Exception {
		var request = post(url).with(user(who)).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return mvc.perform(request).andReturn();
	}

	private static java.util.Map<String, Object> flash(MvcResult result) {
		return result.getFlashMap();
	}

	private static String value(String html, String name) {
		Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as(name + " in the page").isTrue();
		return m.group(1);
	}

	@Test
	void deletedFilesWaitInTheTrashAndComeBackWhereTheyWere() throws Exception {
		assertThat(upload(teacher, seven, "/Mappe/Arbeitsblatt.txt", "Aufgabe 1")).isEqualTo(201);
		String folder = page(teacher, "/dateien/" + seven);
		assertThat(folder).contains("href=\"/dateien/" + seven + "/papierkorb\"").contains("href=\"/dateien/aktivitaet\"");
		assertThat(page(teacher, "/dateien/" + seven + "/papierkorb")).contains("Der Papierkorb ist leer").contains("30 Tage");

		assertThat(form(teacher, "/dateien/" + seven + "/loeschen", "pfad", "/Mappe", "auswahl", "Arbeitsblatt.txt").getResponse().getStatus())
			.isEqualTo(302);
		String trash = page(teacher, "/dateien/" + seven + "/papierkorb");
		assertThat(trash).contains("Arbeitsblatt.txt").contains("Wiebke Weber").contains("9 Byte").contains("Endgültig löschen")
			.contains("data-confirm=\"„Arbeitsblatt.txt“ endgültig löschen?");
		String item = value(trash, "eintrag");

		// without the CSRF token nothing happens
		assertThat(mvc.perform(post("/dateien/" + seven + "/papierkorb/wiederherstellen").param("eintrag", item).with(user(teacher)))
			.andReturn().getResponse().getStatus()).isEqualTo(403);

		MvcResult restored = form(teacher, "/dateien/" + seven + "/papierkorb/wiederherstellen", "eintrag", item);
		assertThat(restored.getResponse().getRedirectedUrl()).isEqualTo("/dateien/" + seven + "/papierkorb");
		assertThat(flash(restored)).containsEntry("restoredName", "Arbeitsblatt.txt").containsEntry("restoredFolder", "/Mappe")
			.containsEntry("restoredHref", "/dateien/" + seven + "?pfad=/Mappe");
		assertThat(messages.getMessage("files.trash.restoredTo", new Object[] { "Arbeitsblatt.txt", "/Mappe" }, java.util.Locale.GERMAN))
			.isEqualTo("„Arbeitsblatt.txt“ ist wieder da, im Ordner „/Mappe“.");
		assertThat(get(pupil, "/dateien/" + seven + "/download?pfad=/Mappe/Arbeitsblatt.txt").getContentAsString()).isEqualTo("Aufgabe 1");
		// gone once restored
		assertThat(form(teacher, "/dateien/" + seven + "/papierkorb/wiederherstellen", "eintrag", item).getResponse().getStatus()).isEqualTo(404);

		// deleted again, then removed for good; two more, then the whole trash emptied
		form(teacher, "/dateien/" + seven + "/loeschen", "pfad", "/", "auswahl", "Mappe");
		String folderItem = value(page(teacher, "/dateien/" + seven + "/papierkorb"), "eintrag");
		assertThat(flash(form(teacher, "/dateien/" + seven + "/papierkorb/loeschen", "eintrag", folderItem)))
			.containsEntry("toast", "files.trash.toast.purged");
		assertThat(page(teacher, "/dateien/" + seven + "/papierkorb")).contains("Der Papierkorb ist leer");
		upload(teacher, seven, "/a.txt", "a");
		upload(teacher, seven, "/b.txt", "b");
		form(teacher, "/dateien/" + seven + "/loeschen", "pfad", "/", "auswahl", "a.txt", "auswahl", "b.txt");
		assertThat(page(teacher, "/dateien/" + seven + "/papierkorb")).contains("a.txt").contains("b.txt").contains("Papierkorb leeren");
		assertThat(flash(form(teacher, "/dateien/" + seven + "/papierkorb/leeren"))).containsEntry("toast", "files.trash.toast.emptied");
		assertThat(page(teacher, "/dateien/" + seven + "/papierkorb")).contains("Der Papierkorb ist leer");
	}

	@Test
	void theTrashIsOnlyForThoseWhoChangeTheWholeSpace() throws Exception {
		upload(teacher, seven, "/weg.txt", "x");
		form(teacher, "/dateien/" + seven + "/loeschen", "pfad", "/", "auswahl", "weg.txt");
		String item = value(page(teacher, "/dateien/" + seven + "/papierkorb"), "eintrag");
		// another class, another school: no such space
		assertThat(get(otherPupil, "/dateien/" + seven + "/papierkorb").getStatus()).isEqualTo(404);
		assertThat(get(foreignTeacher, "/dateien/" + seven + "/papierkorb").getStatus()).isEqualTo(404);
		assertThat(form(foreignTeacher, "/dateien/" + seven + "/papierkorb/wiederherstellen", "eintrag", item).getResponse().getStatus())
			.isEqualTo(404);
		assertThat(form(otherPupil, "/dateien/" + seven + "/papierkorb/leeren").getResponse().getStatus()).isEqualTo(404);
		// everyone reads the school space; only who changes it has its trash
		assertThat(get(pupil, "/dateien/Schule/papierkorb").getStatus()).isEqualTo(404);
		assertThat(page(pupil, "/dateien/Schule")).doesNotContain("/papierkorb");
		// pupils who may no longer change the class's files see no trash either
		spaces.setWriters(teacher, seven, false);
		assertThat(get(pupil, "/dateien/" + seven + "/papierkorb").getStatus()).isEqualTo(404);
		assertThat(form(pupil, "/dateien/" + seven + "/papierkorb/loeschen", "eintrag", item).getResponse().getStatus()).isEqualTo(404);
		assertThat(page(pupil, "/dateien/" + seven)).doesNotContain("/papierkorb");
		// a malformed id is as missing as an unknown one
		assertThat(form(teacher, "/dateien/" + seven + "/papierkorb/loeschen", "eintrag", "kein-id").getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void earlierVersionsAreListedDownloadedAndRestored() throws Exception {
		upload(teacher, seven, "/Plan.txt", "erster Stand");
		upload(teacher, seven, "/Plan.txt", "zweiter");
		String details = page(teacher, "/dateien/" + seven + "/details?pfad=/Plan.txt");
		assertThat(details).contains("Frühere Versionen").contains("Wiebke Weber").contains("12 Byte").contains("version/wiederherstellen");
		String version = value(details, "version");
		MockHttpServletResponse old = get(pupil, "/dateien/" + seven + "/version?pfad=/Plan.txt&version=" + version);
		assertThat(old.getStatus()).isEqualTo(200);
		assertThat(old.getContentAsString()).isEqualTo("erster Stand");
		assertThat(old.getHeader("Content-Disposition")).startsWith("attachment; filename=\"Plan.txt\"");
		assertThat(get(otherPupil, "/dateien/" + seven + "/version?pfad=/Plan.txt&version=" + version).getStatus()).isEqualTo(404);
		assertThat(get(foreignTeacher, "/dateien/" + seven + "/version?pfad=/Plan.txt&version=" + version).getStatus()).isEqualTo(404);
		assertThat(get(teacher, "/dateien/" + seven + "/version?pfad=/Plan.txt&version=" + java.util.UUID.randomUUID()).getStatus())
			.isEqualTo(404);

		// a pupil who may only read sees the versions but cannot restore one
		spaces.setWriters(teacher, seven, false);
		assertThat(page(pupil, "/dateien/" + seven + "/details?pfad=/Plan.txt")).contains("Frühere Versionen")
			.doesNotContain("version/wiederherstellen");
		assertThat(form(pupil, "/dateien/" + seven + "/version/wiederherstellen", "pfad", "/Plan.txt", "version", version).getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(mvc.perform(post("/dateien/" + seven + "/version/wiederherstellen").param("pfad", "/Plan.txt").param("version", version)
			.with(user(teacher))).andReturn().getResponse().getStatus()).isEqualTo(403);

		MvcResult restored = form(teacher, "/dateien/" + seven + "/version/wiederherstellen", "pfad", "/Plan.txt", "version", version);
		assertThat(restored.getResponse().getRedirectedUrl()).isEqualTo("/dateien/" + seven + "/details?pfad=/Plan.txt");
		assertThat(get(pupil, "/dateien/" + seven + "/download?pfad=/Plan.txt").getContentAsString()).isEqualTo("erster Stand");
		// the content it replaced is now a version itself
		String again = page(teacher, "/dateien/" + seven + "/details?pfad=/Plan.txt");
		String newer = value(again, "version");
		assertThat(get(teacher, "/dateien/" + seven + "/version?pfad=/Plan.txt&version=" + newer).getContentAsString()).isEqualTo("zweiter");
	}

	@Test
	void activityShowsWhatHappenedAsSentencesToThoseWhoSeeTheSpace() throws Exception {
		upload(teacher, seven, "/a.txt", "a");
		upload(teacher, seven, "/b.txt", "b");
		upload(teacher, seven, "/c.txt", "c");
		upload(otherPupil, sevenC, "/Olga.txt", "o");
		String mine = page(pupil, "/dateien/aktivitaet");
		assertThat(mine).contains("Wiebke Weber hat 3 Dateien in „7b“ hochgeladen").doesNotContain("Olga");
		assertThat(page(otherPupil, "/dateien/aktivitaet")).contains("Olga Ofen hat „Olga.txt“ in „7c“ hochgeladen").doesNotContain("Wiebke");
		assertThat(page(foreignTeacher, "/dateien/aktivitaet")).contains("Noch keine Änderungen");
		// the dashboard's card shows the newest lines, and none where nothing happened
		assertThat(page(pupil, "/")).contains("Neues in Dateien").contains("Wiebke Weber hat 3 Dateien in „7b“ hochgeladen");
		assertThat(page(foreignTeacher, "/")).doesNotContain("Neues in Dateien");
		assertThat(messages.getMessage("files.activity.uploaded", new Object[] { "Anna Abel", 3, "Mathe 7b", "a.txt" }, java.util.Locale.ENGLISH))
			.isEqualTo("Anna Abel uploaded 3 files to “Mathe 7b”");
		assertThat(messages.getMessage("files.activity.deleted", new Object[] { "Jemand über einen Link", 1, "Schule", "a.txt" },
				java.util.Locale.GERMAN)).isEqualTo("Jemand über einen Link hat „a.txt“ in „Schule“ gelöscht");
	}

	@Test
	void theClassTeacherDecidesWhetherPupilsChangeFiles() throws Exception {
		String teacherPage = page(teacher, "/dateien/" + seven);
		assertThat(teacherPage).contains("Schülerinnen und Schüler dürfen Dateien ändern").contains("/dateien/" + seven + "/schreibrechte");
		assertThat(page(pupil, "/dateien/" + seven)).doesNotContain("schreibrechte");
		assertThat(upload(pupil, seven, "/Paul.txt", "1")).isEqualTo(201);

		// a pupil, another class's pupil, another school's teacher: no such switch
		assertThat(form(pupil, "/dateien/" + seven + "/schreibrechte").getResponse().getStatus()).isEqualTo(404);
		assertThat(form(otherPupil, "/dateien/" + seven + "/schreibrechte").getResponse().getStatus()).isEqualTo(404);
		assertThat(form(foreignTeacher, "/dateien/" + seven + "/schreibrechte").getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/dateien/" + seven + "/schreibrechte").with(user(teacher))).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(upload(pupil, seven, "/Paul.txt", "2")).isEqualTo(201);

		// the unticked box says no
		assertThat(flash(form(teacher, "/dateien/" + seven + "/schreibrechte"))).containsEntry("toast", "files.writers.toast.saved");
		assertThat(upload(pupil, seven, "/Paul.txt", "3")).isEqualTo(403);
		assertThat(page(teacher, "/dateien/" + seven)).doesNotContain("name=\"erlaubt\" value=\"true\" checked");
		form(teacher, "/dateien/" + seven + "/schreibrechte", "erlaubt", "true");
		assertThat(upload(pupil, seven, "/Paul.txt", "4")).isEqualTo(201);

		// the school space: its admins decide for teachers and staff
		assertThat(page(admin, "/dateien/Schule")).contains("Lehrkräfte und Verwaltung dürfen Dateien ändern");
		assertThat(page(teacher, "/dateien/Schule")).doesNotContain("schreibrechte");
		assertThat(form(teacher, "/dateien/Schule/schreibrechte").getResponse().getStatus()).isEqualTo(404);
		assertThat(upload(teacher, "Schule", "/Info.txt", "i")).isEqualTo(201);
		form(admin, "/dateien/Schule/schreibrechte");
		assertThat(upload(teacher, "Schule", "/Info.txt", "j")).isEqualTo(403);
	}

	@Test
	void onlySchoolAdminsDecideWhetherPupilsMakeLinks() throws Exception {
		assertThat(page(admin, "/verwaltung/dateien")).contains("Schülerinnen und Schüler dürfen Links für Personen ohne Konto erstellen")
			.contains("checked");
		assertThat(get(teacher, "/verwaltung/dateien").getStatus()).isEqualTo(403);
		assertThat(form(teacher, "/verwaltung/dateien").getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(post("/verwaltung/dateien").with(user(admin))).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(spaces.pupilsMayLink(admin.schoolId())).isTrue();
		assertThat(form(admin, "/verwaltung/dateien").getResponse().getRedirectedUrl()).isEqualTo("/verwaltung/dateien");
		assertThat(spaces.pupilsMayLink(admin.schoolId())).isFalse();
		assertThat(spaces.pupilsMayLink(foreignTeacher.schoolId())).isTrue();
		form(admin, "/verwaltung/dateien", "schuelerLinks", "true");
		assertThat(spaces.pupilsMayLink(admin.schoolId())).isTrue();
	}

	@Test
	void aPupilFindsFilesOfTheirClassButNeverOfTheOfficeAnotherClassOrAnotherSchool() throws Exception {
		upload(teacher, seven, "/Mappe/Referat Vulkane.txt", "7b");
		upload(otherPupil, sevenC, "/Referat Vulkane 7c.txt", "7c");
		upload(staff, "Verwaltung", "/Referat Vulkane Zeugnisse.txt", "Büro");
		upload(foreignTeacher, "meine", "/Referat Vulkane fremd.txt", "fremd");
		upload(pupil, "meine", "/Vulkane_100%.txt", "eigen");
		upload(teacher, seven, "/Alt/Referat Vulkane alt.txt", "alt");
		form(teacher, "/dateien/" + seven + "/loeschen", "pfad", "/", "auswahl", "Alt");

		String found = page(pupil, "/suche?q=vulkane");
		assertThat(found).contains("Referat Vulkane.txt").contains("href=\"/dateien/" + seven + "/details?pfad=/Mappe/Referat%20Vulkane.txt\"")
			.contains("Vulkane_100%.txt")
			.doesNotContain("Vulkane 7c").doesNotContain("Zeugnisse").doesNotContain("fremd").doesNotContain("Vulkane alt");
		assertThat(page(pupil, "/suche?q=mapp")).contains("href=\"/dateien/" + seven + "?pfad=/Mappe\"");
		// % and _ are letters, not wildcards
		assertThat(page(pupil, "/suche?q=t_v")).doesNotContain("Referat Vulkane.txt");
		assertThat(page(pupil, "/suche?q=e%25v")).doesNotContain("Referat Vulkane.txt");
		assertThat(page(pupil, "/suche?q=0%25")).contains("Vulkane_100%.txt").doesNotContain("Referat Vulkane.txt");
		assertThat(page(staff, "/suche?q=vulkane")).contains("Referat Vulkane Zeugnisse.txt").doesNotContain("Referat Vulkane.txt");
		assertThat(page(otherPupil, "/suche?q=vulkane")).contains("Referat Vulkane 7c.txt").doesNotContain("Mappe");
		assertThat(page(foreignTeacher, "/suche?q=vulkane")).contains("Referat Vulkane fremd.txt").doesNotContain("Referat Vulkane.txt")
			.doesNotContain("Zeugnisse");
	}
}
