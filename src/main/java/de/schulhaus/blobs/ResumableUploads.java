package de.schulhaus.blobs;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.platform.Ids;

/**
 * Content that arrives in several requests (the tus protocol), never held in memory: on the folder
 * store appended to a staging file ({@link FolderUploads}), on S3 the parts of a multipart upload
 * ({@link MultipartUploads}). The offset in {@code blob_upload} only ever names bytes that survive a
 * crash. A complete upload becomes {@link StagedBlob staged content} without assembling chunks (a
 * rename, or S3's completion), attached like any other with {@link BlobStore#attach}, in the
 * transaction that first claims it with {@link #markAttached}.
 */
@Service
public class ResumableUploads {

	private final UploadRows rows;
	private final UploadStorage storage;
	private final Duration expiry;
	private final long maxLength;

	ResumableUploads(ContentStore content, UploadRows rows, BlobsProperties properties, TransactionTemplate tx) {
		this.rows = rows;
		this.expiry = properties.uploadExpiry();
		this.maxLength = properties.uploadMaxSize().toBytes();
		this.storage = content instanceof S3ContentStore s3
				? new MultipartUploads(s3.parts(), s3, rows, tx, s3.temp(), properties.s3().partSize().toBytes(), expiry)
				: new FolderUploads(content, rows, expiry);
	}

	/** The longest upload taken at all ({@code schulhaus.blobs.upload-max-size}). */
	public long maxLength() {
		return maxLength;
	}

	/** Starts an upload of {@code length} bytes into a space; {@code metadata} is the caller's, up to 4,000 characters. */
	public ResumableUpload begin(BlobOwner owner, long length, String metadata) {
		if (owner.kind() == null || length < 0 || length > maxLength || metadata.length() > 4000) {
			throw new IllegalArgumentException("an upload is for a space, of 0 to " + maxLength + " bytes, with metadata up to 4000 characters");
		}
		ResumableUpload upload = new ResumableUpload(Ids.newId(), owner, length, 0, metadata, false, Instant.now().plus(expiry));
		storage.begin(upload);
		return upload;
	}

	/** The owner's upload of this id; empty for anybody else's, an expired one or none, alike. */
	public Optional<ResumableUpload> find(UUID id, BlobOwner owner) {
		if (owner.kind() == null) {
			return Optional.empty();
		}
		return rows.find(id, owner, Instant.now());
	}

	/**
	 * Appends what {@code in} holds, up to the announced length, at {@code offset}, which must be where
	 * the upload stands. When the stream breaks off (the connection dropped), what arrived is synced and
	 * recorded before the exception goes on, so the client resumes from there.
	 *
	 * @return the upload as it stands now
	 * @throws ResumableUploadConflictException for another offset, or while another request appends
	 * @throws UncheckedIOException when the stream or the disk failed; the durable part is recorded
	 */
	public ResumableUpload append(ResumableUpload upload, long offset, InputStream in) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("bytes are appended outside transactions: a slow upload must not hold a database connection");
		}
		if (offset != upload.offset() || upload.attached()) {
			throw new ResumableUploadConflictException(upload.offset(), false);
		}
		return storage.append(upload, offset, in);
	}

	/**
	 * Turns a complete upload into staged content of the same id (a rename; on S3 the multipart upload's
	 * completion). Empty when its bytes are gone (swept after a crash between the rename and the
	 * attach): the upload is then removed.
	 */
	public Optional<StagedBlob> finish(ResumableUpload upload) {
		if (!upload.complete()) {
			throw new IllegalStateException("upload " + upload.id() + " is at " + upload.offset() + " of " + upload.length() + " bytes");
		}
		Optional<StagedBlob> staged = storage.finish(upload);
		if (staged.isEmpty()) {
			rows.delete(upload.id());
		}
		return staged;
	}

	/**
	 * Claims a complete upload for attaching, in the transaction that attaches its content; false when
	 * another request did so (or does: the row stays locked until that transaction ends). The row
	 * stays until it expires, so a client that lost the last answer and asks again learns it is complete.
	 */
	public boolean markAttached(UUID id) {
		return rows.claimForAttach(id);
	}

	/** Terminates an upload: its bytes first (none once attached: they are a file's now), then its row. */
	public void remove(UUID id) {
		storage.remove(id);
		rows.delete(id);
	}

	/**
	 * Removes the uploads of a space whose person or group goes ({@code owner}), or with {@code owner}
	 * null all of a school's: the rows in the caller's transaction, the bytes once it has committed.
	 */
	public void removeAll(UUID schoolId, BlobOwner owner) {
		List<UploadRows.Deleted> deleted = rows.deleteAll(schoolId, owner);
		Runnable bytes = () -> deleted.forEach(storage::removeQuietly);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					bytes.run();
				}
			});
		}
		else {
			bytes.run();
		}
	}

	/** Removes uploads whose expiry has passed, with their bytes; returns how many. */
	public int removeExpired(Instant now) {
		int removed = 0;
		List<UUID> batch;
		do {
			batch = rows.expired(now, 500);
			batch.forEach(this::remove);
			removed += batch.size();
		}
		while (batch.size() == 500);
		return removed;
	}
}
