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
import de.schulhaus.accounts.security.AccountUserDetailsService;

/**
 * The requests Windows Explorer's WebDAV client (the Mini-Redirector of the WebClient service) sends,
 * in its order, as traces of Windows 10 and 11 show them; there is no Windows here to run it for real.
 */
@IntegrationTest
class WindowsRedirectorTests {

	static final String AGENT = "Microsoft-WebDAV-MiniRedir/10.0.19045";

	/** Windows 10's PROPPATCH after it created a file: the Win32 times and attributes, kept as dead properties. */
	static final String WIN32_PROPERTIES = """
			<?xml version="1.0" encoding="utf-8" ?><D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:schemas-microsoft-com:"><D:set><D:prop>\
			<Z:Win32CreationTime>Mon, 16 Nov 2026 07:45:12 GMT</Z:Win32CreationTime>\
			<Z:Win32LastAccessTime>Mon, 30 Nov 2026 08:00:00 GMT</Z:Win32LastAccessTime>\
			<Z:Win32LastModifiedTime>Fri, 27 Nov 2026 16:20:31 GMT</Z:Win32LastModifiedTime>\
			<Z:Win32FileAttributes>00000020</Z:Win32FileAttributes>\
			</D:prop></D:set></D:propertyupdate>""";

	static final String LOCKINFO = """
			<?xml version="1.0" encoding="utf-8" ?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope>\
			<D:locktype><D:write/></D:locktype><D:owner><D:href>SCHULE\\lehrer</D:href></D:owner></D:lockinfo>""";

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	TestSchools.UserRef teacher;
	String secret;
	String root;

	@BeforeEach
	void teacherWithAppPassword() throws Exception {
		var t = new TestSchools(mvc);
		teacher = t.createUser(t.createSchool("Fenster-Schule"), "Wilma", "Windows", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		secret = credentials.createAppPassword(users.load(teacher.login()).orElseThrow(), "Explorer", Set.of(Scope.FILES), null)
			.secret();
		root = "/dav/files/" + teacher.login() + "/";
	}

	@Test
	void optionsOnTheServerRootSaysWebDavBeforeAnyPassword() throws Exception {
		// the Mini-Redirector asks the root of the server first, whatever folder was mapped, and gives up without these
		MockHttpServletResponse options = perform(request(HttpMethod.OPTIONS, "/").header("User-Agent", AGENT).header("translate", "f"));
		assertThat(options.getStatus()).isEqualTo(200);
		assertThat(options.getHeader("MS-Author-Via")).isEqualTo("DAV");
		assertThat(options.getHeader("DAV")).startsWith("1, 2");
		assertThat(options.getHeader("Allow")).contains("OPTIONS");
		MockHttpServletResponse folder = perform(dav("OPTIONS", ""));
		assertThat(folder.getStatus()).isEqualTo(200);
		assertThat(folder.getHeader("MS-Author-Via")).isEqualTo("DAV");
		assertThat(folder.getHeader("DAV")).startsWith("1, 2");
	}

	@Test
	void explorerCopiesAFileInAndKeepsItsWin32Properties() throws Exception {
		assertThat(perform(dav("PROPFIND", "Bericht.docx").header("Depth", "0")).getStatus()).isEqualTo(404);
		assertThat(perform(dav("PUT", "Bericht.docx").content(new byte[0])).getStatus()).isEqualTo(201);
		MockHttpServletResponse lock = perform(dav("LOCK", "Bericht.docx").header("Timeout", "Second-3600").contentType("text/xml")
			.content(LOCKINFO));
		assertThat(lock.getStatus()).isEqualTo(200);
		String token = lock.getHeader("Lock-Token");
		assertThat(token).startsWith("<").endsWith(">");
		String ifToken = "(" + token + ")";

		MockHttpServletResponse patched = perform(dav("PROPPATCH", "Bericht.docx").header("If", ifToken).contentType("text/xml")
			.content(WIN32_PROPERTIES));
		assertThat(patched.getStatus()).isEqualTo(207);
		String answer = patched.getContentAsString(StandardCharsets.UTF_8);
		assertThat(answer).contains("HTTP/1.1 200").doesNotContain("HTTP/1.1 4").contains("Win32LastModifiedTime");
		assertThat(perform(dav("HEAD", "Bericht.docx")).getStatus()).isEqualTo(200);
		byte[] content = "Bericht über den Wandertag".getBytes(StandardCharsets.UTF_8);
		// without the token the file is locked for everyone, Explorer itself included
		assertThat(perform(dav("PUT", "Bericht.docx").content(content)).getStatus()).isEqualTo(423);
		assertThat(perform(dav("PUT", "Bericht.docx").header("If", ifToken).content(content)).getStatus()).isEqualTo(204);
		String again = WIN32_PROPERTIES.replace("Fri, 27 Nov 2026 16:20:31 GMT", "Mon, 30 Nov 2026 09:15:00 GMT")
			.replaceAll("<Z:Win32(CreationTime|LastAccessTime)>[^<]*</Z:Win32\\w+>", "");
		assertThat(perform(dav("PROPPATCH", "Bericht.docx").header("If", ifToken).contentType("text/xml").content(again))
			.getContentAsString()).doesNotContain("HTTP/1.1 4");
		assertThat(perform(dav("UNLOCK", "Bericht.docx").header("Lock-Token", token)).getStatus()).isEqualTo(204);

		assertThat(perform(dav("GET", "Bericht.docx")).getContentAsByteArray()).isEqualTo(content);
		String ask = """
				<?xml version="1.0" encoding="utf-8" ?><D:propfind xmlns:D="DAV:" xmlns:Z="urn:schemas-microsoft-com:"><D:prop>\
				<D:getcontentlength/><D:getlastmodified/><D:resourcetype/><Z:Win32FileAttributes/><Z:Win32CreationTime/>\
				<Z:Win32LastModifiedTime/></D:prop></D:propfind>""";
		String listing = perform(dav("PROPFIND", "").header("Depth", "1").contentType("text/xml").content(ask))
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(listing).contains("Bericht.docx</D:href>").contains(">" + content.length + "</D:getcontentlength>")
			.contains(">00000020</").contains(">Mon, 16 Nov 2026 07:45:12 GMT</").contains(">Mon, 30 Nov 2026 09:15:00 GMT</")
			.doesNotContain("Fri, 27 Nov 2026").doesNotContain("activelock");
		// allprop carries the dead properties too
		assertThat(perform(dav("PROPFIND", "Bericht.docx").header("Depth", "0")).getContentAsString(StandardCharsets.UTF_8))
			.contains("urn:schemas-microsoft-com:").contains(">00000020</");
	}

	@Test
	void aLockOnANewNameReservesItAndThePutFillsIt() throws Exception {
		// older Windows and Office lock the name first: RFC 4918 creates an empty file for it (7.3)
		MockHttpServletResponse lock = perform(dav("LOCK", "Neue%20Tabelle.xlsx").header("Timeout", "Second-3600")
			.contentType("text/xml").content(LOCKINFO));
		assertThat(lock.getStatus()).isEqualTo(201);
		String token = lock.getHeader("Lock-Token");
		assertThat(perform(dav("GET", "Neue%20Tabelle.xlsx")).getContentAsByteArray()).isEmpty();
		byte[] content = new byte[70_000];
		new java.util.Random(7).nextBytes(content);
		assertThat(perform(dav("PUT", "Neue%20Tabelle.xlsx").content(content)).getStatus()).isEqualTo(423);
		assertThat(perform(dav("PUT", "Neue%20Tabelle.xlsx").header("If", "(" + token + ")").content(content)).getStatus())
			.isEqualTo(204);
		assertThat(perform(dav("PROPPATCH", "Neue%20Tabelle.xlsx").header("If", "(" + token + ")").contentType("text/xml")
			.content(WIN32_PROPERTIES)).getContentAsString()).doesNotContain("HTTP/1.1 4");
		assertThat(perform(dav("UNLOCK", "Neue%20Tabelle.xlsx").header("Lock-Token", token)).getStatus()).isEqualTo(204);
		assertThat(perform(dav("GET", "Neue%20Tabelle.xlsx")).getContentAsByteArray()).isEqualTo(content);
		// a rename as Explorer sends it: a full URL and no overwriting
		assertThat(perform(dav("MOVE", "Neue%20Tabelle.xlsx").header("Destination", "http://localhost" + root + "Noten%205a.xlsx")
			.header("Overwrite", "F")).getStatus()).isEqualTo(201);
		assertThat(perform(dav("PROPFIND", "Noten%205a.xlsx").header("Depth", "0")).getContentAsString(StandardCharsets.UTF_8))
			.contains(">00000020</");
	}

	private MockHttpServletRequestBuilder dav(String method, String path) {
		return request(HttpMethod.valueOf(method), java.net.URI.create(root + path)).header("User-Agent", AGENT)
			.header("translate", "f").with(httpBasic(teacher.login(), secret));
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder builder) throws Exception {
		return mvc.perform(builder).andReturn().getResponse();
	}
}
