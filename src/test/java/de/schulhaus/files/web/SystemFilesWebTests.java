package de.schulhaus.files.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

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
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.SchulhausUser;

/**
 * The files macOS Finder and Windows Explorer write beside people's own ({@code ._name}, {@code .DS_Store},
 * {@code Thumbs.db}, {@code desktop.ini}): kept and listed over WebDAV, counted to the quota, but not shown in the
 * browser, the search, the activity list, ZIP downloads or "Mit mir geteilt"; they go and move with their folder.
 */
@IntegrationTest
class SystemFilesWebTests {

	private static final List<String> HIDDEN = List.of("._Einladung.pdf", ".DS_Store", "Thumbs.db", "desktop.ini");

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	StorageQuotas quotas;

	@Autowired
	Notifications notifications;

	SchulhausUser teacher;
	SchulhausUser colleague;
	String login;
	String secret;
	long stored;

	@BeforeEach
	void aFolderCopiedFromAMac() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Finder-Schule");
		login = t.createUser(school, "Mara", "Mac", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login();
		teacher = principal(login);
		colleague = principal(t.createUser(school, "Wim", "Windows", "TEACHER", "Kompass-Laterne-Quitte-2027", null).login());
		secret = credentials.createAppPassword(users.load(login).orElseThrow(), "Finder", Set.of(Scope.FILES), null).secret();

		assertThat(dav("MKCOL", "Elternabend/", null).getStatus()).isEqualTo(201);
		assertThat(dav("PUT", "Elternabend/Einladung.pdf", "%PDF-1.4 Einladung").getStatus()).isEqualTo(201);
		stored = "%PDF-1.4 Einladung".length();
		for (String name : HIDDEN) {
			String content = "Inhalt von " + name;
			assertThat(dav("PUT", "Elternabend/" + name, content).getStatus()).as(name).isEqualTo(201);
			stored += content.length();
		}
	}

	@Test
	void theBrowserSearchActivityAndZipLeaveThemOutWhileWebDavListsThemAndTheQuotaCountsThem() throws Exception {
		String folder = page(teacher, "/dateien/meine?pfad=/Elternabend");
		assertThat(folder).contains("Einladung.pdf");
		HIDDEN.forEach(name -> assertThat(folder).as(name).doesNotContain(name));

		String found = page(teacher, "/suche?q=Einladung");
		assertThat(found).contains("Einladung.pdf").doesNotContain("._Einladung.pdf");
		assertThat(page(teacher, "/suche?q=DS_Store")).doesNotContain(".DS_Store");
		assertThat(page(teacher, "/suche?q=Thumbs")).doesNotContain("Thumbs.db");

		// one upload, not five: the line names the PDF
		String activity = page(teacher, "/dateien/aktivitaet");
		assertThat(activity).contains("Einladung.pdf").doesNotContain("5 Dateien");
		HIDDEN.forEach(name -> assertThat(activity).as(name).doesNotContain(name));

		MockHttpServletResponse zip = mvc.perform(get("/dateien/meine/zip").param("pfad", "/Elternabend").with(user(teacher))).andReturn()
			.getResponse();
		assertThat(zip.getStatus()).isEqualTo(200);
		assertThat(entries(zip.getContentAsByteArray())).containsExactly("Elternabend/", "Elternabend/Einladung.pdf");
		MockHttpServletResponse everything = mvc.perform(get("/dateien/meine/zip").with(user(teacher))).andReturn().getResponse();
		assertThat(entries(everything.getContentAsByteArray())).containsExactly("Elternabend/", "Elternabend/Einladung.pdf");

		String listing = dav("PROPFIND", "Elternabend/", null, "Depth", "1").getContentAsString(StandardCharsets.UTF_8);
		HIDDEN.forEach(name -> assertThat(listing).as(name).contains("Elternabend/" + name + "</D:href>"));
		assertThat(dav("GET", "Elternabend/._Einladung.pdf", null).getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo("Inhalt von ._Einladung.pdf");
		assertThat(quotas.usageOfPerson(teacher.schoolId(), teacher.accountId()).usedBytes()).isEqualTo(stored);
	}

	@Test
	void aLinkForPeopleWithoutAnAccountShowsAndZipsOnlyThePeoplesFiles() throws Exception {
		String url = (String) mvc.perform(post("/dateien/meine/links").param("pfad", "/Elternabend").param("art", "download")
			.with(user(teacher)).with(csrf())).andReturn().getFlashMap().get("newLink");
		String link = url.substring(url.indexOf("/s/"));
		String page = mvc.perform(get(link)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Einladung.pdf");
		HIDDEN.forEach(name -> assertThat(page).as(name).doesNotContain(name));
		MockHttpServletResponse zip = mvc.perform(get(link + "/zip")).andReturn().getResponse();
		assertThat(zip.getStatus()).isEqualTo(200);
		assertThat(entries(zip.getContentAsByteArray())).containsExactly("Elternabend/", "Elternabend/Einladung.pdf");
	}

	@Test
	void sharedWithSomebodyTheyShowNeitherInTheFolderNorAsSharedItems() throws Exception {
		share("/Elternabend");
		String folderLink = notifications.newestFirst(colleague, 0, 1).get(0).link();
		share("/Elternabend/.DS_Store");
		String fileLink = notifications.newestFirst(colleague, 0, 1).get(0).link();
		assertThat(fileLink).startsWith("/dateien/geteilt-").isNotEqualTo(folderLink);

		String start = page(colleague, "/dateien");
		assertThat(start).contains(folderLink).doesNotContain(fileLink);
		String shared = page(colleague, folderLink);
		assertThat(shared).contains("Einladung.pdf");
		HIDDEN.forEach(name -> assertThat(shared).as(name).doesNotContain(name));
	}

	@Test
	void theyMoveAndGoWithTheirFolderAndTheTrashShowsOnlyTheFolder() throws Exception {
		form("ordner", "pfad", "/", "name", "Archiv");
		form("verschieben", "pfad", "/", "auswahl", "Elternabend", "ziel", "/Archiv", "aktion", "verschieben");
		assertThat(dav("GET", "Archiv/Elternabend/._Einladung.pdf", null).getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo("Inhalt von ._Einladung.pdf");
		assertThat(dav("GET", "Archiv/Elternabend/Thumbs.db", null).getStatus()).isEqualTo(200);
		assertThat(dav("GET", "Elternabend/.DS_Store", null).getStatus()).isEqualTo(404);

		// Finder deleting a file on its own also deletes its "._" companion: that one is not listed in the trash
		assertThat(dav("DELETE", "Archiv/Elternabend/desktop.ini", null).getStatus()).isEqualTo(204);
		form("loeschen", "pfad", "/Archiv", "auswahl", "Elternabend");
		for (String name : HIDDEN) {
			assertThat(dav("GET", "Archiv/Elternabend/" + name, null).getStatus()).as(name).isEqualTo(404);
		}
		String trash = page(teacher, "/dateien/meine/papierkorb");
		assertThat(trash).contains("Elternabend").doesNotContain("desktop.ini");

		// emptied, everything the folder held is gone from the quota as well
		mvc.perform(post("/dateien/meine/papierkorb/leeren").with(user(teacher)).with(csrf()));
		assertThat(quotas.usageOfPerson(teacher.schoolId(), teacher.accountId()).usedBytes()).isZero();
	}

	private void share(String path) throws Exception {
		mvc.perform(post("/dateien/meine/teilen").param("pfad", path).param("empfaenger", "person:" + colleague.accountId())
			.param("recht", "lesen").with(user(teacher)).with(csrf()));
	}

	private void form(String action, String... params) throws Exception {
		var request = post("/dateien/meine/" + action).with(user(teacher)).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		mvc.perform(request);
	}

	private String page(SchulhausUser who, String url) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(java.net.URI.create(url)).with(user(who))).andReturn().getResponse();
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private MockHttpServletResponse dav(String method, String path, String body, String... headers) throws Exception {
		var builder = request(HttpMethod.valueOf(method), java.net.URI.create("/dav/files/" + login + "/" + path))
			.with(httpBasic(login, secret));
		if (body != null) {
			builder.content(body.getBytes(StandardCharsets.UTF_8));
		}
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return mvc.perform(builder).andReturn().getResponse();
	}

	private SchulhausUser principal(String login) {
		SchulhausUser u = users.load(login).orElseThrow();
		u.eraseCredentials();
		return u.withTwoFactor(false);
	}

	private static List<String> entries(byte[] zip) throws Exception {
		List<String> names = new ArrayList<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				names.add(entry.getName());
			}
		}
		return names;
	}
}
