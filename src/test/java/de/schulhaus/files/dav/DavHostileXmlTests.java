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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/**
 * XML bodies made to attack the parser (an external entity that reads a server file, entities that expand
 * a billion times) in PROPPATCH and LOCK: refused with 400 before anything is stored.
 */
@IntegrationTest
class DavHostileXmlTests {

	static final String EXTERNAL_ENTITY = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY geheim SYSTEM \"file:///etc/passwd\">]>";

	static final String BILLION_LAUGHS = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY lol \"lol\">"
			+ "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
			+ "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
			+ "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
			+ "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
			+ "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
			+ "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
			+ "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
			+ "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
			+ "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>";

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	TestSchools.SchoolRef school;
	TestSchools.UserRef teacher;
	String secret;
	String root;

	@BeforeEach
	void teacherWithAppPassword() throws Exception {
		var t = new TestSchools(mvc);
		school = t.createSchool("XML-Schule");
		teacher = t.createUser(school, "Xaver", "Xml", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		secret = credentials.createAppPassword(users.load(teacher.login()).orElseThrow(), "Client", Set.of(Scope.FILES), null).secret();
		root = "/dav/files/" + teacher.login() + "/";
	}

	@Test
	void proppatchWithAnExternalEntityOrBillionLaughsStoresNothing() throws Exception {
		assertThat(send("PUT", "a.txt", "a").getStatus()).isEqualTo(201);
		for (String doctype : new String[] { EXTERNAL_ENTITY, BILLION_LAUGHS }) {
			String entity = doctype.contains("geheim") ? "&geheim;" : "&lol9;";
			String body = doctype + "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><farbe xmlns=\"http://example.com/ns\">" + entity
					+ "</farbe></D:prop></D:set></D:propertyupdate>";
			MockHttpServletResponse answer = send("PROPPATCH", "a.txt", body);
			assertThat(answer.getStatus()).as(entity).isEqualTo(400);
			assertThat(answer.getContentAsString()).doesNotContain("root:").doesNotContain("lollol");
		}
		assertThat(jdbc.sql("select count(*) from file_property where school_id = :school").param("school", school.id()).query(Long.class)
			.single()).isZero();
		String find = "<D:propfind xmlns:D=\"DAV:\"><D:allprop/></D:propfind>";
		assertThat(perform(dav("PROPFIND", "a.txt").header("Depth", "0").content(find)).getContentAsString()).doesNotContain("farbe");
	}

	@Test
	void lockWithAnExternalEntityOrBillionLaughsTakesNoLockAndMakesNoFile() throws Exception {
		assertThat(send("PUT", "a.txt", "a").getStatus()).isEqualTo(201);
		for (String doctype : new String[] { EXTERNAL_ENTITY, BILLION_LAUGHS }) {
			String entity = doctype.contains("geheim") ? "&geheim;" : "&lol9;";
			String body = doctype + "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
					+ "<D:owner>" + entity + "</D:owner></D:lockinfo>";
			assertThat(send("LOCK", "a.txt", body).getStatus()).as(entity).isEqualTo(400);
			// a lock on an unmapped path would make an empty file: not for a refused body
			assertThat(send("LOCK", "neu.txt", body).getStatus()).as(entity).isEqualTo(400);
		}
		assertThat(jdbc.sql("select count(*) from dav_lock where school_id = :school").param("school", school.id()).query(Long.class)
			.single()).isZero();
		assertThat(send("GET", "neu.txt", null).getStatus()).isEqualTo(404);
		assertThat(send("PUT", "a.txt", "b").getStatus()).as("no lock keeps a writer out").isEqualTo(204);
	}

	private MockHttpServletRequestBuilder dav(String method, String path) {
		return request(HttpMethod.valueOf(method), java.net.URI.create(root + path)).with(httpBasic(teacher.login(), secret));
	}

	private MockHttpServletResponse send(String method, String path, String body) throws Exception {
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
