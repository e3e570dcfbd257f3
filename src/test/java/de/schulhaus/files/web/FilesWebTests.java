package de.schulhaus.files.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/** The file browser's endpoints as a teacher uses them: list, upload, download, ZIP, the forms, previews, and their refusals. */
@IntegrationTest
class FilesWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	StorageQuotas quotas;

	TestSchools.SchoolRef school;
	TestSchools.UserRef teacher;
	SchulhausUser me;

	@BeforeEach
	void teacher() throws Exception {
		var t = new TestSchools(mvc);
		school = t.createSchool("Dateien-Web-Schule");
		teacher = t.createUser(school, "Wiebke", "Weber", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		me = principal(teacher.login());
	}

	private SchulhausUser principal(String login) {
		SchulhausUser u = users.load(login).orElseThrow();
		u.eraseCredentials();
		return u.withTwoFactor(false);
	}

	private MockHttpServletResponse upload(SchulhausUser who, String path, byte[] content, String type) throws Exception {
		var request = put("/dateien/meine/hochladen").param("pfad", path).with(user(who)).with(csrf()).content(content);
		if (type != null) {
			request.contentType(type);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	private MockHttpServletResponse upload(String path, String content) throws Exception {
		return upload(me, path, content.getBytes(StandardCharsets.UTF_8), "text/plain");
	}

	private String page(String url) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(java.net.URI.create(url)).with(user(me))).andReturn().getResponse();
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private MvcResult form(String action, String... params) throws Exception {
		var request = post("/dateien/meine/" + action).with(user(me)).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return mvc.perform(request).andReturn();
	}

	private String download(String path) throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/dateien/meine/download").param("pfad", path).with(user(me))).andReturn().getResponse();
		return response.getStatus() == 200 ? response.getContentAsString(StandardCharsets.UTF_8) : "status " + response.getStatus();
	}

	@Test
	void anEmptySpaceSaysWhatToDoAndShowsTheQuota() throws Exception {
		String html = page("/dateien");
		assertThat(html).contains("<h1>Meine Dateien</h1>").contains("Noch keine Dateien – ziehen Sie Dateien hierher oder laden Sie sie hoch")
			.contains("0 Byte von ").contains(" GB belegt").contains("/js/files").contains("webkitdirectory");
		assertThat(page("/")).contains("href=\"/dateien\"").contains("Dateien");
	}

	@Test
	void theListShowsFoldersFirstWithGermanSizesAndSortsOnTheServer() throws Exception {
		assertThat(upload(me, "/b.txt", new byte[1536], "text/plain").getStatus()).isEqualTo(201);
		assertThat(upload(me, "/a.bin", new byte[3 * 1024 * 1024], null).getStatus()).isEqualTo(201);
		assertThat(form("ordner", "pfad", "/", "name", "Zeugnisse").getResponse().getRedirectedUrl()).isEqualTo("/dateien/meine");
		String byName = page("/dateien/meine");
		assertThat(byName).contains("1,5 KB").contains("3 MB").contains("Ordner")
			.contains("href=\"/dateien/meine/download?pfad=/b.txt\" download=\"b.txt\"").contains("href=\"/dateien/meine?pfad=/Zeugnisse\">");
		assertThat(byName.indexOf(">Zeugnisse<")).isLessThan(byName.indexOf(">a.bin<"));
		assertThat(byName.indexOf(">a.bin<")).isLessThan(byName.indexOf(">b.txt<"));
		String bySize = page("/dateien/meine?sortierung=groesse&absteigend=true");
		assertThat(bySize.indexOf(">Zeugnisse<")).isLessThan(bySize.indexOf(">a.bin<"));
		assertThat(bySize.indexOf(">a.bin<")).isLessThan(bySize.indexOf(">b.txt<"));
		assertThat(bySize).contains("aria-sort=\"descending\"");
		String bySizeUp = page("/dateien/meine?sortierung=groesse");
		assertThat(bySizeUp.indexOf(">b.txt<")).isLessThan(bySizeUp.indexOf(">a.bin<"));
	}

	@Test
	void aRawUploadIsStoredWithTheFoldersAboveItAndDownloadsAsAnAttachment() throws Exception {
		MockHttpServletResponse stored = upload("/Projekt Woche/Bilder/Übung 3.txt", "Hallo Klasse 5a");
		assertThat(stored.getStatus()).isEqualTo(201);
		assertThat(stored.getContentAsString(StandardCharsets.UTF_8)).contains("\"size\":15").contains("Übung 3.txt").contains("\"replaced\":false");
		assertThat(page("/dateien/meine?pfad=/Projekt%20Woche")).contains(">Bilder<");
		MockHttpServletResponse file = mvc.perform(get("/dateien/meine/download").param("pfad", "/Projekt Woche/Bilder/Übung 3.txt")
				.with(user(me))).andReturn().getResponse();
		assertThat(file.getStatus()).isEqualTo(200);
		assertThat(file.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("Hallo Klasse 5a");
		assertThat(file.getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"_bung 3.txt\"; filename*=UTF-8''%C3%9Cbung%203.txt");
		assertThat(file.getContentType()).startsWith("text/plain");
		// a file's own address in the list leads to its details
		assertThat(mvc.perform(get("/dateien/meine").param("pfad", "/Projekt Woche/Bilder/Übung 3.txt").with(user(me))).andReturn()
			.getResponse().getRedirectedUrl()).isEqualTo("/dateien/meine/details?pfad=/Projekt%20Woche/Bilder/%C3%9Cbung%203.txt");
		// replacing keeps one file
		MockHttpServletResponse again = upload("/Projekt Woche/Bilder/Übung 3.txt", "neu");
		assertThat(again.getStatus()).isEqualTo(201);
		assertThat(again.getContentAsString(StandardCharsets.UTF_8)).contains("\"replaced\":true");
		assertThat(download("/Projekt Woche/Bilder/Übung 3.txt")).isEqualTo("neu");
	}

	@Test
	void uploadRefusalsSayWhyInGerman() throws Exception {
		MockHttpServletResponse bad = upload("/a:b.txt", "x");
		assertThat(bad.getStatus()).isEqualTo(400);
		assertThat(bad.getContentAsString(StandardCharsets.UTF_8)).contains("Der Name darf keines dieser Zeichen enthalten");
		upload("/Datei", "x");
		MockHttpServletResponse blocked = upload("/Datei/innen.txt", "x");
		assertThat(blocked.getStatus()).isEqualTo(409);
		assertThat(blocked.getContentAsString(StandardCharsets.UTF_8)).contains("Eine Datei namens „Datei“");
		quotas.setPersonal(school.id(), teacher.id(), 1L, null, me);
		MockHttpServletResponse full = upload(me, "/gross.bin", new byte[1_500_000], "application/octet-stream");
		assertThat(full.getStatus()).isEqualTo(507);
		assertThat(full.getContentAsString(StandardCharsets.UTF_8)).contains("Ihr Speicherplatz reicht dafür nicht");
		assertThat(download("/gross.bin")).isEqualTo("status 404");
	}

	@Test
	void aFolderAndASelectionDownloadAsZipsWithTheirContent() throws Exception {
		upload("/Mathe/Bruchrechnung.txt", "1/2 + 1/4");
		upload("/Mathe/Klausuren/K1.txt", "Aufgabe 1");
		upload("/Deutsch.txt", "Gedicht");
		MockHttpServletResponse folder = mvc.perform(get("/dateien/meine/zip").param("pfad", "/Mathe").with(user(me))).andReturn().getResponse();
		assertThat(folder.getStatus()).isEqualTo(200);
		assertThat(folder.getContentType()).isEqualTo("application/zip");
		assertThat(folder.getHeader("Content-Disposition")).contains("filename*=UTF-8''Mathe.zip");
		assertThat(unzip(folder.getContentAsByteArray())).containsEntry("Mathe/", "").containsEntry("Mathe/Bruchrechnung.txt", "1/2 + 1/4")
			.containsEntry("Mathe/Klausuren/K1.txt", "Aufgabe 1").doesNotContainKey("Deutsch.txt");

		MockHttpServletResponse selection = form("zip", "pfad", "/", "auswahl", "Deutsch.txt").getResponse();
		assertThat(selection.getHeader("Content-Disposition")).contains("filename*=UTF-8''Meine%20Dateien.zip");
		assertThat(unzip(selection.getContentAsByteArray())).containsOnlyKeys("Deutsch.txt").containsEntry("Deutsch.txt", "Gedicht");

		MockHttpServletResponse everything = mvc.perform(get("/dateien/meine/zip").with(user(me))).andReturn().getResponse();
		assertThat(unzip(everything.getContentAsByteArray())).containsKeys("Deutsch.txt", "Mathe/Klausuren/K1.txt");
	}

	@Test
	void foldersAreCreatedRenamedMovedCopiedAndDeletedThroughForms() throws Exception {
		form("ordner", "pfad", "/", "name", "Unterricht");
		form("ordner", "pfad", "/", "name", "Archiv");
		upload("/Unterricht/Plan.txt", "Montag: Mathe");

		MvcResult renamed = form("umbenennen", "pfad", "/Unterricht/Plan.txt", "name", "Stundenplan.txt");
		assertThat(renamed.getResponse().getRedirectedUrl()).isEqualTo("/dateien/meine/details?pfad=/Unterricht/Stundenplan.txt");
		assertThat(renamed.getFlashMap().get("toast")).isEqualTo("files.toast.renamed");
		assertThat(download("/Unterricht/Stundenplan.txt")).isEqualTo("Montag: Mathe");
		assertThat(download("/Unterricht/Plan.txt")).isEqualTo("status 404");

		MvcResult copied = form("verschieben", "pfad", "/Unterricht", "auswahl", "Stundenplan.txt", "ziel", "/Archiv", "aktion", "kopieren");
		assertThat(copied.getFlashMap().get("toast")).isEqualTo("files.toast.copied");
		assertThat(download("/Archiv/Stundenplan.txt")).isEqualTo("Montag: Mathe");
		assertThat(download("/Unterricht/Stundenplan.txt")).isEqualTo("Montag: Mathe");

		MvcResult moved = form("verschieben", "pfad", "/", "auswahl", "Unterricht", "ziel", "/Archiv", "aktion", "verschieben");
		assertThat(moved.getFlashMap().get("toast")).isEqualTo("files.toast.moved");
		assertThat(download("/Archiv/Unterricht/Stundenplan.txt")).isEqualTo("Montag: Mathe");
		assertThat(download("/Unterricht/Stundenplan.txt")).isEqualTo("status 404");

		MvcResult intoItself = form("verschieben", "pfad", "/", "auswahl", "Archiv", "ziel", "/Archiv/Unterricht", "aktion", "verschieben");
		assertThat((String) intoItself.getFlashMap().get("problemText")).isEqualTo(
				"„Archiv“ kann nicht in sich selbst verschoben werden – bitte wählen Sie einen anderen Zielordner.");

		MvcResult deleted = form("loeschen", "pfad", "/Archiv", "auswahl", "Unterricht", "auswahl", "Stundenplan.txt");
		assertThat(deleted.getFlashMap().get("toast")).isEqualTo("files.toast.deleted");
		assertThat(deleted.getResponse().getRedirectedUrl()).isEqualTo("/dateien/meine?pfad=/Archiv");
		assertThat(page("/dateien/meine?pfad=/Archiv")).contains("Noch keine Dateien");

		// a comma belongs to the name, it separates nothing
		upload("/Müller, Anna.txt", "Elternbrief");
		form("loeschen", "pfad", "/", "auswahl", "Müller, Anna.txt");
		assertThat(download("/Müller, Anna.txt")).isEqualTo("status 404");
	}

	@Test
	void badAndTakenNamesComeBackAsOneGermanSentenceBesideTheField() throws Exception {
		MvcResult bad = form("ordner", "pfad", "/", "name", "Noten?");
		assertThat(bad.getResponse().getRedirectedUrl()).isEqualTo("/dateien/meine");
		assertThat(bad.getFlashMap().get("problemField")).isEqualTo("name");
		assertThat((String) bad.getFlashMap().get("problemText")).startsWith("Der Name darf keines dieser Zeichen enthalten");
		// the redirect followed in the same session, as a browser does
		var session = bad.getResponse().getCookie("SCHULHAUS_SESSION");
		assertThat(session).as("session cookie").isNotNull();
		String shown = mvc.perform(get("/dateien/meine").with(user(me)).cookie(session)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(shown).contains("id=\"new-folder-error\"").contains("Der Name darf keines dieser Zeichen enthalten")
			.contains("aria-invalid=\"true\"").contains("value=\"Noten?\"");

		assertThat((String) form("ordner", "pfad", "/", "name", "CON.txt").getFlashMap().get("problemText"))
			.isEqualTo("Der Name CON ist unter Windows reserviert – bitte wählen Sie einen anderen.");
		assertThat((String) form("ordner", "pfad", "/", "name", "  ").getFlashMap().get("problemText")).isEqualTo("Bitte geben Sie einen Namen ein.");
		form("ordner", "pfad", "/", "name", "Elternbriefe");
		upload("/brief.txt", "Liebe Eltern");
		assertThat((String) form("ordner", "pfad", "/", "name", "Elternbriefe").getFlashMap().get("problemText"))
			.isEqualTo("Hier gibt es schon eine Datei oder einen Ordner namens „Elternbriefe“ – bitte wählen Sie einen anderen Namen.");
		MvcResult taken = form("umbenennen", "pfad", "/brief.txt", "name", "Elternbriefe");
		assertThat(taken.getResponse().getRedirectedUrl()).isEqualTo("/dateien/meine/details?pfad=/brief.txt");
		assertThat((String) taken.getFlashMap().get("problemText")).contains("„Elternbriefe“");
		assertThat((String) form("umbenennen", "pfad", "/brief.txt", "name", "brief.").getFlashMap().get("problemText"))
			.isEqualTo("Der Name darf nicht mit einem Punkt oder Leerzeichen enden.");
		assertThat((String) form("loeschen", "pfad", "/").getFlashMap().get("problemText"))
			.isEqualTo("Bitte wählen Sie zuerst Dateien oder Ordner aus.");
		assertThat(download("/brief.txt")).isEqualTo("Liebe Eltern");
	}

	@Test
	void detailsShowFactsAndAnEscapedTextPreview() throws Exception {
		upload(me, "/notiz.html", "<script>alert('x')</script> Grüße".getBytes(StandardCharsets.UTF_8), null);
		String html = page("/dateien/meine/details?pfad=/notiz.html");
		assertThat(html).contains("<h1>notiz.html</h1>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Grüße")
			.doesNotContain("<script>alert").contains("text/html").contains("Umbenennen").contains("Verschieben oder kopieren");
		upload(me, "/Ordner/leer.txt", new byte[0], "text/plain");
		assertThat(page("/dateien/meine/details?pfad=/Ordner/leer.txt")).contains("0 Byte").contains(">/Ordner</a>");
		assertThat(page("/dateien/meine/details?pfad=/Ordner")).contains("<h1>Ordner</h1>").contains("Ordner öffnen")
			.contains("/dateien/meine/zip?pfad=/Ordner").contains(">Meine Dateien</a>");
	}

	@Test
	void aPdfShowsItsFirstPageAsAPicture() throws Exception {
		ByteArrayOutputStream pdf = new ByteArrayOutputStream();
		try (PDDocument document = new PDDocument()) {
			document.addPage(new PDPage());
			document.save(pdf);
		}
		assertThat(upload(me, "/Arbeitsblatt.pdf", pdf.toByteArray(), "application/pdf").getStatus()).isEqualTo(201);
		assertThat(page("/dateien/meine/details?pfad=/Arbeitsblatt.pdf")).contains("/dateien/meine/vorschau?pfad=/Arbeitsblatt.pdf")
			.contains("Erste Seite von Arbeitsblatt.pdf");
		MockHttpServletResponse png = mvc.perform(get("/dateien/meine/vorschau").param("pfad", "/Arbeitsblatt.pdf").with(user(me))).andReturn()
			.getResponse();
		assertThat(png.getStatus()).isEqualTo(200);
		assertThat(png.getContentType()).isEqualTo("image/png");
		assertThat(png.getContentAsByteArray()).startsWith(new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		upload("/kein.txt", "kein PDF");
		assertThat(mvc.perform(get("/dateien/meine/vorschau").param("pfad", "/kein.txt").with(user(me))).andReturn().getResponse().getStatus())
			.isEqualTo(404);
	}

	@Test
	void theFolderPickerIsAFragmentWithTheFoldersOfOnePlace() throws Exception {
		upload("/Klassen/5a/liste.txt", "x");
		upload("/Klassen/5b/liste.txt", "x");
		String fragment = page("/dateien/meine/ordnerwahl?pfad=/Klassen");
		assertThat(fragment).startsWith("<div id=\"picker\"").contains("value=\"/Klassen\"").contains("Ordner 5a öffnen")
			.contains("hx-get=\"/dateien/meine/ordnerwahl?pfad=/Klassen/5b\"").doesNotContain("liste.txt").doesNotContain("<html");
	}

	@Test
	void unknownSpacesAndPathsAnswer404() throws Exception {
		for (String url : new String[] { "/dateien/gruppe", "/dateien/meine?pfad=/fehlt", "/dateien/meine/download?pfad=/fehlt.txt",
				"/dateien/meine/zip?pfad=/fehlt", "/dateien/meine?pfad=/../x", "/dateien/meine/details?pfad=/a/./b",
				"/dateien/meine/ordnerwahl?pfad=/fehlt" }) {
			assertThat(mvc.perform(get(url).with(user(me))).andReturn().getResponse().getStatus()).as(url).isEqualTo(404);
		}
		// "Schule" is the school's space now, which teachers write to: the office's is one a teacher does not have
		assertThat(mvc.perform(put("/dateien/verwaltung/hochladen").param("pfad", "/a.txt").with(user(me)).with(csrf()).content("x")).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(put("/dateien/meine/hochladen").param("pfad", "/a.txt").with(user(me)).content("x")).andReturn()
			.getResponse().getStatus()).as("no CSRF token").isEqualTo(403);
	}

	@Test
	void anotherSchoolsPersonReachesNothingOfTheSpace() throws Exception {
		upload("/Geheim/Noten.txt", "1, 2, 3");
		var t = new TestSchools(mvc);
		var other = t.createSchool("Andere Schule");
		SchulhausUser stranger = principal(t.createUser(other, "Otto", "Fremd", "TEACHER", "Kompass-Laterne-Quitte-2027", null).login());
		String theirs = mvc.perform(get("/dateien").with(user(stranger))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(theirs).contains("Noch keine Dateien").doesNotContain("Geheim");
		assertThat(mvc.perform(get("/dateien/meine/download").param("pfad", "/Geheim/Noten.txt").with(user(stranger))).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/dateien/meine/loeschen").param("pfad", "/").param("auswahl", "Geheim").with(user(stranger)).with(csrf()))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(download("/Geheim/Noten.txt")).isEqualTo("1, 2, 3");
	}

	private static Map<String, String> unzip(byte[] zip) throws Exception {
		Map<String, String> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return entries;
	}
}
