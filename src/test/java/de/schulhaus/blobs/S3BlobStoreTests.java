package de.schulhaus.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.Ids;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store (SCHULHAUS_BLOBS=s3) against a real S3 API server in the test JVM: the shared
 * behaviour, multipart uploads, and a store that goes down.
 */
@IntegrationTest
class S3BlobStoreTests extends BlobStoreBehaviour {

	static final S3TestServer SERVER = S3TestServer.start();

	@DynamicPropertySource
	static void s3(DynamicPropertyRegistry registry) {
		registry.add("schulhaus.blobs.store", () -> "s3");
		registry.add("schulhaus.blobs.s3.endpoint", SERVER::endpoint);
		registry.add("schulhaus.blobs.s3.bucket", () -> S3TestServer.BUCKET);
		registry.add("schulhaus.blobs.s3.region", () -> "garage");
		registry.add("schulhaus.blobs.s3.access-key", () -> S3TestServer.ACCESS_KEY);
		registry.add("schulhaus.blobs.s3.secret-key", () -> S3TestServer.SECRET_KEY);
	}

	@AfterAll
	static void stopServer() throws IOException {
		SERVER.close();
	}

	@Autowired
	ContentStore content;

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Override
	void age(UUID id, Instant modified) throws IOException {
		SERVER.age(S3ContentStore.key(id), modified);
	}

	S3Client s3() {
		return ((S3ContentStore) content).client();
	}

	@Test
	void contentLongerThanOnePartGoesUpAsAMultipartUpload() {
		StagedBlob staged = blobs.stage(new GeneratedContent(20 * MB));
		String etag = s3().headObject(b -> b.bucket(S3TestServer.BUCKET).key(S3ContentStore.key(staged.id()))).eTag();
		assertThat(etag).as("a multipart object's ETag counts its parts").endsWith("-3\"");
		blobs.discard(staged);

		StagedBlob small = blobs.stage(new GeneratedContent(MB));
		assertThat(s3().headObject(b -> b.bucket(S3TestServer.BUCKET).key(S3ContentStore.key(small.id()))).eTag()).doesNotContain("-");
		blobs.discard(small);
	}

	@Test
	void anUploadThatBreaksOffIsAbortedAndLeavesNoParts() {
		InputStream breaksOff = new SequenceInputStream(new GeneratedContent(10 * MB), new InputStream() {
			@Override
			public int read() throws IOException {
				throw new IOException("connection reset by the browser");
			}
		});
		assertThatThrownBy(() -> blobs.stage(breaksOff)).isInstanceOf(UncheckedIOException.class);
		assertThat(s3().listMultipartUploads(b -> b.bucket(S3TestServer.BUCKET)).uploads()).isEmpty();
	}

	@Test
	void theSweeperAbortsMultipartUploadsThatNeverFinished() {
		String key = S3ContentStore.key(Ids.newId());
		String upload = s3().createMultipartUpload(b -> b.bucket(S3TestServer.BUCKET).key(key)).uploadId();

		assertThat(content.removeUnfinishedSince(Instant.now().minus(properties.stagingAge()))).as("may still be arriving").isZero();
		assertThat(content.removeUnfinishedSince(Instant.now().plusSeconds(60))).isGreaterThanOrEqualTo(1);
		assertThat(s3().listMultipartUploads(b -> b.bucket(S3TestServer.BUCKET)).uploads())
			.noneMatch(u -> u.uploadId().equals(upload));
	}

	@Test
	void aStoreThatIsDownIsReportedAndRefusesClearlyWithoutAHalfWrittenRow() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Speicherausfall-Schule");
		var admin = schools.createUser(school, "Sina", "Speicher", "SCHOOL_ADMIN", "admin-laterne-quitte-7", null);
		UUID id = stageAndAttach("vor dem Ausfall");
		SERVER.stop();
		try {
			mvc.perform(get("/actuator/health")).andExpect(status().isServiceUnavailable()).andExpect(jsonPath("$.status").value("DOWN"));
			assertThatThrownBy(() -> blobs.stage(content("während des Ausfalls"))).isInstanceOf(BlobStoreUnavailableException.class);
			assertThatThrownBy(() -> blobs.open(id)).isInstanceOf(BlobStoreUnavailableException.class);

			int uploadsBefore = uploads(school.id());
			mvc.perform(multipart("/verwaltung/import").file(new MockMultipartFile("file", "klasse.csv", "text/csv",
					"Quell-Id;Nachname;Vorname;Kontotyp\nS-1;A;B;Schüler*in\n".getBytes(StandardCharsets.UTF_8)))
					.with(user(users.load(admin.login()).orElseThrow().withTwoFactor(true))).with(csrf()))
				.andExpect(status().isServiceUnavailable());
			assertThat(uploads(school.id())).as("no upload row without its file").isEqualTo(uploadsBefore);
		}
		finally {
			SERVER.restart();
		}
		mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
		assertThat(read(id)).isEqualTo("vor dem Ausfall");
	}

	private int uploads(UUID schoolId) {
		return jdbc.sql("select count(*) from roster_upload where school_id = :s").param("s", schoolId).query(Integer.class).single();
	}
}
