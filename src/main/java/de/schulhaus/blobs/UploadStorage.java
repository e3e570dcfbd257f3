package de.schulhaus.blobs;

import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a resumable upload's bytes are until it is complete: a staging file of the folder store
 * ({@link FolderUploads}) or an S3 multipart upload ({@link MultipartUploads}). {@link ResumableUploads}
 * checks callers and offsets before, and keeps the rows' life cycle.
 */
interface UploadStorage {

	/** Makes room for the upload's bytes and inserts its row (in the order that a crash leaves nothing unknown). */
	void begin(ResumableUpload upload);

	/** Appends at {@code offset} and moves the recorded offset only past what is durable; see {@link ResumableUploads#append}. */
	ResumableUpload append(ResumableUpload upload, long offset, InputStream in);

	/** Makes the complete upload content of its id; empty when its bytes are gone. Harmless to repeat. */
	Optional<StagedBlob> finish(ResumableUpload upload);

	/** Removes the bytes of an upload whose row is still there (nothing of content already attached). */
	void remove(UUID id);

	/** Removes the bytes of an upload whose row is gone (committed); never fails, the sweepers take what stays. */
	void removeQuietly(UploadRows.Deleted upload);
}
