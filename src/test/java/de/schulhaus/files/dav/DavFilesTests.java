package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;
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
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/** Each WebDAV method on a teacher's own files, as a client sees the answers. */
@IntegrationTest
class DavFilesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	StorageQuotas quotas;

	TestSchools.SchoolRef school;
	TestSchools.UserRef teacher;
	SchulhausUser person;
	String secret;
	String root;

	@BeforeEach
	void teacherWithAppPassword() throws Exception {
		var t = new TestSchools(mvc);
		school = t.createSchool("Dateien-Schule");
		teacher = t.createUser(school, "Fiona", "Files", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		person = users.load(teacher.login()).orElseThrow();
		secret = credentials.createAppPassword(person, "Dateimanager", Set.of(Scope.FILES), null).secret();
		root = "/dav/files/" + teacher.login() + "/";
	}

	@Test
	void putGetHeadAndRanges() throws Exception {
		assertThat(call("PUT", "notiz.txt", "Hallo Welt").getStatus()).isEqualTo(201);
		MockHttpServletResponse get = call("GET", "notiz.txt", null);
		assertThat(get.getStatus()).isEqualTo(200);
		assertThat(get.getContentAsString()).isEqualTo("Hallo Welt");
		assertThat(get.getContentType()).startsWith("text/plain");
		String etag = get.getHeader("ETag");
		assertThat(etag).startsWith("\"");
		assertThat(call("HEAD", "notiz.txt", null).getContentLengthLong()).isEqualTo(10);
		assertThat(perform(dav("GET", "notiz.txt").header("If-None-Match", etag)).getStatus()).isEqualTo(304);
		MockHttpServletResponse range = perform(dav("GET", "notiz.txt").header("Range", "bytes=6-"));
		assertThat(range.getStatus()).isEqualTo(206);
		assertThat(range.getContentAsString()).isEqualTo("Welt");
		assertThat(range.getHeader("Content-Range")).isEqualTo("bytes 6-9/10");

		assertThat(perform(dav("PUT", "notiz.txt").header("If-None-Match", "*").content("neu")).getStatus()).isEqualTo(412);
		assertThat(perform(dav("PUT", "notiz.txt").header("If-Match", "\"alt\"").content("neu")).getStatus()).isEqualTo(412);
		assertThat(perform(dav("PUT", "notiz.txt").header("If-Match", etag).content("neu")).getStatus()).isEqualTo(204);
		assertThat(call("GET", "notiz.txt", null).getContentAsString()).isEqualTo("neu");
		assertThat(call("GET", "fehlt.txt", null).getStatus()).isEqualTo(404);
		assertThat(call("PUT", "ordner-fehlt/a.txt", "x").getStatus()).isEqualTo(409);
	}

	@Test
	void pathsDeeperThanOneQueryReachAreFoundAndWrongOnesAreNot() throws Exception {
		// eleven folders: more levels than one path query joins (8), so the look-up goes on in a second one
		StringBuilder folder = new StringBuilder();
		for (int level = 1; level <= 11; level++) {
			folder.append("Ebene-").append(level).append('/');
			assertThat(call("MKCOL", folder.toString(), null).getStatus()).isEqualTo(201);
		}
		String file = folder + "tief.txt";
		assertThat(call("PUT", file, "ganz unten").getStatus()).isEqualTo(201);
		assertThat(call("GET", file, null).getContentAsString()).isEqualTo("ganz unten");
		assertThat(call("PUT", file, "neu unten").getStatus()).isEqualTo(204);
		assertThat(call("GET", file, null).getContentAsString()).isEqualTo("neu unten");
		assertThat(call("PROPFIND", folder.toString(), null).getContentAsString()).contains("tief.txt");
		// below a file, a missing folder in the middle, a missing last segment
		assertThat(call("GET", file + "/mehr.txt", null).getStatus()).isEqualTo(404);
		assertThat(call("PUT", file + "/mehr.txt", "x").getStatus()).isEqualTo(409);
		assertThat(call("GET", "Ebene-1/Ebene-2/Fehlt/Ebene-4/tief.txt", null).getStatus()).isEqualTo(404);
		assertThat(call("GET", folder + "fehlt.txt", null).getStatus()).isEqualTo(404);
		assertThat(call("PUT", "Ebene-1/Ebene-2/Fehlt/neu.txt", "x").getStatus()).isEqualTo(409);
	}

	@Test
	void aSyncClientKeepsItsModificationTime() throws Exception {
		MockHttpServletResponse put = perform(dav("PUT", "alt.txt").header("X-OC-Mtime", "1700000000").content("von 2023"));
		assertThat(put.getStatus()).isEqualTo(201);
		assertThat(put.getHeader("X-OC-MTime")).isEqualTo("accepted");
		assertThat(call("GET", "alt.txt", null).getHeader("Last-Modified")).isEqualTo("Tue, 14 Nov 2023 22:13:20 GMT");
		// nonsense is not a time: the file gets the time of the upload
		assertThat(perform(dav("PUT", "neu.txt").header("X-OC-Mtime", "morgen").content("jetzt")).getHeader("X-OC-MTime")).isNull();
		assertThat(call("GET", "neu.txt", null).getHeader("Last-Modified")).doesNotContain("2023");
	}

	@Test
	void ifMatchHoldsForEveryMethodNotOnlyPut() throws Exception {
		call("PUT", "plan.txt", "Montag Mathe");
		String etag = call("HEAD", "plan.txt", null).getHeader("ETag");
		// GNOME's gvfs asks this way before it overwrites a file it read: 412 means someone changed it meanwhile
		assertThat(perform(dav("HEAD", "plan.txt").header("If-Match", "\"veraltet\"")).getStatus()).isEqualTo(412);
		assertThat(perform(dav("HEAD", "plan.txt").header("If-Match", etag)).getStatus()).isEqualTo(200);
		assertThat(perform(dav("GET", "plan.txt").header("If-Match", "\"veraltet\", W/\"auch-alt\"")).getStatus()).isEqualTo(412);
		assertThat(perform(dav("GET", "plan.txt").header("If-Match", "*")).getContentAsString()).isEqualTo("Montag Mathe");
		assertThat(perform(dav("MOVE", "plan.txt").header("If-Match", "\"veraltet\"").header("Destination", "http://localhost" + root + "alt.txt"))
			.getStatus()).isEqualTo(412);
		assertThat(perform(dav("DELETE", "plan.txt").header("If-Match", "\"veraltet\"")).getStatus()).isEqualTo(412);
		assertThat(call("GET", "plan.txt", null).getContentAsString()).isEqualTo("Montag Mathe");
		assertThat(call("GET", "alt.txt", null).getStatus()).isEqualTo(404);
		assertThat(perform(dav("DELETE", "plan.txt").header("If-Match", etag)).getStatus()).isEqualTo(204);
		// what is missing stays a 404, whatever the condition says
		assertThat(perform(dav("GET", "plan.txt").header("If-Match", etag)).getStatus()).isEqualTo(404);
	}

	@Test
	void propfindListsAFolderAndRefusesInfiniteDepth() throws Exception {
		assertThat(call("MKCOL", "Unterricht", null).getStatus()).isEqualTo(201);
		assertThat(call("MKCOL", "Unterricht", null).getStatus()).isEqualTo(405);
		assertThat(call("PUT", "Unterricht/Plan%20Klasse%205.txt", "Mathe").getStatus()).isEqualTo(201);
		MockHttpServletResponse list = perform(dav("PROPFIND", "Unterricht/").header("Depth", "1"));
		assertThat(list.getStatus()).isEqualTo(207);
		String xml = list.getContentAsString(StandardCharsets.UTF_8);
		assertThat(xml).contains(root + "Unterricht/</D:href>").contains(root + "Unterricht/Plan%20Klasse%205.txt</D:href>")
			.contains("<D:collection").contains("<D:getcontentlength>5</D:getcontentlength>");
		MockHttpServletResponse infinite = perform(dav("PROPFIND", "").header("Depth", "infinity"));
		assertThat(infinite.getStatus()).isEqualTo(403);
		assertThat(infinite.getContentAsString()).contains("propfind-finite-depth");
	}

	@Test
	void propfindWithoutDepthListsTheFolderLikeDepthOne() throws Exception {
		call("MKCOL", "Ohne%20Tiefe", null);
		call("PUT", "Ohne%20Tiefe/Brief.txt", "Liebe Eltern");
		call("MKCOL", "Ohne%20Tiefe/Innen", null);
		call("PUT", "Ohne%20Tiefe/Innen/tief.txt", "tief");
		MockHttpServletResponse list = call("PROPFIND", "Ohne%20Tiefe/", null);
		assertThat(list.getStatus()).isEqualTo(207);
		String xml = list.getContentAsString(StandardCharsets.UTF_8);
		assertThat(xml).contains(root + "Ohne%20Tiefe/</D:href>").contains(root + "Ohne%20Tiefe/Brief.txt</D:href>")
			.contains(root + "Ohne%20Tiefe/Innen/</D:href>").doesNotContain("tief.txt");
		MockHttpServletResponse file = call("PROPFIND", "Ohne%20Tiefe/Brief.txt", null);
		assertThat(file.getStatus()).isEqualTo(207);
		assertThat(file.getContentAsString(StandardCharsets.UTF_8)).contains("<D:getcontentlength>12</D:getcontentlength>");
	}

	@Test
	void proppatchStoresDeadPropertiesAndProtectsLiveOnes() throws Exception {
		call("PUT", "a.txt", "a");
		String set = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop>"
				+ "<farbe xmlns=\"http://example.com/ns\">blau <b>sehr</b></farbe></D:prop></D:set></D:propertyupdate>";
		assertThat(perform(dav("PROPPATCH", "a.txt").content(set)).getContentAsString()).contains("HTTP/1.1 200");
		String find = "<D:propfind xmlns:D=\"DAV:\"><D:prop><x:farbe xmlns:x=\"http://example.com/ns\"/></D:prop></D:propfind>";
		String xml = perform(dav("PROPFIND", "a.txt").header("Depth", "0").content(find)).getContentAsString();
		assertThat(xml).contains("farbe xmlns=\"http://example.com/ns\">blau <b xmlns=\"http://example.com/ns\">sehr</b>");
		String live = "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><D:getetag>x</D:getetag></D:prop></D:set></D:propertyupdate>";
		assertThat(perform(dav("PROPPATCH", "a.txt").content(live)).getContentAsString()).contains("HTTP/1.1 403");
		assertThat(perform(dav("PROPFIND", "a.txt").header("Depth", "0").content("<D:propfind")).getStatus()).isEqualTo(400);
		String entity = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><D:propfind xmlns:D=\"DAV:\"><D:prop>&e;</D:prop></D:propfind>";
		assertThat(perform(dav("PROPFIND", "a.txt").header("Depth", "0").content(entity)).getStatus()).isEqualTo(400);
	}

	@Test
	void copyMoveAndDeleteFollowOverwriteAndDepth() throws Exception {
		call("MKCOL", "quelle", null);
		call("PUT", "quelle/x.txt", "x");
		call("PUT", "y.txt", "y");
		assertThat(perform(dav("COPY", "quelle/").header("Destination", "http://localhost" + root + "kopie/")).getStatus()).isEqualTo(201);
		assertThat(call("GET", "kopie/x.txt", null).getContentAsString()).isEqualTo("x");
		assertThat(perform(dav("COPY", "quelle/").header("Destination", "http://localhost" + root + "flach/").header("Depth", "0"))
			.getStatus()).isEqualTo(201);
		assertThat(call("GET", "flach/x.txt", null).getStatus()).isEqualTo(404);
		assertThat(perform(dav("COPY", "y.txt").header("Destination", "http://localhost" + root + "kopie/x.txt").header("Overwrite", "F"))
			.getStatus()).isEqualTo(412);
		assertThat(perform(dav("MOVE", "y.txt").header("Destination", "http://localhost" + root + "kopie/x.txt")).getStatus()).isEqualTo(204);
		assertThat(call("GET", "kopie/x.txt", null).getContentAsString()).isEqualTo("y");
		assertThat(call("GET", "y.txt", null).getStatus()).isEqualTo(404);
		assertThat(perform(dav("MOVE", "kopie/").header("Destination", "http://localhost" + root + "fehlt/kopie/")).getStatus()).isEqualTo(409);
		assertThat(call("DELETE", "quelle/", null).getStatus()).isEqualTo(204);
		assertThat(call("GET", "quelle/x.txt", null).getStatus()).isEqualTo(404);
		assertThat(call("DELETE", "quelle/", null).getStatus()).isEqualTo(404);
	}

	@Test
	void aFolderMovedIntoItsOwnChildIsRefusedAndStaysWhereItWas() throws Exception {
		call("MKCOL", "Eltern/", null);
		call("MKCOL", "Eltern/Kind/", null);
		call("PUT", "Eltern/Kind/brief.txt", "Hallo");
		assertThat(perform(dav("MOVE", "Eltern/").header("Destination", "http://localhost" + root + "Eltern/Kind/Eltern/")).getStatus())
			.isIn(403, 409);
		assertThat(perform(dav("MOVE", "Eltern/").header("Destination", "http://localhost" + root + "Eltern/")).getStatus()).isIn(403, 409);
		assertThat(call("GET", "Eltern/Kind/brief.txt", null).getContentAsString()).isEqualTo("Hallo");
		assertThat(call("PROPFIND", "Eltern/Kind/", null).getContentAsString()).doesNotContain("Kind/Eltern");
	}

		@Test
	void aLockKeepsOthersOutUntilItsTokenIsGiven() throws Exception {
		call("PUT", "gesperrt.txt", "a");
		String info = "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
				+ "<D:owner>Fiona</D:owner></D:lockinfo>";
		MockHttpServletResponse lock = perform(dav("LOCK", "gesperrt.txt").header("Timeout", "Second-600").content(info));
		assertThat(lock.getStatus()).isEqualTo(200);
		String token = lock.getHeader("Lock-Token");
		assertThat(token).startsWith("<urn:uuid:");
		assertThat(lock.getContentAsString()).contains("<D:owner>Fiona</D:owner>");
		assertThat(call("PUT", "gesperrt.txt", "b").getStatus()).isEqualTo(423);
		assertThat(perform(dav("LOCK", "gesperrt.txt").content(info)).getStatus()).isEqualTo(423);
		assertThat(perform(dav("PUT", "gesperrt.txt").header("If", "(" + token + ")").content("b")).getStatus()).isEqualTo(204);
		assertThat(perform(dav("UNLOCK", "gesperrt.txt").header("Lock-Token", token)).getStatus()).isEqualTo(204);
		assertThat(call("DELETE", "gesperrt.txt", null).getStatus()).isEqualTo(204);
	}

	@Test
	void anExpiredLockNoLongerKeepsOthersOut() throws Exception {
		call("PUT", "kurz.txt", "a");
		String info = "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
				+ "</D:lockinfo>";
		MockHttpServletResponse lock = perform(dav("LOCK", "kurz.txt").header("Timeout", "Second-1").content(info));
		assertThat(lock.getStatus()).isEqualTo(200);
		assertThat(lock.getContentAsString()).contains("Second-1");
		assertThat(call("PUT", "kurz.txt", "b").getStatus()).isEqualTo(423);
		Thread.sleep(2_100);
		// no token, no UNLOCK: the lock ran out, and the client that took it has no say any more
		assertThat(call("PUT", "kurz.txt", "c").getStatus()).isEqualTo(204);
		assertThat(call("GET", "kurz.txt", null).getContentAsString()).isEqualTo("c");
		assertThat(call("PROPFIND", "kurz.txt", null).getContentAsString()).doesNotContain(lock.getHeader("Lock-Token").replaceAll("[<>]", ""));
		assertThat(perform(dav("LOCK", "kurz.txt").content(info)).getStatus()).as("another client may lock it now").isEqualTo(200);
	}

		@Test
	void aLockedFolderKeepsNewFilesOutAtAnyDepthAndOtherFoldersStayOpen() throws Exception {
		assertThat(call("MKCOL", "Abgaben/", null).getStatus()).isEqualTo(201);
		assertThat(call("MKCOL", "Abgaben/Klasse-7a/", null).getStatus()).isEqualTo(201);
		assertThat(call("MKCOL", "Frei/", null).getStatus()).isEqualTo(201);
		// before any lock: the tree is known to have none, and a PUT goes through
		assertThat(call("PUT", "Abgaben/Klasse-7a/vorher.txt", "a").getStatus()).isEqualTo(201);
		String info = "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
				+ "</D:lockinfo>";
		MockHttpServletResponse lock = perform(dav("LOCK", "Abgaben/").header("Depth", "infinity").content(info));
		assertThat(lock.getStatus()).isEqualTo(200);
		String token = lock.getHeader("Lock-Token");

		assertThat(call("PUT", "Abgaben/Klasse-7a/neu.txt", "b").getStatus()).isEqualTo(423);
		assertThat(call("PUT", "Abgaben/Klasse-7a/vorher.txt", "b").getStatus()).isEqualTo(423);
		assertThat(call("PUT", "Frei/neu.txt", "c").getStatus()).isEqualTo(201);
		assertThat(perform(dav("PUT", "Abgaben/Klasse-7a/neu.txt").header("If", "(" + token + ")").content("b")).getStatus()).isEqualTo(201);
		assertThat(perform(dav("UNLOCK", "Abgaben/").header("Lock-Token", token)).getStatus()).isEqualTo(204);
		assertThat(call("PUT", "Abgaben/Klasse-7a/vorher.txt", "d").getStatus()).isEqualTo(204);
	}

	@Test
	void namesWindowsOrMacCannotStoreAreRefusedWithAReason() throws Exception {
		for (String name : new String[] { "CON", "con.txt", "a%3Ab.txt", "frage%3F", "punkt.", "leer%20", "a%7Cb", "%3Cx%3E" }) {
			MockHttpServletResponse put = call("PUT", name, "x");
			assertThat(put.getStatus()).as(name).isEqualTo(400);
			assertThat(put.getContentAsString()).as(name).isNotBlank();
		}
		assertThat(call("PUT", "x".repeat(256), "x").getStatus()).isEqualTo(400);
		assertThat(call("MKCOL", "%2E%2E", null).getStatus()).isEqualTo(400);
		assertThat(call("PUT", "a%00b", "x").getStatus()).isEqualTo(400);
		assertThat(call("PUT", "a%2Fb", "x").getStatus()).isEqualTo(400);
		// real clients percent-encode: Schöne Grüße €.txt
		assertThat(call("PUT", "Sch%C3%B6ne%20Gr%C3%BC%C3%9Fe%20%E2%82%AC.txt", "x").getStatus()).isEqualTo(201);
	}

	@Test
	void aFullSpaceAnswers507AndKeepsNothing() throws Exception {
		quotas.setPersonal(school.id(), teacher.id(), 1L, null, person);
		byte[] big = new byte[1_500_000];
		assertThat(perform(dav("PUT", "gross.bin").content(big)).getStatus()).isEqualTo(507);
		assertThat(call("GET", "gross.bin", null).getStatus()).isEqualTo(404);
		assertThat(quotas.usageOfPerson(school.id(), teacher.id()).usedBytes()).isZero();
		assertThat(call("PUT", "klein.txt", "passt").getStatus()).isEqualTo(201);
	}

	@Test
	void collectionsReportTheSpacesQuotaWhenAsked() throws Exception {
		quotas.setPersonal(school.id(), teacher.id(), 2L, null, person);
		call("MKCOL", "Ordner", null);
		perform(dav("PUT", "Ordner/tausend.bin").content(new byte[1000]));
		String ask = "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:quota-available-bytes/><D:quota-used-bytes/></D:prop></D:propfind>";
		String xml = perform(dav("PROPFIND", "").header("Depth", "1").content(ask)).getContentAsString(StandardCharsets.UTF_8);
		assertThat(xml).contains("<D:quota-used-bytes>1000</D:quota-used-bytes>")
			.contains("<D:quota-available-bytes>" + (2 * 1024 * 1024 - 1000) + "</D:quota-available-bytes>");
		String file = perform(dav("PROPFIND", "Ordner/tausend.bin").header("Depth", "0").content(ask)).getContentAsString();
		assertThat(file).contains("HTTP/1.1 404").doesNotContain("1000</D:quota-used-bytes>");
		assertThat(call("PROPFIND", "", null).getContentAsString()).doesNotContain("quota-used-bytes");
		String set = "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><D:quota-used-bytes>0</D:quota-used-bytes></D:prop></D:set></D:propertyupdate>";
		assertThat(perform(dav("PROPPATCH", "").content(set)).getContentAsString()).contains("HTTP/1.1 403");
	}

	@Test
	void anotherPersonsAddressAnswersLikeAMissingOne() throws Exception {
		var other = new TestSchools(mvc).createUser(school, "Olga", "Other", "TEACHER", "Kompass-Laterne-Quitte-2027", null);
		MockHttpServletResponse foreign = perform(request(HttpMethod.valueOf("PROPFIND"), "/dav/files/" + other.login() + "/")
			.header("Depth", "0").with(httpBasic(teacher.login(), secret)));
		MockHttpServletResponse missing = perform(request(HttpMethod.valueOf("PROPFIND"), "/dav/files/niemand@example.org/")
			.header("Depth", "0").with(httpBasic(teacher.login(), secret)));
		assertThat(foreign.getStatus()).isEqualTo(404);
		assertThat(missing.getStatus()).isEqualTo(404);
		assertThat(foreign.getContentAsString()).isEqualTo(missing.getContentAsString());
		assertThat(perform(request(HttpMethod.valueOf("PROPFIND"), root).header("Depth", "0")).getStatus()).isEqualTo(401);
	}

	@Test
	void answersCarryTheSecurityHeadersAndRefuseWhatTheProtocolChainRefuses() throws Exception {
		MockHttpServletResponse put = call("PUT", "kopf.txt", "Kopfzeilen");
		assertThat(put.getStatus()).isEqualTo(201);
		assertThat(put.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(put.getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(put.getHeader("Cache-Control")).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
		MockHttpServletResponse page = perform(dav("GET", "kopf.txt"));
		assertThat(page.getHeader("Content-Security-Policy")).as("an uploaded page opened in a browser runs nothing")
			.isEqualTo("default-src 'none'; sandbox; frame-ancestors 'none'");
		String etag = put.getHeader("ETag");
		MockHttpServletResponse unchanged = perform(dav("GET", "kopf.txt").header("If-None-Match", etag));
		assertThat(unchanged.getStatus()).isEqualTo(304);
		assertThat(unchanged.getHeader("Cache-Control")).as("a 304 lets the client keep its copy").isNull();
		assertThat(unchanged.getHeader("Pragma")).isNull();
		assertThat(unchanged.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");

		MockHttpServletResponse anonymous = perform(request(HttpMethod.valueOf("PROPFIND"), java.net.URI.create(root)));
		assertThat(anonymous.getStatus()).isEqualTo(401);
		assertThat(anonymous.getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"Schulhaus Dateien\", charset=\"UTF-8\"");
		assertThat(anonymous.getHeader("X-Frame-Options")).isEqualTo("DENY");
		String calendarOnly = credentials.createAppPassword(person, "Kalender", Set.of(Scope.CALENDAR), null).secret();
		assertThat(perform(request(HttpMethod.valueOf("PROPFIND"), java.net.URI.create(root)).with(httpBasic(teacher.login(), calendarOnly)))
			.getStatus()).as("an app password of another scope").isEqualTo(401);
		assertThat(perform(request(HttpMethod.valueOf("PROPFIND"), java.net.URI.create(root)).header("Authorization", "Basic ###"))
			.getStatus()).as("credentials that are no Base64").isEqualTo(401);
		assertThat(perform(request(HttpMethod.GET, java.net.URI.create(root + "kopf.txt;jsessionid=1")).with(httpBasic(teacher.login(), secret)))
			.getStatus()).as("the firewall's refusal of a path parameter").isEqualTo(400);
	}

	private MockHttpServletRequestBuilder dav(String method, String path) {
		return request(HttpMethod.valueOf(method), java.net.URI.create(root + path)).with(httpBasic(teacher.login(), secret));
	}

	private MockHttpServletResponse call(String method, String path, String body) throws Exception {
		MockHttpServletRequestBuilder builder = dav(method, path);
		if (body != null) {
			builder.content(body.getBytes(StandardCharsets.UTF_8));
		}
		return perform(builder);
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder builder) throws Exception {
		return mvc.perform(builder).andReturn().getResponse();
	}
}
