package de.schulhaus.files.tus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.blobs.ResumableUploads;
import de.schulhaus.blobs.UploadBytes;
import de.schulhaus.platform.SchulhausUser;

/** Resumable uploads over tus 1.0.0 as a client (tus-js-client, a phone app) sees them, the file then over WebDAV. */
@IntegrationTest
class TusUploadsTests {

	static final String OCTETS = "application/offset+octet-stream";

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	StorageQuotas quotas;

	@Autowired
	ResumableUploads resumable;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	UploadBytes bytes;

	TestSchools schools;
	TestSchools.SchoolRef school;
	TestSchools.UserRef teacher;
	SchulhausUser person;
	String secret;

	@BeforeEach
	void teacherWithAppPassword() throws Exception {
		bytes = new UploadBytes(context);
		schools = new TestSchools(mvc);
		school = schools.createSchool("Upload-Schule");
		teacher = schools.createUser(school, "Ulla", "Upload", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		person = users.load(teacher.login()).orElseThrow();
		secret = credentials.createAppPassword(person, "Handy", Set.of(Scope.FILES), null).secret();
	}

	@Test
	void anUploadInPartsAppearsInTheSpaceWithIdenticalBytes() throws Exception {
		assertThat(dav("MKCOL", "Unterricht").getStatus()).isEqualTo(201);
		byte[] data = bytes(250_000);
		MockHttpServletResponse created = perform(tus("POST", "/api/files/uploads").header("Upload-Length", data.length)
			.header("Upload-Metadata", metadata("filename", "Plan Klasse 5.pdf", "folder", "Unterricht", "filetype", "application/pdf")));
		assertThat(created.getStatus()).isEqualTo(201);
		assertThat(created.getHeader("Tus-Resumable")).isEqualTo("1.0.0");
		assertThat(created.getHeader("Upload-Expires")).endsWith("GMT");
		String location = created.getHeader("Location");
		assertThat(location).startsWith("/api/files/uploads/");

		assertThat(patch(location, 0, Arrays.copyOfRange(data, 0, 100_000)).getHeader("Upload-Offset")).isEqualTo("100000");
		MockHttpServletResponse head = perform(tus("HEAD", location));
		assertThat(head.getStatus()).isEqualTo(200);
		assertThat(head.getHeader("Upload-Offset")).isEqualTo("100000");
		assertThat(head.getHeader("Upload-Length")).isEqualTo("250000");
		assertThat(head.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(dav("GET", "Unterricht/Plan%20Klasse%205.pdf").getStatus()).as("no partial file is visible").isEqualTo(404);

		MockHttpServletResponse last = patch(location, 100_000, Arrays.copyOfRange(data, 100_000, data.length));
		assertThat(last.getStatus()).isEqualTo(204);
		assertThat(last.getHeader("Upload-Offset")).isEqualTo("250000");
		MockHttpServletResponse file = dav("GET", "Unterricht/Plan%20Klasse%205.pdf");
		assertThat(file.getStatus()).isEqualTo(200);
		assertThat(file.getContentAsByteArray()).isEqualTo(data);
		assertThat(file.getContentType()).startsWith("application/pdf");
		assertThat(perform(tus("HEAD", location)).getHeader("Upload-Offset")).as("asked again after a lost answer: complete").isEqualTo("250000");
		assertThat(quotas.usage(de.schulhaus.blobs.BlobOwner.account(school.id(), teacher.id())).usedBytes()).isEqualTo(250_000);
	}

	@Test
	void aConnectionThatDropsMidPatchResumesFromTheDurableOffset() throws Exception {
		byte[] data = bytes(300_000);
		String location = create(data.length, metadata("filename", "Video.mp4"));
		assertThat(patch(location, 0, Arrays.copyOfRange(data, 0, 100_000)).getStatus()).isEqualTo(204);
		// the second part announces 100,000 bytes, but the network is lost after 40,000 of them
		MockHttpServletResponse dropped = perform(tus("PATCH", location).header("Upload-Offset", 100_000).contentType(OCTETS)
			.with(announcing(100_000)).content(Arrays.copyOfRange(data, 100_000, 140_000)));
		assertThat(dropped.getStatus()).isEqualTo(204);
		assertThat(perform(tus("HEAD", location)).getHeader("Upload-Offset")).isEqualTo("140000");
		assertThat(patch(location, 200_000, new byte[10]).getStatus()).as("a part at the wrong offset").isEqualTo(409);

		assertThat(patch(location, 140_000, Arrays.copyOfRange(data, 140_000, 220_000)).getHeader("Upload-Offset")).isEqualTo("220000");
		assertThat(patch(location, 220_000, Arrays.copyOfRange(data, 220_000, data.length)).getHeader("Upload-Offset")).isEqualTo("300000");
		assertThat(dav("GET", "Video.mp4").getContentAsByteArray()).isEqualTo(data);
	}

	@Test
	void creationWithUploadAndAnExistingFileIsOverwritten() throws Exception {
		dav("PUT", "notiz.txt");
		byte[] data = "Neuer Inhalt".getBytes(StandardCharsets.UTF_8);
		MockHttpServletResponse created = perform(tus("POST", "/api/files/uploads").header("Upload-Length", data.length)
			.header("Upload-Metadata", metadata("filename", "notiz.txt")).contentType(OCTETS).content(data));
		assertThat(created.getStatus()).isEqualTo(201);
		assertThat(created.getHeader("Upload-Offset")).isEqualTo(String.valueOf(data.length));
		assertThat(dav("GET", "notiz.txt").getContentAsString()).isEqualTo("Neuer Inhalt");
	}

	@Test
	void anEmptyFileIsThereAtOnce() throws Exception {
		MockHttpServletResponse created = perform(tus("POST", "/api/files/uploads").header("Upload-Length", 0)
			.header("Upload-Metadata", metadata("filename", "leer.txt")));
		assertThat(created.getStatus()).isEqualTo(201);
		assertThat(created.getHeader("Upload-Offset")).isEqualTo("0");
		MockHttpServletResponse file = dav("GET", "leer.txt");
		assertThat(file.getStatus()).isEqualTo(200);
		assertThat(file.getContentAsByteArray()).isEmpty();
	}

	@Test
	void aFolderRemovedWhileTheBytesArriveSendsTheFileToTheTop() throws Exception {
		dav("MKCOL", "Ausflug");
		String location = create(5, metadata("filename", "Liste.txt", "folder", "/Ausflug/"));
		patch(location, 0, "ab".getBytes());
		assertThat(dav("DELETE", "Ausflug").getStatus()).isEqualTo(204);
		assertThat(patch(location, 2, "cde".getBytes()).getStatus()).isEqualTo(204);
		assertThat(dav("GET", "Liste.txt").getContentAsString()).isEqualTo("abcde");
	}

	@Test
	void refusalsAsTheProtocolAsks() throws Exception {
		String location = create(10, metadata("filename", "a.txt"));
		assertThat(perform(tus("PATCH", location).header("Upload-Offset", 0).contentType("application/octet-stream").content(new byte[3]))
			.getStatus()).isEqualTo(415);
		assertThat(perform(request(HttpMethod.HEAD, location).with(httpBasic(teacher.login(), secret))).getStatus()).isEqualTo(412);
		assertThat(patch(location, 3, new byte[3]).getStatus()).isEqualTo(409);
		assertThat(perform(tus("PATCH", location).header("Upload-Offset", 0).contentType(OCTETS).header("Content-Length", 11)
			.content(new byte[11])).getStatus()).as("beyond the length").isEqualTo(400);
		MockHttpServletResponse noName = perform(tus("POST", "/api/files/uploads").header("Upload-Length", 3));
		assertThat(noName.getStatus()).isEqualTo(400);
		assertThat(noName.getContentType()).startsWith("application/problem+json");
		assertThat(perform(tus("POST", "/api/files/uploads").header("Upload-Length", 3).header("Upload-Metadata", metadata("filename", "a:b.txt")))
			.getStatus()).isEqualTo(400);
		MockHttpServletResponse noFolder = perform(tus("POST", "/api/files/uploads").header("Upload-Length", 3)
			.header("Upload-Metadata", metadata("filename", "a.txt", "folder", "Fehlt")));
		assertThat(noFolder.getStatus()).isEqualTo(409);
		assertThat(perform(tus("POST", "/api/files/uploads").header("Upload-Metadata", metadata("filename", "a.txt"))).getStatus())
			.as("no deferred length").isEqualTo(400);
		MockHttpServletResponse options = perform(request(HttpMethod.OPTIONS, "/api/files/uploads"));
		assertThat(options.getStatus()).isEqualTo(204);
		assertThat(options.getHeader("Tus-Version")).isEqualTo("1.0.0");
		assertThat(options.getHeader("Tus-Extension")).isEqualTo("creation,creation-with-upload,termination,expiration");
		assertThat(Long.parseLong(options.getHeader("Tus-Max-Size"))).isPositive();
		assertThat(perform(request(HttpMethod.HEAD, location)).getStatus()).as("without credentials").isEqualTo(401);
	}

	@Test
	void anUploadOverTheQuotaIsRefusedBeforeItsBytesAreSent() throws Exception {
		quotas.setPersonal(school.id(), teacher.id(), 1L, null, person);
		MockHttpServletResponse refused = perform(tus("POST", "/api/files/uploads").header("Upload-Length", 5_000_000)
			.header("Upload-Metadata", metadata("filename", "gross.iso")));
		assertThat(refused.getStatus()).isEqualTo(413);
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("urn:schulhaus:problem:quota-exceeded");
		assertThat(refused.getHeader("Location")).isNull();
		assertThat(jdbc.sql("select count(*) from blob_upload where owner_id = :owner").param("owner", teacher.id()).query(Integer.class).single())
			.isZero();
	}

	@Test
	void terminationRemovesTheBytes() throws Exception {
		String location = create(1000, metadata("filename", "weg.bin"));
		patch(location, 0, new byte[400]);
		assertThat(bytes.held(id(location))).isTrue();
		assertThat(perform(tus("DELETE", location)).getStatus()).isEqualTo(204);
		assertThat(bytes.held(id(location))).as("no file, no multipart upload, no tail").isFalse();
		assertThat(perform(tus("HEAD", location)).getStatus()).isEqualTo(404);
		assertThat(dav("GET", "weg.bin").getStatus()).isEqualTo(404);
	}

	@Test
	void theExpirySweepRemovesIdleUploads() throws Exception {
		String location = create(1000, metadata("filename", "vergessen.bin"));
		patch(location, 0, new byte[400]);
		assertThat(bytes.held(id(location))).isTrue();
		jdbc.sql("update blob_upload set expires_at = :past where id = :id")
			.param("past", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC)).param("id", id(location)).update();
		assertThat(perform(tus("HEAD", location)).getStatus()).as("expired is gone for the client at once").isEqualTo(404);
		assertThat(resumable.removeExpired(Instant.now())).isGreaterThanOrEqualTo(1);
		assertThat(bytes.held(id(location))).isFalse();
		assertThat(jdbc.sql("select count(*) from blob_upload where id = :id").param("id", id(location)).query(Integer.class).single()).isZero();
	}

	@Test
	void anotherPersonsUploadAnswersLikeAMissingOne() throws Exception {
		String location = create(1000, metadata("filename", "privat.txt"));
		var other = schools.createUser(school, "Otto", "Anders", "TEACHER", "Kompass-Laterne-Quitte-2027", null);
		SchulhausUser otherPerson = users.load(other.login()).orElseThrow();
		String otherSecret = credentials.createAppPassword(otherPerson, "Laptop", Set.of(Scope.FILES), null).secret();
		String missing = "/api/files/uploads/" + UUID.randomUUID();
		for (String method : new String[] { "HEAD", "PATCH", "DELETE" }) {
			int foreign = perform(request(HttpMethod.valueOf(method), location).with(httpBasic(other.login(), otherSecret))
				.header("Tus-Resumable", "1.0.0").header("Upload-Offset", 0).contentType(OCTETS).content(new byte[5])).getStatus();
			int none = perform(request(HttpMethod.valueOf(method), missing).with(httpBasic(other.login(), otherSecret))
				.header("Tus-Resumable", "1.0.0").header("Upload-Offset", 0).contentType(OCTETS).content(new byte[5])).getStatus();
			assertThat(foreign).as(method).isEqualTo(404).isEqualTo(none);
		}
		assertThat(perform(tus("HEAD", location)).getHeader("Upload-Offset")).as("untouched").isEqualTo("0");
	}

	@Test
	void aBrowserSessionUploadsWithItsCsrfToken() throws Exception {
		SchulhausUser signedIn = users.load(teacher.login()).orElseThrow();
		MockHttpServletRequestBuilder create = request(HttpMethod.POST, "/api/files/uploads").with(user(signedIn))
			.header("Tus-Resumable", "1.0.0").header("Upload-Length", 3).header("Upload-Metadata", metadata("filename", "web.txt"));
		assertThat(perform(create).getStatus()).as("without the CSRF token").isEqualTo(403);
		String location = perform(create.with(csrf())).getHeader("Location");
		assertThat(perform(request(HttpMethod.PATCH, location).with(user(signedIn)).with(csrf()).header("Tus-Resumable", "1.0.0")
			.header("Upload-Offset", 0).contentType(OCTETS).content("abc".getBytes())).getStatus()).isEqualTo(204);
		assertThat(dav("GET", "web.txt").getContentAsString()).isEqualTo("abc");
		assertThat(perform(request(HttpMethod.HEAD, location).with(user(signedIn)).header("Tus-Resumable", "1.0.0")).getHeader("Upload-Offset"))
			.isEqualTo("3");
	}

	private String create(long length, String metadata) throws Exception {
		MockHttpServletResponse created = perform(tus("POST", "/api/files/uploads").header("Upload-Length", length).header("Upload-Metadata", metadata));
		assertThat(created.getStatus()).isEqualTo(201);
		return created.getHeader("Location");
	}

	private MockHttpServletResponse patch(String location, long offset, byte[] part) throws Exception {
		return perform(tus("PATCH", location).header("Upload-Offset", offset).contentType(OCTETS).content(part));
	}

	private MockHttpServletRequestBuilder tus(String method, String path) {
		return request(HttpMethod.valueOf(method), path).with(httpBasic(teacher.login(), secret)).header("Tus-Resumable", "1.0.0");
	}

	private MockHttpServletResponse dav(String method, String path) throws Exception {
		return perform(request(HttpMethod.valueOf(method), java.net.URI.create("/dav/files/" + teacher.login() + "/" + path))
			.with(httpBasic(teacher.login(), secret)).content("PUT".equals(method) ? "alt".getBytes() : new byte[0]));
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder builder) throws Exception {
		return mvc.perform(builder).andReturn().getResponse();
	}

	/** The body ends before the Content-Length it announced: what a server sees when the connection drops. */
	private static RequestPostProcessor announcing(long contentLength) {
		return request -> {
			request.removeHeader("Content-Length");
			request.addHeader("Content-Length", contentLength);
			return request;
		};
	}

	private static UUID id(String location) {
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	private static String metadata(String... pairs) {
		StringBuilder header = new StringBuilder();
		for (int i = 0; i < pairs.length; i += 2) {
			header.append(header.isEmpty() ? "" : ",").append(pairs[i]).append(' ')
				.append(Base64.getEncoder().encodeToString(pairs[i + 1].getBytes(StandardCharsets.UTF_8)));
		}
		return header.toString();
	}

	private static byte[] bytes(int n) {
		byte[] data = new byte[n];
		new Random(n).nextBytes(data);
		return data;
	}
}
