package de.schulhaus.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 calls of a resumable upload: a multipart upload under the content's final key
 * ({@code blobs/<id>}, so completing it is all the assembling there is) and its tail, the bytes short
 * of a part, as an object {@code uploads/<id>/<offset>} named by the offset it ends at. Failures of
 * the store come out as {@link software.amazon.awssdk.core.exception.SdkException}.
 */
final class S3Parts {

	static final String TAILS = "uploads/";
	private static final String OCTETS = "application/octet-stream";

	private static final Logger log = LoggerFactory.getLogger(S3Parts.class);

	private final S3Client s3;
	private final String bucket;

	S3Parts(S3Client s3, String bucket) {
		this.s3 = s3;
		this.bucket = bucket;
	}

	/** Begins the multipart upload of the content of {@code id}; returns S3's upload id. */
	String begin(UUID id) {
		return s3.createMultipartUpload(b -> b.bucket(bucket).key(S3ContentStore.key(id)).contentType(OCTETS)).uploadId();
	}

	/** Uploads the file as part {@code number}; returns its ETag once S3 has stored it. */
	String upload(UUID id, String uploadId, int number, Path file, long size) {
		return s3.uploadPart(b -> b.bucket(bucket).key(S3ContentStore.key(id)).uploadId(uploadId).partNumber(number).contentLength(size),
				RequestBody.fromFile(file)).eTag();
	}

	/** Makes the object of the parts; false when S3 knows no such upload (completed before, or aborted). */
	boolean complete(UUID id, String uploadId, List<UploadPart> parts) {
		List<CompletedPart> completed = parts.stream().sorted(Comparator.comparingInt(UploadPart::number))
			.map(part -> CompletedPart.builder().partNumber(part.number()).eTag(part.etag()).build()).toList();
		try {
			s3.completeMultipartUpload(b -> b.bucket(bucket).key(S3ContentStore.key(id)).uploadId(uploadId)
				.multipartUpload(m -> m.parts(completed)));
			return true;
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) {
				return false;
			}
			throw e;
		}
	}

	/** Aborts the multipart upload: S3 drops its parts. Nothing happens to one that is gone or complete. */
	void abort(UUID id, String uploadId) {
		try {
			s3.abortMultipartUpload(b -> b.bucket(bucket).key(S3ContentStore.key(id)).uploadId(uploadId));
		}
		catch (S3Exception e) {
			if (e.statusCode() != 404) {
				throw e;
			}
		}
	}

	/** Stores the tail that ends at {@code offset}. */
	void putTail(UUID id, long offset, Path file) {
		s3.putObject(b -> b.bucket(bucket).key(tail(id, offset)).contentType(OCTETS), RequestBody.fromFile(file));
	}

	/**
	 * Copies the first {@code size} bytes of the tail that ends at {@code offset} to {@code out};
	 * returns how many there were (fewer, or none, when it is lost).
	 */
	long readTail(UUID id, long offset, long size, OutputStream out) {
		try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(tail(id, offset)).range("bytes=0-" + (size - 1)))) {
			return in.transferTo(out);
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) {
				return 0;
			}
			throw e;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Removes the upload's tails but the one that ends at {@code keep} (negative: all). */
	void removeTails(UUID id, long keep) {
		String kept = keep < 0 ? null : tail(id, keep);
		for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(TAILS + id + "/")).contents()) {
			if (!object.key().equals(kept)) {
				s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
			}
		}
	}

	/** {@link #removeTails} of all, where what stays is left to the orphan sweeper. */
	void removeTailsQuietly(UUID id) {
		try {
			removeTails(id, -1);
		}
		catch (SdkException e) {
			log.debug("Tails of upload {} not removed ({}); the orphan sweeper does.", id, e.getMessage());
		}
	}

	private static String tail(UUID id, long offset) {
		return TAILS + id + "/" + offset;
	}

	/** A part S3 has acknowledged. */
	record UploadPart(int number, String etag, long size) {
	}
}
