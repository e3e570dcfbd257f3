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
import de.schulhaus.dav.DavPath;
import de.schulhaus.files.internal.Shares;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.SchulhausUser;

/**
 * A folder shared with a colleague is one tree with two ways in: a lock taken through the share (its own paths)
 * keeps the owner's client out of the file, and the owner's lock keeps the colleague's out, until it is released.
 */
@IntegrationTest
class SharedLocksTests {

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
	Shares shares;

	SchulhausUser owner;
	SchulhausUser colleague;
	String ownerSecret;
	String colleagueSecret;
	String ownerRoot;
	String shareRoot;

	@BeforeEach
	void aFolderSharedForWriting() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Sperr-Teil-Schule");
		owner = users.load(t.createUser(school, "Olga", "Owner", "TEACHER", null, null).login()).orElseThrow();
		colleague = users.load(t.createUser(school, "Kurt", "Kollege", "TEACHER", null, null).login()).orElseThrow();
		ownerSecret = credentials.createAppPassword(owner, "Word", Set.of(Scope.FILES), null).secret();
		colleagueSecret = credentials.createAppPassword(colleague, "Word", Set.of(Scope.FILES), null).secret();
		ownerRoot = "/dav/files/" + owner.login() + "/";
		assertThat(perform(owner, ownerSecret, "MKCOL", ownerRoot + "Fachschaft/").getStatus()).isEqualTo(201);
		assertThat(perform(owner, ownerSecret, "MKCOL", ownerRoot + "Fachschaft/Physik/").getStatus()).isEqualTo(201);
		assertThat(perform(owner, ownerSecret, "PUT", ownerRoot + "Fachschaft/Physik/Lehrplan.txt", "Stand 1").getStatus()).isEqualTo(201);
		var share = shares.share(spaces.open(spaces.personal(owner)), DavPath.ROOT.child("Fachschaft").child("Physik"),
				Shares.GranteeKind.PERSON, colleague.accountId(), true, owner);
		shareRoot = "/dav/spaces/geteilt-" + share.nodeId() + "/";
		assertThat(perform(colleague, colleagueSecret, "GET", shareRoot + "Lehrplan.txt").getContentAsString()).isEqualTo("Stand 1");
	}

	@Test
	void theShareIsOnlyTheColleaguesWayIn() throws Exception {
		SchulhausUser stranger = users.load(new TestSchools(mvc).createUser(new TestSchools.SchoolRef(owner.schoolId(), null, null), "Sina",
				"Fremd", "TEACHER", null, null).login()).orElseThrow();
		String secret = credentials.createAppPassword(stranger, "Word", Set.of(Scope.FILES), null).secret();
		assertThat(perform(stranger, secret, "GET", shareRoot + "Lehrplan.txt").getStatus()).isEqualTo(404);
		assertThat(perform(stranger, secret, "LOCK", shareRoot + "Lehrplan.txt", LOCKINFO).getStatus()).isEqualTo(404);
		assertThat(perform(colleague, colleagueSecret, "GET", "/dav/spaces/meine/Fachschaft/Physik/Lehrplan.txt").getStatus())
			.as("the owner's whole space is not").isEqualTo(404);
	}

	@Test
	void aLockTakenThroughTheShareKeepsTheOwnerOut() throws Exception {
		String token = lock(colleague, colleagueSecret, shareRoot + "Lehrplan.txt");

		assertThat(perform(owner, ownerSecret, "PUT", ownerRoot + "Fachschaft/Physik/Lehrplan.txt", "Stand 2").getStatus()).isEqualTo(423);
		assertThat(perform(owner, ownerSecret, "DELETE", ownerRoot + "Fachschaft/Physik/Lehrplan.txt").getStatus()).isEqualTo(423);
		assertThat(perform(owner, ownerSecret, "DELETE", ownerRoot + "Fachschaft/").getStatus()).as("a folder above it").isEqualTo(423);
		// the owner's client sees the lock where it is in the owner's tree
		assertThat(propfindLocks(owner, ownerSecret, ownerRoot + "Fachschaft/Physik/Lehrplan.txt"))
			.contains(token).contains(ownerRoot + "Fachschaft/Physik/Lehrplan.txt</D:href></D:lockroot>");
		// and the colleague's where it is in the share
		assertThat(propfindLocks(colleague, colleagueSecret, shareRoot + "Lehrplan.txt"))
			.contains(token).contains(shareRoot + "Lehrplan.txt</D:href></D:lockroot>");
		// the colleague, holding the token, writes; refreshing through the share works
		assertThat(perform(colleague, colleagueSecret, "PUT", shareRoot + "Lehrplan.txt", "Stand 2", "(<" + token + ">)").getStatus())
			.isEqualTo(204);
		MockHttpServletResponse refreshed = perform(dav(colleague, colleagueSecret, "LOCK", shareRoot + "Lehrplan.txt").header("If",
				"(<" + token + ">)").header("Timeout", "Second-300"));
		assertThat(refreshed.getStatus()).isEqualTo(200);
		assertThat(refreshed.getContentAsString(StandardCharsets.UTF_8)).contains(shareRoot + "Lehrplan.txt</D:href></D:lockroot>");

		assertThat(perform(dav(colleague, colleagueSecret, "UNLOCK", shareRoot + "Lehrplan.txt").header("Lock-Token", "<" + token + ">"))
			.getStatus()).isEqualTo(204);
		assertThat(perform(owner, ownerSecret, "PUT", ownerRoot + "Fachschaft/Physik/Lehrplan.txt", "Stand 3").getStatus()).isEqualTo(204);
		assertThat(perform(colleague, colleagueSecret, "GET", shareRoot + "Lehrplan.txt").getContentAsString()).isEqualTo("Stand 3");
	}

	@Test
	void theOwnersLockKeepsTheColleagueOutOfTheShare() throws Exception {
		String token = lock(owner, ownerSecret, ownerRoot + "Fachschaft/Physik/Lehrplan.txt");
		assertThat(perform(colleague, colleagueSecret, "PUT", shareRoot + "Lehrplan.txt", "von Kurt").getStatus()).isEqualTo(423);
		assertThat(perform(colleague, colleagueSecret, "MOVE", shareRoot + "Lehrplan.txt", null, null, shareRoot + "Alt.txt").getStatus())
			.isEqualTo(423);
		assertThat(perform(dav(colleague, colleagueSecret, "LOCK", shareRoot + "Lehrplan.txt").header("Timeout", "Second-60").content(LOCKINFO))
			.getStatus()).as("a second exclusive lock").isEqualTo(423);
		assertThat(propfindLocks(colleague, colleagueSecret, shareRoot + "Lehrplan.txt")).contains(token);

		assertThat(perform(dav(owner, ownerSecret, "UNLOCK", ownerRoot + "Fachschaft/Physik/Lehrplan.txt").header("Lock-Token", "<" + token + ">"))
			.getStatus()).isEqualTo(204);
		assertThat(perform(colleague, colleagueSecret, "PUT", shareRoot + "Lehrplan.txt", "von Kurt").getStatus()).isEqualTo(204);
		assertThat(perform(owner, ownerSecret, "GET", ownerRoot + "Fachschaft/Physik/Lehrplan.txt").getContentAsString()).isEqualTo("von Kurt");

		// a deep lock on a folder above the share covers all of it
		String deep = lock(owner, ownerSecret, ownerRoot + "Fachschaft/");
		assertThat(perform(colleague, colleagueSecret, "PUT", shareRoot + "Neu.txt", "x").getStatus()).isEqualTo(423);
		assertThat(perform(colleague, colleagueSecret, "DELETE", shareRoot + "Lehrplan.txt").getStatus()).isEqualTo(423);
		assertThat(propfindLocks(colleague, colleagueSecret, shareRoot)).contains(deep);
		assertThat(perform(dav(owner, ownerSecret, "UNLOCK", ownerRoot + "Fachschaft/").header("Lock-Token", "<" + deep + ">")).getStatus())
			.isEqualTo(204);
		assertThat(perform(colleague, colleagueSecret, "PUT", shareRoot + "Neu.txt", "x").getStatus()).isEqualTo(201);
	}

	private String lock(SchulhausUser who, String secret, String href) throws Exception {
		MockHttpServletResponse lock = perform(dav(who, secret, "LOCK", href).header("Timeout", "Second-600").content(LOCKINFO));
		assertThat(lock.getStatus()).as(lock.getContentAsString()).isEqualTo(200);
		return lock.getHeader("Lock-Token").replaceAll("^<|>$", "");
	}

	private String propfindLocks(SchulhausUser who, String secret, String href) throws Exception {
		MockHttpServletResponse found = perform(dav(who, secret, "PROPFIND", href).header("Depth", "0")
			.content("<D:propfind xmlns:D=\"DAV:\"><D:prop><D:lockdiscovery/></D:prop></D:propfind>"));
		assertThat(found.getStatus()).isEqualTo(207);
		return found.getContentAsString(StandardCharsets.UTF_8);
	}

	private static MockHttpServletRequestBuilder dav(SchulhausUser who, String secret, String method, String href) {
		return request(HttpMethod.valueOf(method), java.net.URI.create(href)).with(httpBasic(who.login(), secret));
	}

	private MockHttpServletResponse perform(SchulhausUser who, String secret, String method, String href) throws Exception {
		return perform(who, secret, method, href, null, null, null);
	}

	private MockHttpServletResponse perform(SchulhausUser who, String secret, String method, String href, String body) throws Exception {
		return perform(who, secret, method, href, body, null, null);
	}

	private MockHttpServletResponse perform(SchulhausUser who, String secret, String method, String href, String body, String ifHeader)
			throws Exception {
		return perform(who, secret, method, href, body, ifHeader, null);
	}

	private MockHttpServletResponse perform(SchulhausUser who, String secret, String method, String href, String body, String ifHeader,
			String destination) throws Exception {
		MockHttpServletRequestBuilder request = dav(who, secret, method, href);
		if (body != null) {
			request.content(body.getBytes(StandardCharsets.UTF_8));
		}
		if (ifHeader != null) {
			request.header("If", ifHeader);
		}
		if (destination != null) {
			request.header("Destination", "http://localhost" + destination);
		}
		return perform(request);
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder builder) throws Exception {
		return mvc.perform(builder).andReturn().getResponse();
	}
}
