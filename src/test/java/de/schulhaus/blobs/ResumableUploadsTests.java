package de.schulhaus.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import de.schulhaus.IntegrationTest;

/**
 * Resumable uploads on either store (the S3 store in {@code .ci/run}'s S3 pass): durable offsets,
 * resuming after a break, completion (a rename, or S3's completion of the multipart upload), expiry.
 */
@IntegrationTest
class ResumableUploadsTests {

	@Autowired
	ResumableUploads uploads;

	@Autowired
	ContentStore content;

	@Autowired
	BlobStore blobs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	final BlobOwner owner = BlobOwner.account(UUID.randomUUID(), UUID.randomUUID());
	UploadBytes bytes;

	@BeforeEach
	void bytes() {
		bytes = new UploadBytes(context);
	}

	@Test
	void aBrokenStreamKeepsWhatArrivedAndTheUploadResumesFromThere() throws IOException {
		byte[] data = bytes(300_000);
		ResumableUpload upload = uploads.begin(owner, data.length, "{}");
		InputStream breaksOff = new SequenceInputStream(new ByteArrayInputStream(data, 0, 123_456), new InputStream() {
			@Override
			public int read() throws IOException {
				throw new IOException("connection reset by the phone");
			}
		});
		assertThatThrownBy(() -> uploads.append(upload, 0, breaksOff)).isInstanceOf(UncheckedIOException.class);

		ResumableUpload stands = uploads.find(upload.id(), owner).orElseThrow();
		assertThat(stands.offset()).isEqualTo(123_456);
		assertThatThrownBy(() -> uploads.append(stands, 0, new ByteArrayInputStream(data)))
			.isInstanceOfSatisfying(ResumableUploadConflictException.class, e -> assertThat(e.offset()).isEqualTo(123_456));

		ResumableUpload done = uploads.append(stands, 123_456, new ByteArrayInputStream(data, 123_456, data.length - 123_456));
		assertThat(done.complete()).isTrue();
		StagedBlob staged = uploads.finish(done).orElseThrow();
		assertThat(staged).isEqualTo(new StagedBlob(upload.id(), data.length));
		try (InputStream in = blobs.open(staged.id()).orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(data);
		}
		assertThat(uploads.finish(done)).as("finishing again after a crash before the attach").contains(staged);
		blobs.discard(staged);
	}

	@Test
	void bytesAfterTheRecordedOffsetAreCutOffBeforeTheNextAppend() throws IOException {
		assumeTrue(content.resumablePart(UUID.randomUUID()).isPresent(), "a staging file of the folder store");
		byte[] data = bytes(1000);
		ResumableUpload upload = uploads.begin(owner, data.length, "{}");
		ResumableUpload half = uploads.append(upload, 0, new ByteArrayInputStream(data, 0, 400));
		Path part = content.resumablePart(upload.id()).orElseThrow();
		// what a kill -9 leaves: bytes written but never synced, so never recorded
		Files.write(part, bytes(2000), StandardOpenOption.APPEND);

		assertThat(uploads.find(upload.id(), owner).orElseThrow().offset()).isEqualTo(400);
		ResumableUpload done = uploads.append(half, 400, new ByteArrayInputStream(data, 400, 600));
		assertThat(done.offset()).isEqualTo(1000);
		assertThat(Files.readAllBytes(part)).isEqualTo(data);
		uploads.remove(upload.id());
		assertThat(part).doesNotExist();
	}

	@Test
	void moreBytesThanAnnouncedAreNotTaken() {
		ResumableUpload upload = uploads.begin(owner, 10, "{}");
		ResumableUpload done = uploads.append(upload, 0, new ByteArrayInputStream(bytes(50)));
		assertThat(done.offset()).isEqualTo(10);
		uploads.remove(upload.id());
	}

	@Test
	void anotherOwnerFindsNothing() {
		ResumableUpload upload = uploads.begin(owner, 10, "{}");
		assertThat(uploads.find(upload.id(), BlobOwner.account(owner.schoolId(), UUID.randomUUID()))).isEmpty();
		assertThat(uploads.find(upload.id(), BlobOwner.account(UUID.randomUUID(), owner.ownerId()))).isEmpty();
		assertThat(uploads.find(upload.id(), owner)).isPresent();
		uploads.remove(upload.id());
	}

	@Test
	void expiredUploadsGoWithTheirBytes() {
		ResumableUpload old = uploads.begin(owner, 10, "{}");
		uploads.append(old, 0, new ByteArrayInputStream(bytes(4)));
		assertThat(bytes.held(old.id())).isTrue();
		ResumableUpload young = uploads.begin(owner, 10, "{}");
		jdbc.sql("update blob_upload set expires_at = :past where id = :id")
			.param("past", Instant.now().minusSeconds(60).atOffset(java.time.ZoneOffset.UTC)).param("id", old.id()).update();

		assertThat(uploads.find(old.id(), owner)).as("an expired upload is not found any more").isEmpty();
		assertThat(uploads.removeExpired(Instant.now())).isGreaterThanOrEqualTo(1);

		assertThat(bytes.held(old.id())).isFalse();
		assertThat(jdbc.sql("select count(*) from blob_upload where id = :id").param("id", old.id()).query(Integer.class).single()).isZero();
		assertThat(uploads.find(young.id(), owner)).isPresent();
		uploads.remove(young.id());
	}

	private static byte[] bytes(int n) {
		byte[] data = new byte[n];
		new Random(n).nextBytes(data);
		return Arrays.copyOf(data, n);
	}
}
