package de.schulhaus.blobs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams content to one S3 object with one part buffer in memory: content shorter than a part is
 * a single PUT; longer content a multipart upload whose parts go out as they fill. A multipart
 * upload that fails is aborted, so the bucket keeps neither the object nor its parts.
 */
final class S3Upload {

	private static final String OCTETS = "application/octet-stream";

	private final S3Client s3;
	private final String bucket;
	private final int partSize;

	S3Upload(S3Client s3, String bucket, int partSize) {
		this.s3 = s3;
		this.bucket = bucket;
		this.partSize = partSize;
	}

	/** Returns the content's length; throws {@link UncheckedIOException} when the content fails, {@link SdkException} when S3 does. */
	long put(String key, InputStream content) {
		byte[] part = new byte[partSize];
		int filled = fill(content, part);
		if (filled < partSize) {
			s3.putObject(b -> b.bucket(bucket).key(key).contentType(OCTETS), body(part, filled));
			return filled;
		}
		String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(OCTETS)).uploadId();
		try {
			List<CompletedPart> parts = new ArrayList<>();
			long size = 0;
			while (filled > 0) {
				int number = parts.size() + 1;
				long length = filled;
				String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
					.contentLength(length), body(part, filled)).eTag();
				parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
				size += filled;
				filled = fill(content, part);
			}
			s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
			return size;
		}
		catch (RuntimeException e) {
			abortQuietly(key, uploadId, e);
			throw e;
		}
	}

	private void abortQuietly(String key, String uploadId, RuntimeException failure) {
		try {
			s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
		}
		catch (SdkException e) {
			failure.addSuppressed(e); // the sweeper aborts it once it is older than the staging age
		}
	}

	// a fresh stream per attempt, so that the SDK can retry a part
	private static RequestBody body(byte[] part, int length) {
		return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length, OCTETS);
	}

	private static int fill(InputStream content, byte[] part) {
		try {
			return content.readNBytes(part, 0, part.length);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
