package de.schulhaus.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.dav.DavPath;
import de.schulhaus.files.internal.Links;
import de.schulhaus.files.internal.SpaceFiles;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.SchulhausUser;

/**
 * A file that a WebDAV client (Windows Explorer, davfs2, an office program) holds locked stays as it is whatever
 * way a change comes in: the browser, resumable uploads, version restore, a drop-box link. Once unlocked, they work.
 */
@IntegrationTest
class LockedFilesTests {

	static final String LOCKINFO = "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
			+ "<D:owner>Word</D:owner></D:lockinfo>";

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	Spaces spaces;

	@Autowired
	Links links;

	TestSchools.UserRef teacher;
	SchulhausUser me;
	String secret;
	String root;

	@BeforeEach
	void teacherWithAppPassword() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Sperr-Schule");
		teacher = t.createUser(school, "Lotte", "Lock", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		SchulhausUser loaded = users.load(teacher.login()).orElseThrow();
		secret = credentials.createAppPassword(loaded, "Explorer", Set.of(Scope.FILES), null).secret();
		loaded.eraseCredentials();
		me = loaded.withTwoFactor(false);
		root = "/dav/files/" + teacher.login() + "/";
	}

	@Test
	void theBrowserLeavesALockedFileAsItIsUntilItIsUnlocked() throws Exception {
		assertThat(dav("PUT", "Plan.txt", "alt").getStatus()).isEqualTo(201);
		assertThat(dav("PUT", "Plan.txt", "zweite").getStatus()).isEqualTo(204);
		String token = lock("Plan.txt", "0");

		MockHttpServletResponse upload = browserUpload("/Plan.txt", "neu");
		assertThat(upload.getStatus()).isEqualTo(423);
		assertThat(upload.getContentType()).startsWith("application/problem+json");
		assertThat(upload.getContentAsString(StandardCharsets.UTF_8))
			.matches("(?s).*Die Datei ist gerade in einem anderen Programm geöffnet und gesperrt \\(bis \\d\\d:\\d\\d Uhr\\)\\. Versuchen Sie es später\\..*");
		assertThat((String) form("umbenennen", "pfad", "/Plan.txt", "name", "Umbenannt.txt").getFlashMap().get("problemText"))
			.startsWith("Die Datei ist gerade in einem anderen Programm geöffnet und gesperrt (bis ");
		assertThat((String) form("loeschen", "pfad", "/", "auswahl", "Plan.txt").getFlashMap().get("problemText")).contains("gesperrt");
		assertThat(dav("MKCOL", "Ablage", null).getStatus()).isEqualTo(201);
		assertThat((String) form("verschieben", "pfad", "/", "auswahl", "Plan.txt", "ziel", "/Ablage").getFlashMap().get("problemText"))
			.contains("gesperrt");
		SpaceFiles files = spaces.open(spaces.personal(me));
		var version = files.versions(DavPath.ROOT.child("Plan.txt")).get(0).id();
		assertThat((String) form("version/wiederherstellen", "pfad", "/Plan.txt", "version", version.toString()).getFlashMap().get("problemText"))
			.contains("gesperrt");
		assertThat(dav("GET", "Plan.txt", null).getContentAsString()).isEqualTo("zweite");
		assertThat(dav("GET", "Umbenannt.txt", null).getStatus()).isEqualTo(404);
		assertThat(dav("GET", "Ablage/Plan.txt", null).getStatus()).isEqualTo(404);

		assertThat(perform(davRequest("UNLOCK", "Plan.txt").header("Lock-Token", token)).getStatus()).isEqualTo(204);
		assertThat(form("version/wiederherstellen", "pfad", "/Plan.txt", "version", version.toString()).getFlashMap().get("problemText")).isNull();
		assertThat(dav("GET", "Plan.txt", null).getContentAsString()).isEqualTo("alt");
		assertThat(browserUpload("/Plan.txt", "neu").getStatus()).isEqualTo(201);
		assertThat(form("umbenennen", "pfad", "/Plan.txt", "name", "Umbenannt.txt").getFlashMap().get("problemText")).isNull();
		assertThat(dav("GET", "Umbenannt.txt", null).getContentAsString()).isEqualTo("neu");
		assertThat(form("loeschen", "pfad", "/", "auswahl", "Umbenannt.txt").getFlashMap().get("problemText")).isNull();
		assertThat(dav("GET", "Umbenannt.txt", null).getStatus()).isEqualTo(404);
	}

	@Test
	void aFolderLockedWithDepthInfinityKeepsNewFilesOutOfEveryFolderBelowIt() throws Exception {
		dav("MKCOL", "Abgaben", null);
		dav("MKCOL", "Abgaben/7a", null);
		dav("MKCOL", "Frei", null);
		String token = lock("Abgaben/", "infinity");
		assertThat(browserUpload("/Abgaben/7a/neu.txt", "x").getStatus()).isEqualTo(423);
		assertThat(browserUpload("/Abgaben/7a/Unterordner/neu.txt", "x").getStatus()).isEqualTo(423);
		assertThat(form("loeschen", "pfad", "/", "auswahl", "Abgaben").getFlashMap().get("problemText")).isNotNull();
		assertThat(browserUpload("/Frei/neu.txt", "x").getStatus()).isEqualTo(201);
		assertThat(dav("GET", "Abgaben/7a/neu.txt", null).getStatus()).isEqualTo(404);
		assertThat(dav("PROPFIND", "Abgaben/", null).getStatus()).isEqualTo(207);
		assertThat(perform(davRequest("UNLOCK", "Abgaben/").header("Lock-Token", token)).getStatus()).isEqualTo(204);
		assertThat(browserUpload("/Abgaben/7a/neu.txt", "x").getStatus()).isEqualTo(201);
	}

	@Test
	void aResumableUploadOfALockedFileIsRefusedWhenItBeginsAndWaitsWhenItCompletes() throws Exception {
		dav("PUT", "Video.mp4", "alt");
		// begun before the lock, its last bytes arrive while Explorer holds the file
		String location = tusCreate(5, "Video.mp4").getHeader("Location");
		String token = lock("Video.mp4", "0");

		MockHttpServletResponse created = tusCreate(3, "Video.mp4");
		assertThat(created.getStatus()).isEqualTo(423);
		assertThat(created.getContentType()).startsWith("application/problem+json");
		assertThat(created.getContentAsString(StandardCharsets.UTF_8)).contains("urn:schulhaus:problem:locked").contains("gesperrt");

		MockHttpServletResponse patched = tusPatch(location, 0, "fünf".getBytes(StandardCharsets.UTF_8));
		assertThat(patched.getStatus()).isEqualTo(423);
		assertThat(patched.getContentAsString(StandardCharsets.UTF_8)).contains("urn:schulhaus:problem:locked");
		assertThat(dav("GET", "Video.mp4", null).getContentAsString()).isEqualTo("alt");

		assertThat(perform(davRequest("UNLOCK", "Video.mp4").header("Lock-Token", token)).getStatus()).isEqualTo(204);
		// the bytes are all there: the client's retry completes the upload
		MockHttpServletResponse retried = tusPatch(location, 5, new byte[0]);
		assertThat(retried.getStatus()).isEqualTo(204);
		assertThat(dav("GET", "Video.mp4", null).getContentAsString(StandardCharsets.UTF_8)).isEqualTo("fünf");
		assertThat(tusCreate(3, "Video.mp4").getStatus()).isEqualTo(201);
	}

	@Test
	void aDropBoxLinkTakesNothingIntoAFolderThatIsLocked() throws Exception {
		dav("MKCOL", "Abgabe", null);
		SpaceFiles files = spaces.open(spaces.personal(me));
		String link = links.create(files, DavPath.ROOT.child("Abgabe"), true, null, null, null, me).token();
		String token = lock("Abgabe/", "infinity");
		MockHttpServletResponse refused = mvc.perform(post("/s/" + link + "/dateien").param("name", "Aufgabe.pdf").content("Lösung").with(csrf()))
			.andReturn().getResponse();
		assertThat(refused.getStatus()).isEqualTo(423);
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("gesperrt");
		assertThat(dav("GET", "Abgabe/Aufgabe.pdf", null).getStatus()).isEqualTo(404);
		assertThat(perform(davRequest("UNLOCK", "Abgabe/").header("Lock-Token", token)).getStatus()).isEqualTo(204);
		assertThat(mvc.perform(post("/s/" + link + "/dateien").param("name", "Aufgabe.pdf").content("Lösung").with(csrf())).andReturn().getResponse().getStatus())
			.isEqualTo(201);
	}

	@Test
	void nothingComesBackFromTheTrashIntoAFolderThatIsLocked() throws Exception {
		dav("MKCOL", "Klausuren", null);
		dav("PUT", "Klausuren/K1.txt", "Aufgabe 1");
		assertThat(form("loeschen", "pfad", "/Klausuren", "auswahl", "K1.txt").getFlashMap().get("problemText")).isNull();
		SpaceFiles files = spaces.open(spaces.personal(me));
		String trashed = files.trash().get(0).id().toString();
		String token = lock("Klausuren/", "0");

		MockHttpServletResponse refused = perform(post("/dateien/meine/papierkorb/wiederherstellen").param("eintrag", trashed).with(user(me))
			.with(csrf()));
		assertThat(refused.getStatus()).isEqualTo(423);
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8))
			.containsPattern("Das kann gerade nicht zurück: Der Ordner, in den es gehört, ist in einem anderen Programm geöffnet und gesperrt "
					+ "\\(bis \\d\\d:\\d\\d Uhr\\)")
			.contains("K1.txt");
		assertThat(dav("GET", "Klausuren/K1.txt", null).getStatus()).isEqualTo(404);
		assertThat(spaces.open(spaces.personal(me)).trash()).hasSize(1);

		assertThat(perform(davRequest("UNLOCK", "Klausuren/").header("Lock-Token", token)).getStatus()).isEqualTo(204);
		MockHttpServletResponse restored = perform(post("/dateien/meine/papierkorb/wiederherstellen").param("eintrag", trashed).with(user(me))
			.with(csrf()));
		assertThat(restored.getStatus()).isEqualTo(302);
		assertThat(dav("GET", "Klausuren/K1.txt", null).getContentAsString()).isEqualTo("Aufgabe 1");
	}

	private String lock(String path, String depth) throws Exception {
		MockHttpServletResponse lock = perform(davRequest("LOCK", path).header("Timeout", "Second-600").header("Depth", depth).content(LOCKINFO));
		assertThat(lock.getStatus()).isEqualTo(200);
		return lock.getHeader("Lock-Token");
	}

	private MockHttpServletResponse browserUpload(String path, String content) throws Exception {
		return perform(put("/dateien/meine/hochladen").param("pfad", path).with(user(me)).with(csrf()).contentType("text/plain")
			.content(content.getBytes(StandardCharsets.UTF_8)));
	}

	private MvcResult form(String action, String... params) throws Exception {
		var request = post("/dateien/meine/" + action).with(user(me)).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return mvc.perform(request).andReturn();
	}

	private MockHttpServletResponse tusCreate(long length, String name) throws Exception {
		return perform(tus("POST", "/api/files/uploads").header("Upload-Length", length)
			.header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8))));
	}

	private MockHttpServletResponse tusPatch(String location, long offset, byte[] part) throws Exception {
		return perform(tus("PATCH", location).header("Upload-Offset", offset).contentType("application/offset+octet-stream").content(part));
	}

	private MockHttpServletRequestBuilder tus(String method, String path) {
		return request(HttpMethod.valueOf(method), path).with(httpBasic(teacher.login(), secret)).header("Tus-Resumable", "1.0.0");
	}

	private MockHttpServletRequestBuilder davRequest(String method, String path) {
		return request(HttpMethod.valueOf(method), java.net.URI.create(root + path)).with(httpBasic(teacher.login(), secret));
	}

	private MockHttpServletResponse dav(String method, String path, String body) throws Exception {
		MockHttpServletRequestBuilder builder = davRequest(method, path);
		if (body != null) {
			builder.content(body.getBytes(StandardCharsets.UTF_8));
		}
		return perform(builder);
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder builder) throws Exception {
		return mvc.perform(builder).andReturn().getResponse();
	}
}
