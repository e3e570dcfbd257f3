package de.schulhaus.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.IntegrationTest;

/**
 * What only the S3 store's resumable uploads have: a lease instead of a file lock, tails in the bucket,
 * multipart uploads that rest longer than the staging age, and content that S3 dates by its start.
 */
@IntegrationTest
class ResumableUploadsOnS3Tests {

	static final int MIB = 1024 * 1024;

	@Autowired
	ResumableUploads uploads;

	@Autowired
	BlobStore blobs;

	@Autowired
	OrphanBlobs orphans;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	ApplicationContext context;

	final BlobOwner owner = BlobOwner.account(UUID.randomUUID(), UUID.randomUUID());
	UploadBytes bytes;

	@BeforeEach
	void onTheS3Store() {
		bytes = new UploadBytes(context);
		assumeTrue(bytes.onS3(), "runs in the S3 pass (SCHULHAUS_BLOBS=s3)");
	}

	@Test
	void theOrphanSweeperLeavesAnUploadAloneWhileItsRowIsThere() {
		ResumableUpload upload = uploads.begin(owner, 20 * MIB, "{}");
		ResumableUpload now = uploads.append(upload, 0, new ByteArrayInputStream(bytes(6 * MIB + 5)));
		uploads.append(now, now.offset(), new ByteArrayInputStream(bytes(100)));

		orphans.removeUntouchedSince(Instant.now().plusSeconds(60)); // as if it rested longer than the staging age
		assertThat(bytes.multipartUploads(upload.id())).isEqualTo(1);
		assertThat(uploads.find(upload.id(), owner).orElseThrow().offset()).isEqualTo(6 * MIB + 105);

		// a row gone without its bytes (a failed removal): the sweeper takes the multipart upload and the tail
		jdbc.sql("delete from blob_upload where id = :id").param("id", upload.id()).update();
		orphans.removeUntouchedSince(Instant.now().plusSeconds(60));
		assertThat(bytes.held(upload.id())).isFalse();
	}

	@Test
	void whileOneRequestAppendsAnotherIsToldTheUploadIsBusy() {
		ResumableUpload upload = uploads.begin(owner, 100, "{}");
		jdbc.sql("update blob_upload set busy_until = :later where id = :id")
			.param("later", Instant.now().plusSeconds(60).atOffset(ZoneOffset.UTC)).param("id", upload.id()).update();
		assertThatThrownBy(() -> uploads.append(upload, 0, new ByteArrayInputStream(bytes(10))))
			.isInstanceOfSatisfying(ResumableUploadConflictException.class, e -> assertThat(e.busy()).isTrue());

		// a request that died lets go when its lease ends
		jdbc.sql("update blob_upload set busy_until = :past where id = :id")
			.param("past", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC)).param("id", upload.id()).update();
		assertThat(uploads.append(upload, 0, new ByteArrayInputStream(bytes(10))).offset()).isEqualTo(10);
		uploads.remove(upload.id());
	}

	@Test
	void aTailLostFromTheBucketIsAskedForAgain() {
		byte[] data = bytes(7 * MIB);
		ResumableUpload upload = uploads.begin(owner, data.length, "{}");
		ResumableUpload now = uploads.append(upload, 0, new ByteArrayInputStream(data, 0, 5 * MIB + 3));
		now = uploads.append(now, now.offset(), new ByteArrayInputStream(data, 5 * MIB + 3, 1000));
		String tail = "uploads/" + upload.id() + "/" + now.offset();
		bytes.s3().deleteObject(b -> b.bucket(S3TestServer.BUCKET).key(tail));

		ResumableUpload stands = now;
		assertThatThrownBy(() -> uploads.append(stands, stands.offset(), new ByteArrayInputStream(data, (int) stands.offset(), 10)))
			.isInstanceOfSatisfying(ResumableUploadConflictException.class, e -> assertThat(e.offset()).isEqualTo(5 * MIB + 3));
		ResumableUpload again = uploads.find(upload.id(), owner).orElseThrow();
		assertThat(again.offset()).isEqualTo(5 * MIB + 3);
		ResumableUpload done = uploads.append(again, again.offset(),
				new ByteArrayInputStream(data, (int) again.offset(), data.length - (int) again.offset()));
		assertThat(done.complete()).isTrue();
		StagedBlob staged = uploads.finish(done).orElseThrow();
		assertThat(read(staged.id())).isEqualTo(data);
		blobs.discard(staged);
		uploads.remove(upload.id());
	}

	@Test
	void afterACrashBetweenAPartAndItsRowTheUploadGoesOnFromTheRecordedOffset() throws Exception {
		byte[] data = bytes(11 * MIB);
		ResumableUpload upload = uploads.begin(owner, data.length, "{}");
		uploads.append(upload, 0, new ByteArrayInputStream(data, 0, 5 * MIB));
		// what a kill -9 leaves: S3 took part 2, the row never learnt of it, the request's lease still runs
		String uploadId = jdbc.sql("select s3_upload_id from blob_upload where id = :id").param("id", upload.id()).query(String.class).single();
		bytes.s3().uploadPart(b -> b.bucket(S3TestServer.BUCKET).key(S3ContentStore.key(upload.id())).uploadId(uploadId).partNumber(2),
				software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes(6 * MIB + 1)));
		jdbc.sql("update blob_upload set busy_until = :later where id = :id")
			.param("later", Instant.now().plus(MultipartUploads.LEASE).atOffset(ZoneOffset.UTC)).param("id", upload.id()).update();

		ResumableUpload stands = uploads.find(upload.id(), owner).orElseThrow();
		assertThat(stands.offset()).as("what HEAD reports after the restart").isEqualTo(5 * MIB);
		assertThatThrownBy(() -> uploads.append(stands, stands.offset(), new ByteArrayInputStream(data, 5 * MIB, 6 * MIB)))
			.as("until the dead request's lease ends").isInstanceOfSatisfying(ResumableUploadConflictException.class, e -> assertThat(e.busy()).isTrue());
		jdbc.sql("update blob_upload set busy_until = null where id = :id").param("id", upload.id()).update();

		ResumableUpload done = uploads.append(stands, stands.offset(), new ByteArrayInputStream(data, 5 * MIB, 6 * MIB));
		assertThat(done.complete()).isTrue();
		StagedBlob staged = uploads.finish(done).orElseThrow();
		assertThat(read(staged.id())).isEqualTo(data);
		blobs.discard(staged);
		uploads.remove(upload.id());
	}

	@Test
	void whileTheStoreIsDownNothingIsCountedAndTheUploadGoesOnOnceItIsBack() {
		byte[] data = bytes(9 * MIB);
		ResumableUpload upload = uploads.begin(owner, data.length, "{}");
		ResumableUpload now = uploads.append(upload, 0, new ByteArrayInputStream(data, 0, 6 * MIB));
		now = uploads.append(now, now.offset(), new ByteArrayInputStream(data, 6 * MIB, MIB));
		ResumableUpload stands = now;
		S3WhenAsked.shared().stop();
		try {
			assertThatThrownBy(() -> uploads.append(stands, stands.offset(), new ByteArrayInputStream(data, 7 * MIB, MIB)))
				.isInstanceOf(BlobStoreUnavailableException.class);
		}
		finally {
			S3WhenAsked.shared().restart();
		}
		assertThat(uploads.find(upload.id(), owner).orElseThrow().offset()).isEqualTo(7 * MIB);

		ResumableUpload done = uploads.append(stands, stands.offset(), new ByteArrayInputStream(data, 7 * MIB, 2 * MIB));
		StagedBlob staged = uploads.finish(done).orElseThrow();
		assertThat(read(staged.id())).isEqualTo(data);
		blobs.discard(staged);
		uploads.remove(upload.id());
	}

	@Test
	void contentThatS3DatesByTheStartOfItsUploadIsStillAttached() throws Exception {
		byte[] data = bytes(6 * MIB);
		ResumableUpload upload = uploads.begin(owner, data.length, "{}");
		ResumableUpload done = uploads.append(upload, 0, new ByteArrayInputStream(data));
		StagedBlob staged = uploads.finish(done).orElseThrow();
		// S3 gives a completed multipart upload the date it began, which for a resumable upload may be a day ago
		S3WhenAsked.shared().age(S3ContentStore.key(staged.id()), Instant.now().minus(Duration.ofHours(20)));

		UUID id = tx.execute(status -> uploads.markAttached(upload.id()) ? blobs.attach(staged, owner) : null);
		assertThat(id).isEqualTo(upload.id());
		assertThat(read(id)).isEqualTo(data);
		uploads.remove(upload.id());
		assertThat(read(id)).as("its content is a file's now, not the upload's").isEqualTo(data);
		tx.executeWithoutResult(status -> blobs.delete(id));
	}

	private byte[] read(UUID id) {
		try (InputStream in = blobs.open(id).orElseThrow()) {
			return in.readAllBytes();
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static byte[] bytes(int n) {
		byte[] data = new byte[n];
		new Random(n).nextBytes(data);
		return Arrays.copyOf(data, n);
	}
}
