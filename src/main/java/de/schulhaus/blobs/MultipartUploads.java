package de.schulhaus.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * Resumable uploads on the S3 store: one S3 multipart upload each, under the content's final key.
 * A request's bytes ({@link MultipartAppend}) fill a part in a local temporary file (never a part in heap); a full part goes
 * to S3, and only once S3 has acknowledged it are the part (number, ETag, size) and the new offset
 * recorded, in one transaction. What a request leaves short of a part (S3 takes parts under 5 MiB
 * only last) is stored as a tail object before the offset counts it, so the offset only ever names
 * bytes that are in the bucket, and any node can continue the upload; the next request reads the
 * tail back in front of its bytes. One request appends at a time, by a lease on the upload's row.
 */
final class MultipartUploads implements UploadStorage {

	static final long MIN_PART = 5L * 1024 * 1024;
	/** S3 numbers parts 1 to 10,000: parts grow for very long uploads so that they fit. */
	private static final int MAX_PARTS = 10_000;
	/** How long a request may hold an upload without a sign of life; renewed while bytes arrive. */
	static final Duration LEASE = Duration.ofMinutes(5);
	private static final Logger log = LoggerFactory.getLogger(MultipartUploads.class);

	private final S3Parts s3;
	private final ContentStore content;
	private final UploadRows rows;
	private final TransactionTemplate tx;
	private final Path temp;
	private final long partSize;
	private final Duration expiry;

	MultipartUploads(S3Parts s3, ContentStore content, UploadRows rows, TransactionTemplate tx, Path temp, long partSize, Duration expiry) {
		this.s3 = s3;
		this.content = content;
		this.rows = rows;
		this.tx = tx;
		this.temp = temp;
		this.partSize = partSize;
		this.expiry = expiry;
	}

	/** The multipart upload before the row: a crash in between leaves one that the orphan sweeper aborts. */
	@Override
	public void begin(ResumableUpload upload) {
		// empty content has no parts: it is put whole when it completes (at once)
		String uploadId = upload.length() == 0 ? null : call(() -> s3.begin(upload.id()));
		try {
			rows.insert(upload, uploadId);
		}
		catch (RuntimeException e) {
			removeQuietly(new UploadRows.Deleted(upload.id(), uploadId));
			throw e;
		}
	}

	/** Appends under the upload's lease. */
	@Override
	public ResumableUpload append(ResumableUpload upload, long offset, InputStream in) {
		Instant now = Instant.now();
		if (!rows.lease(upload.id(), offset, now, now.plus(LEASE))) {
			long durable = rows.offset(upload.id()).orElseThrow(() -> new ResumableUploadConflictException(offset, false));
			throw new ResumableUploadConflictException(durable, durable == offset);
		}
		try {
			return new MultipartAppend(s3, rows, tx, expiry, upload, offset).from(in, partSize(upload.length()), temp);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			rows.releaseLease(upload.id());
		}
	}

	/** Completes the multipart upload (S3 puts the parts together); empty when its parts are gone. */
	@Override
	public Optional<StagedBlob> finish(ResumableUpload upload) {
		UUID id = upload.id();
		Optional<String> uploadId = rows.s3UploadId(id);
		if (uploadId.isEmpty()) {
			call(() -> content.write(id, InputStream.nullInputStream()));
		}
		else if (!call(() -> s3.complete(id, uploadId.get(), rows.parts(id)))
				&& content.stat(id).filter(stat -> stat.size() == upload.length()).isEmpty()) {
			return Optional.empty(); // neither completed before (a crash before the attach) nor to be completed
		}
		s3.removeTailsQuietly(id);
		return Optional.of(new StagedBlob(id, upload.length()));
	}

	/** Aborts the multipart upload (nothing happens to one completed: its content is a file's) and removes the tails. */
	@Override
	public void remove(UUID id) {
		remove(id, rows.s3UploadId(id).orElse(null));
	}

	private void remove(UUID id, String uploadId) {
		call(() -> {
			if (uploadId != null) {
				s3.abort(id, uploadId);
			}
			s3.removeTails(id, -1);
			return null;
		});
	}

	@Override
	public void removeQuietly(UploadRows.Deleted upload) {
		try {
			remove(upload.id(), upload.s3UploadId());
		}
		catch (BlobStoreUnavailableException e) {
			// the orphan sweeper aborts it, and removes its tails, once it is older than the staging age
		}
	}

	/** The longest part for content of {@code length}; parts are cut there while bytes arrive. */
	long partSize(long length) {
		return Math.max(partSize, minPart(length));
	}

	/** The least a part but the last may hold: S3's 5 MiB, more where 10,000 parts would not hold the content. */
	static long minPart(long length) {
		return Math.max(MIN_PART, (length + MAX_PARTS - 2) / (MAX_PARTS - 1));
	}

	static <T> T call(Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (SdkException e) {
			log.warn("S3 blob store failed during a resumable upload: {}", e.getMessage());
			throw new BlobStoreUnavailableException("the S3 blob store cannot be reached", e);
		}
	}
}
