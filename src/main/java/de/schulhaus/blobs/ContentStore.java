package de.schulhaus.blobs;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Where the bytes live: a local folder or an S3 bucket. Knows nothing of rows and transactions,
 * which {@link BlobStore} adds on top. Content is written whole under its final id or not at all.
 */
interface ContentStore {

	/** Streams the content under the id (a temporary file or a multipart upload until complete); returns its length. */
	long write(UUID id, InputStream content);

	Optional<Stat> stat(UUID id);

	/** Up to {@code length} bytes from {@code offset}; empty when there is no such content. */
	Optional<InputStream> read(UUID id, long offset, long length);

	/** The file holding the content, for a store in a local folder that has it; empty otherwise. */
	default Optional<Path> localFile(UUID id) {
		return Optional.empty();
	}

	/** Removes what is there; never fails for content that is already gone or a store that is down (the sweeper retries). */
	void remove(Collection<UUID> ids);

	/** Hands out the ids of content untouched since the cutoff, in batches of at most {@code batchSize}. */
	void forEachUntouchedSince(Instant cutoff, int batchSize, Consumer<List<UUID>> batch);

	/** Removes writes that never finished (temporary files, multipart uploads) begun before the cutoff; returns how many. */
	default int removeUnfinishedSince(Instant cutoff) {
		return removeUnfinishedSince(cutoff, Set.of());
	}

	/** {@link #removeUnfinishedSince(Instant)}, but leaves alone what belongs to the resumable uploads of these ids. */
	int removeUnfinishedSince(Instant cutoff, Set<UUID> resumable);

	/**
	 * Where a resumable upload's bytes arrive until it is complete: a file that is appended to and
	 * fsynced, then {@linkplain #adoptResumable adopted} under its id by a rename. Empty for a store
	 * that keeps them elsewhere (S3: {@link MultipartUploads}).
	 */
	default Optional<java.nio.file.Path> resumablePart(UUID id) {
		return Optional.empty();
	}

	/** Makes a complete resumable upload the content of its id (a rename); does nothing when that was done before. */
	default void adoptResumable(UUID id) {
		throw new UnsupportedOperationException("this store keeps no resumable uploads");
	}

	/** Empty while the store takes reads and writes; otherwise why not, for the health check. */
	Optional<String> problem();

	/** @param modified when the content was written (for a multipart upload: when it began) */
	record Stat(long size, Instant modified) {
	}
}
