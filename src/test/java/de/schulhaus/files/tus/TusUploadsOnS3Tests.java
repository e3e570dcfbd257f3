package de.schulhaus.files.tus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
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
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.blobs.ResumableUploads;
import de.schulhaus.blobs.UploadBytes;

/**
 * On the S3 store ({@code .ci/run}'s S3 pass, {@code SCHULHAUS_BLOBS=s3}) a tus upload is an S3
 * multipart upload: pieces of any size (S3 takes parts under 5 MiB only last) come back byte for
 * byte, HEAD names what is in the bucket, and a terminated or expired upload leaves no multipart
 * upload behind.
 */
@IntegrationTest
class TusUploadsOnS3Tests {

	static final String OCTETS = "application/offset+octet-stream";
	static final int MIB = 1024 * 1024;

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	ResumableUploads resumable;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	UploadBytes bytes;
	TestSchools.UserRef teacher;
	String secret;

	@BeforeEach
	void teacherOnTheS3Store() throws Exception {
		bytes = new UploadBytes(context);
		assumeTrue(bytes.onS3(), "runs in the S3 pass; the folder store is TusUploadsTests'");
		var schools = new TestSchools(mvc);
		teacher = schools.createUser(schools.createSchool("S3-Schule"), "Sina", "Speicher", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		secret = credentials.createAppPassword(users.load(teacher.login()).orElseThrow(), "Handy", Set.of(Scope.FILES), null).secret();
	}

	@Test
	void piecesOfOddSizesBecomePartsAndTheFileIsByteIdentical() throws Exception {
		byte[] data = data(13 * MIB + 12_345);
		String location = create(data.length, "Sommerfest.mp4");
		long[] ends = { 3 * MIB, 7 * MIB, 9 * MIB + MIB / 2, 11 * MIB, data.length };
		long offset = 0;
		for (long end : ends) {
			MockHttpServletResponse piece = patch(location, offset, Arrays.copyOfRange(data, (int) offset, (int) end));
			assertThat(piece.getStatus()).isEqualTo(204);
			assertThat(piece.getHeader("Upload-Offset")).isEqualTo(String.valueOf(end));
			if (end < data.length) {
				assertThat(perform(tus("HEAD", location)).getHeader("Upload-Offset")).isEqualTo(String.valueOf(end));
			}
			offset = end;
		}
		MockHttpServletResponse file = dav("GET", "Sommerfest.mp4");
		assertThat(file.getStatus()).isEqualTo(200);
		assertThat(file.getContentAsByteArray()).isEqualTo(data);
		// 3 + 4 MiB made the first part, 2.5 + 1.5 + the rest the last: S3's ETag counts them
		assertThat(bytes.s3().headObject(b -> b.bucket("schulhaus-test").key("blobs/" + id(location))).eTag()).endsWith("-2\"");
		assertThat(jdbc.sql("select size_bytes from blob_upload_part where upload_id = :id order by part_number").param("id", id(location))
			.query(Long.class).list()).as("every part but the last at least S3's 5 MiB").containsExactly(7L * MIB, data.length - 7L * MIB);
		assertThat(bytes.held(id(location))).as("no multipart upload and no tail left").isFalse();
		assertThat(perform(tus("HEAD", location)).getHeader("Upload-Offset")).isEqualTo(String.valueOf(data.length));
	}

	@Test
	void aDroppedConnectionResumesAfterHeadFromWhatIsInTheBucket() throws Exception {
		byte[] data = data(12 * MIB);
		String location = create(data.length, "Konzert.mov");
		// 9 MiB announced, the network is gone after 6 MiB: a part (it is over S3's 5 MiB) and nothing more
		assertThat(perform(tus("PATCH", location).header("Upload-Offset", 0).contentType(OCTETS).with(announcing(9 * MIB))
			.content(Arrays.copyOfRange(data, 0, 6 * MIB))).getStatus()).isEqualTo(204);
		assertThat(head(location)).isEqualTo(6 * MIB);
		// again, after 1 MiB: kept as a tail in the bucket, so any node (or this one after a restart) goes on from there
		assertThat(perform(tus("PATCH", location).header("Upload-Offset", 6 * MIB).contentType(OCTETS).with(announcing(6 * MIB))
			.content(Arrays.copyOfRange(data, 6 * MIB, 7 * MIB))).getStatus()).isEqualTo(204);
		assertThat(head(location)).isEqualTo(7 * MIB);
		assertThat(patch(location, 6 * MIB, new byte[10]).getStatus()).as("a piece at an old offset").isEqualTo(409);

		assertThat(patch(location, 7 * MIB, Arrays.copyOfRange(data, 7 * MIB, data.length)).getHeader("Upload-Offset"))
			.isEqualTo(String.valueOf(data.length));
		assertThat(dav("GET", "Konzert.mov").getContentAsByteArray()).isEqualTo(data);
	}

	@Test
	void terminationAbortsTheMultipartUpload() throws Exception {
		String location = create(20 * MIB, "Abbruch.zip");
		patch(location, 0, data(6 * MIB + 100));
		assertThat(bytes.multipartUploads(id(location))).isEqualTo(1);
		assertThat(parts(location)).isEqualTo(1);

		assertThat(perform(tus("DELETE", location)).getStatus()).isEqualTo(204);
		assertThat(bytes.multipartUploads(id(location))).as("aborted in the bucket").isZero();
		assertThat(bytes.held(id(location))).as("the tail is gone too").isFalse();
		assertThat(parts(location)).isZero();
		assertThat(perform(tus("HEAD", location)).getStatus()).isEqualTo(404);
		assertThat(dav("GET", "Abbruch.zip").getStatus()).isEqualTo(404);
	}

	@Test
	void theExpirySweepAbortsIdleUploads() throws Exception {
		String location = create(20 * MIB, "Vergessen.zip");
		patch(location, 0, data(5 * MIB + 7));
		patch(location, 5 * MIB + 7, data(1000));
		assertThat(bytes.held(id(location))).isTrue();
		jdbc.sql("update blob_upload set expires_at = :past where id = :id")
			.param("past", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC)).param("id", id(location)).update();

		assertThat(resumable.removeExpired(Instant.now())).isGreaterThanOrEqualTo(1);
		assertThat(bytes.multipartUploads(id(location))).isZero();
		assertThat(bytes.held(id(location))).isFalse();
		assertThat(parts(location)).isZero();
		assertThat(jdbc.sql("select count(*) from blob_upload where id = :id").param("id", id(location)).query(Integer.class).single()).isZero();
	}

	private String create(long length, String name) throws Exception {
		MockHttpServletResponse created = perform(tus("POST", "/api/files/uploads").header("Upload-Length", length)
			.header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8))));
		assertThat(created.getStatus()).isEqualTo(201);
		return created.getHeader("Location");
	}

	private long head(String location) throws Exception {
		return Long.parseLong(perform(tus("HEAD", location)).getHeader("Upload-Offset"));
	}

	private int parts(String location) {
		return jdbc.sql("select count(*) from blob_upload_part where upload_id = :id").param("id", id(location)).query(Integer.class).single();
	}

	private MockHttpServletResponse patch(String location, long offset, byte[] piece) throws Exception {
		return perform(tus("PATCH", location).header("Upload-Offset", offset).contentType(OCTETS).content(piece));
	}

	private MockHttpServletRequestBuilder tus(String method, String path) {
		return request(HttpMethod.valueOf(method), path).with(httpBasic(teacher.login(), secret)).header("Tus-Resumable", "1.0.0");
	}

	private MockHttpServletResponse dav(String method, String path) throws Exception {
		return perform(request(HttpMethod.valueOf(method), java.net.URI.create("/dav/files/" + teacher.login() + "/" + path))
			.with(httpBasic(teacher.login(), secret)));
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

	private static byte[] data(int n) {
		byte[] data = new byte[n];
		new Random(n).nextBytes(data);
		return data;
	}
}
