package de.schulhaus.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Content as objects {@code blobs/<id>} in one bucket of an S3-compatible store.
 * <p>
 * Staging keeps the final key: content is uploaded under {@code blobs/<id>} before any transaction,
 * and attaching is only the {@code stored_blob} row's insert. The row's commit is the atomic step; a
 * server-side copy from a staging key would add seconds per gigabyte inside the transaction (and a
 * second, multipart copy above 5 GB) for no gain, since an object without a row is staged content
 * either way: removed by the caller, by the rollback, or by the sweeper once it is old enough.
 */
class S3ContentStore implements ContentStore, AutoCloseable {

	static final String PREFIX = "blobs/";
	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);
	private static final Logger log = LoggerFactory.getLogger(S3ContentStore.class);

	private final S3Client s3;
	private final String bucket;
	private final S3Upload upload;
	private final Path temp;

	/** @param temp a local folder for the part that a resumable upload's request fills before it goes to S3 */
	S3ContentStore(S3Client s3, String bucket, int partSize, Path temp) {
		this.s3 = s3;
		this.bucket = bucket;
		this.upload = new S3Upload(s3, bucket, partSize);
		this.temp = temp;
		try {
			Files.createDirectories(temp);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	S3Parts parts() {
		return new S3Parts(s3, bucket);
	}

	Path temp() {
		return temp;
	}

	@Override
	public long write(UUID id, InputStream content) {
		return call(() -> upload.put(key(id), content));
	}

	@Override
	public Optional<Stat> stat(UUID id) {
		return call(() -> {
			try {
				HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key(id)));
				return Optional.of(new Stat(head.contentLength(), head.lastModified()));
			}
			catch (S3Exception e) {
				if (missing(e)) {
					return Optional.empty();
				}
				throw e;
			}
		});
	}

	@Override
	public Optional<InputStream> read(UUID id, long offset, long length) {
		if (length == 0) {
			return stat(id).map(stat -> InputStream.nullInputStream());
		}
		// HTTP ranges name the last byte; an open end reads to the end of the object
		String range = offset == 0 && length == Long.MAX_VALUE ? null
				: "bytes=" + offset + "-" + (length > Long.MAX_VALUE - offset ? "" : String.valueOf(offset + length - 1));
		return call(() -> {
			try {
				return Optional.of(s3.getObject(b -> b.bucket(bucket).key(key(id)).range(range)));
			}
			catch (S3Exception e) {
				if (missing(e)) {
					return Optional.empty();
				}
				if (e.statusCode() == 416) {
					return Optional.of(InputStream.nullInputStream()); // starts past the end
				}
				throw e;
			}
		});
	}

	@Override
	public void remove(Collection<UUID> ids) {
		for (UUID id : ids) {
			try {
				s3.deleteObject(b -> b.bucket(bucket).key(key(id)));
			}
			catch (SdkException e) {
				log.warn("Blob {} not removed from bucket {} ({}); the sweeper retries.", id, bucket, e.getMessage());
			}
		}
	}

	@Override
	public void forEachUntouchedSince(Instant cutoff, int batchSize, Consumer<List<UUID>> batch) {
		call(() -> {
			List<UUID> candidates = new ArrayList<>(batchSize);
			for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PREFIX)).contents()) {
				UUID id = FolderContentStore.idOf(object.key().substring(PREFIX.length()));
				if (id != null && object.lastModified().isBefore(cutoff)) {
					candidates.add(id);
					if (candidates.size() == batchSize) {
						batch.accept(List.copyOf(candidates));
						candidates.clear();
					}
				}
			}
			if (!candidates.isEmpty()) {
				batch.accept(List.copyOf(candidates));
			}
			return null;
		});
	}

	/** Also the tails of resumable uploads that are gone, and the local part files that a crash left. */
	@Override
	public int removeUnfinishedSince(Instant cutoff, Set<UUID> resumable) {
		removeTempFilesUntouchedSince(cutoff);
		return call(() -> {
			int removed = 0;
			for (MultipartUpload unfinished : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(PREFIX)).uploads()) {
				UUID id = FolderContentStore.idOf(unfinished.key().substring(PREFIX.length()));
				if (unfinished.initiated().isBefore(cutoff) && (id == null || !resumable.contains(id))) {
					s3.abortMultipartUpload(b -> b.bucket(bucket).key(unfinished.key()).uploadId(unfinished.uploadId()));
					removed++;
				}
			}
			for (S3Object tail : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(S3Parts.TAILS)).contents()) {
				// uploads/<id>/<offset>; anything else there is not ours and stays
				UUID id = FolderContentStore.idOf(tail.key().substring(S3Parts.TAILS.length()).split("/", 2)[0]);
				if (id != null && tail.lastModified().isBefore(cutoff) && !resumable.contains(id)) {
					s3.deleteObject(b -> b.bucket(bucket).key(tail.key()));
					removed++;
				}
			}
			return removed;
		});
	}

	private void removeTempFilesUntouchedSince(Instant cutoff) {
		try (DirectoryStream<Path> parts = Files.newDirectoryStream(temp, "*.part")) {
			for (Path part : parts) {
				if (Files.getLastModifiedTime(part).toInstant().isBefore(cutoff)) {
					Files.deleteIfExists(part);
				}
			}
		}
		catch (IOException e) {
			log.warn("Leftover part files in {} not removed: {}", temp, e.getMessage());
		}
	}

	@Override
	public Optional<String> problem() {
		try {
			// answered before a load balancer's health check gives up, retries included
			s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(c -> c.apiCallTimeout(HEALTH_TIMEOUT)));
			return Optional.empty();
		}
		catch (SdkException e) {
			return Optional.of("bucket " + bucket + " not reachable: " + e.getMessage());
		}
	}

	@Override
	public void close() {
		s3.close();
	}

	S3Client client() {
		return s3;
	}

	static String key(UUID id) {
		return PREFIX + id;
	}

	// a missing key, not a missing bucket (HEAD answers carry no error code)
	private static boolean missing(S3Exception e) {
		return e instanceof NoSuchKeyException || e.statusCode() == 404 && (e.awsErrorDetails() == null
				|| !"NoSuchBucket".equals(e.awsErrorDetails().errorCode()));
	}

	// any failure of the store itself (down, bucket missing, keys refused) is the same 503 to the caller
	private <T> T call(Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (SdkException e) {
			log.warn("S3 blob store (bucket {}) failed: {}", bucket, e.getMessage());
			throw new BlobStoreUnavailableException("the S3 blob store (bucket " + bucket + ") cannot be reached", e);
		}
	}
}
