package de.schulhaus.files.tus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.SchulhausUser;

/** Resumable uploads into a class's space, as the browser sends a dropped folder: its folders made on the way, pupils' rights kept. */
@IntegrationTest
class TusIntoSpacesTests {

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

	SchulhausUser teacher;
	SchulhausUser pupil;
	SchulhausUser outsider;
	String teacherSecret;
	String pupilSecret;
	String outsiderSecret;
	String classId;

	@BeforeEach
	void classWithTeacherAndPupil() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Tus-Klassen-Schule");
		teacher = users.load(t.createUser(school, "Klara", "Klasse", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login()).orElseThrow();
		pupil = users.load(t.createUser(school, "Ben", "Bank", "PUPIL", "Kompass-Laterne-Quitte-2027", "9d").login()).orElseThrow();
		outsider = users.load(t.createUser(school, "Ole", "Anders", "PUPIL", "Kompass-Laterne-Quitte-2028", "9e").login()).orElseThrow();
		var nine = groups.list(school.id()).stream().filter(g -> g.name().equals("9d")).findFirst().orElseThrow();
		groups.addMember(school.id(), nine.id(), teacher.accountId(), true, teacher);
		classId = nine.id().toString();
		teacherSecret = secret(teacher);
		pupilSecret = secret(pupil);
		outsiderSecret = secret(outsider);
	}

	@Test
	void aFolderGoesIntoTheClassSpaceWithItsFoldersMadeOnTheWay() throws Exception {
		byte[] data = "Arbeitsblatt 1".getBytes(StandardCharsets.UTF_8);
		MockHttpServletResponse created = perform(tus("POST", "/api/files/uploads", teacher, teacherSecret).header("Upload-Length", data.length)
			.header("Upload-Metadata", metadata("filename", "Blatt.txt", "folder", "Material/Woche 1", "space", classId, "mkdirs", "1")));
		assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
		assertThat(perform(tus("PATCH", created.getHeader("Location"), teacher, teacherSecret).header("Upload-Offset", 0)
			.contentType("application/offset+octet-stream").content(data)).getStatus()).isEqualTo(204);

		MockHttpServletResponse got = perform(request(HttpMethod.GET, java.net.URI.create("/dav/spaces/9d/Material/Woche%201/Blatt.txt"))
			.with(httpBasic(pupil.login(), pupilSecret)));
		assertThat(got.getContentAsString()).isEqualTo("Arbeitsblatt 1");

		// without mkdirs a missing folder is refused, as programs expect
		assertThat(perform(tus("POST", "/api/files/uploads", teacher, teacherSecret).header("Upload-Length", 1)
			.header("Upload-Metadata", metadata("filename", "x.txt", "folder", "Fehlt", "space", classId))).getStatus()).isEqualTo(409);
	}

	@Test
	void aPupilOfAReadOnlyClassAndSomebodyOfAnotherClassAreRefused() throws Exception {
		spaces.setWriters(teacher, classId, false);
		MockHttpServletResponse readOnly = perform(tus("POST", "/api/files/uploads", pupil, pupilSecret).header("Upload-Length", 1)
			.header("Upload-Metadata", metadata("filename", "x.txt", "space", classId)));
		assertThat(readOnly.getStatus()).isEqualTo(403);
		MockHttpServletResponse foreign = perform(tus("POST", "/api/files/uploads", outsider, outsiderSecret).header("Upload-Length", 1)
			.header("Upload-Metadata", metadata("filename", "x.txt", "space", classId)));
		MockHttpServletResponse missing = perform(tus("POST", "/api/files/uploads", outsider, outsiderSecret).header("Upload-Length", 1)
			.header("Upload-Metadata", metadata("filename", "x.txt", "space", java.util.UUID.randomUUID().toString())));
		assertThat(foreign.getStatus()).isEqualTo(404);
		assertThat(foreign.getContentAsString()).isEqualTo(missing.getContentAsString());
	}

	private String secret(SchulhausUser user) {
		return credentials.createAppPassword(user, "Browser", Set.of(Scope.FILES), null).secret();
	}

	private MockHttpServletRequestBuilder tus(String method, String path, SchulhausUser who, String secret) {
		return request(HttpMethod.valueOf(method), path).with(httpBasic(who.login(), secret)).header("Tus-Resumable", "1.0.0");
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder builder) throws Exception {
		return mvc.perform(builder).andReturn().getResponse();
	}

	private static String metadata(String... pairs) {
		StringBuilder header = new StringBuilder();
		for (int i = 0; i < pairs.length; i += 2) {
			header.append(header.isEmpty() ? "" : ",").append(pairs[i]).append(' ')
				.append(Base64.getEncoder().encodeToString(pairs[i + 1].getBytes(StandardCharsets.UTF_8)));
		}
		return header.toString();
	}
}
