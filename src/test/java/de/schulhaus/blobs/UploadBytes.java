package de.schulhaus.blobs;

import java.nio.file.Files;
import java.util.UUID;

import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where the bytes of a resumable upload are, for tests outside this package that check they are gone:
 * the file {@code uploads/<id>} of the folder store, or the S3 multipart upload and tails of the bucket.
 */
public final class UploadBytes {

	private final ContentStore content;

	public UploadBytes(ApplicationContext context) {
		this.content = context.getBean(ContentStore.class);
	}

	public boolean onS3() {
		return content instanceof S3ContentStore;
	}

	/** Whether anything of the upload is still stored: its file, or its multipart upload or a tail. */
	public boolean held(UUID id) {
		if (content instanceof S3ContentStore s3) {
			return multipartUploads(s3.client(), id) > 0 || !s3.client().listObjectsV2(b -> b.bucket(S3TestServer.BUCKET).prefix(S3Parts.TAILS + id + "/"))
				.contents().isEmpty();
		}
		return Files.exists(content.resumablePart(id).orElseThrow());
	}

	/** The unfinished S3 multipart uploads of this content id in the bucket. */
	public long multipartUploads(UUID id) {
		return content instanceof S3ContentStore s3 ? multipartUploads(s3.client(), id) : 0;
	}

	/** The S3 client of the store (S3 only), to look into the bucket as an operator would. */
	public S3Client s3() {
		return ((S3ContentStore) content).client();
	}

	private static long multipartUploads(S3Client s3, UUID id) {
		return s3.listMultipartUploads(b -> b.bucket(S3TestServer.BUCKET).prefix(S3ContentStore.key(id))).uploads().size();
	}
}
