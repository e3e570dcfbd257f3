package de.schulhaus.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * Content that arrives in several requests (the tus protocol), appended straight to a staging file
 * of the store through a fixed buffer, never held in memory. The offset in {@code blob_upload} only
 * ever moves to what an fsync has made durable, so a crash can lose unsynced bytes but never claim
 * them: the next append cuts the file back to the recorded offset. A complete upload becomes
 * {@link StagedBlob staged content} by a rename (no assembling of chunks), attached like any other
 * with {@link BlobStore#attach}, in the transaction that first claims it with {@link #markAttached}.
 * <p>
 * On the S3 store an upload is an S3 multipart upload instead ({@link MultipartUploads}): the offset
 * moves by parts S3 has acknowledged and by tails stored as objects, and completing it is S3's
 * CompleteMultipartUpload; the rest (rows, expiry, attaching) is the same.
 */
@Service
public class ResumableUploads {

	private static final int BUFFER = 64 * 1024;
	/** Bytes between two fsyncs with their offset update: the most a crash makes a client send again. */
	static final long CHECKPOINT = 16L * 1024 * 1024;

	private final ContentStore content;
	private final UploadRows rows;
	private final Duration expiry;
	private final long maxLength;
	/** The S3 store's uploads; null on the folder store. */
	private final MultipartUploads multipart;

	ResumableUploads(ContentStore content, UploadRows rows, BlobsProperties properties, TransactionTemplate tx) {
		this.content = content;
		this.rows = rows;
		this.expiry = properties.uploadExpiry();
		this.maxLength = properties.uploadMaxSize().toBytes();
		this.multipart = content instanceof S3ContentStore s3 ? new MultipartUploads(s3.parts(), s3, rows, tx, s3.temp(),
				properties.s3().partSize().toBytes(), expiry) : null;
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
		if (multipart != null) {
			// the multipart upload before the row: a crash in between leaves one the orphan sweeper aborts
			String uploadId = multipart.begin(upload.id(), length);
			try {
				rows.insert(upload, uploadId);
			}
			catch (RuntimeException e) {
				multipart.removeQuietly(upload.id(), uploadId);
				throw e;
			}
			return upload;
		}
		// the row before the file: a crash in between leaves a row the sweeper removes, never a file nobody knows
		rows.insert(upload, null);
		try {
			Files.createFile(part(upload.id()));
		}
		catch (IOException e) {
			rows.delete(upload.id());
			throw new UncheckedIOException(e);
		}
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
		if (multipart != null) {
			return multipart.append(upload, offset, in);
		}
		try (FileChannel channel = FileChannel.open(part(upload.id()), StandardOpenOption.WRITE)) {
			FileLock lock = lock(channel, upload.offset());
			try {
				// again under the lock: a request that held it before may have moved the upload on
				long durable = rows.offset(upload.id()).orElseThrow(() -> new ResumableUploadConflictException(offset, false));
				if (durable != offset) {
					throw new ResumableUploadConflictException(durable, false);
				}
				channel.truncate(durable); // bytes after the recorded offset were never confirmed
				channel.position(durable);
				long written = copy(in, channel, upload, durable);
				return new ResumableUpload(upload.id(), upload.owner(), upload.length(), written, upload.metadata(), false,
						checkpoint(channel, upload.id(), written));
			}
			finally {
				lock.release();
			}
		}
		catch (NoSuchFileException e) {
			rows.delete(upload.id()); // a row whose file a crash never created: nothing to resume
			throw new UncheckedIOException(e);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private long copy(InputStream in, FileChannel channel, ResumableUpload upload, long from) throws IOException {
		byte[] buffer = new byte[BUFFER];
		long written = from;
		long synced = from;
		try {
			while (written < upload.length()) {
				int n = in.read(buffer, 0, (int) Math.min(buffer.length, upload.length() - written));
				if (n < 0) {
					break;
				}
				ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				written += n;
				if (written - synced >= CHECKPOINT) {
					checkpoint(channel, upload.id(), written);
					synced = written;
				}
			}
			return written;
		}
		catch (IOException | RuntimeException e) {
			try {
				checkpoint(channel, upload.id(), written);
			}
			catch (IOException | RuntimeException again) {
				e.addSuppressed(again);
			}
			throw e;
		}
	}

	/** Syncs the file, then records the offset and a new expiry; returns the expiry. */
	private Instant checkpoint(FileChannel channel, UUID id, long offset) throws IOException {
		channel.force(true);
		Instant expires = Instant.now().plus(expiry);
		rows.moveOffset(id, offset, expires);
		return expires;
	}

	private static FileLock lock(FileChannel channel, long offset) throws IOException {
		try {
			FileLock lock = channel.tryLock();
			if (lock != null) {
				return lock;
			}
		}
		catch (OverlappingFileLockException e) {
			// held by another request of this node
		}
		throw new ResumableUploadConflictException(offset, true);
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
		if (multipart != null) {
			Optional<StagedBlob> staged = multipart.finish(upload);
			if (staged.isEmpty()) {
				rows.delete(upload.id());
			}
			return staged;
		}
		try {
			content.adoptResumable(upload.id());
			return Optional.of(new StagedBlob(upload.id(), upload.length()));
		}
		catch (UncheckedIOException e) {
			rows.delete(upload.id());
			return Optional.empty();
		}
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
		if (multipart != null) {
			multipart.remove(id, rows.s3UploadId(id).orElse(null));
			rows.delete(id);
			return;
		}
		Optional<Path> part = content.resumablePart(id);
		try {
			if (part.isPresent()) {
				Files.deleteIfExists(part.get());
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		rows.delete(id);
	}

	/**
	 * Removes the uploads of a space whose person or group goes ({@code owner}), or with {@code owner}
	 * null all of a school's: the rows in the caller's transaction, the bytes once it has committed.
	 */
	public void removeAll(UUID schoolId, BlobOwner owner) {
		List<UploadRows.Deleted> deleted = rows.deleteAll(schoolId, owner);
		Runnable bytes = () -> deleted.forEach(upload -> {
			if (multipart != null) {
				multipart.removeQuietly(upload.id(), upload.s3UploadId());
			}
			else {
				content.resumablePart(upload.id()).ifPresent(ResumableUploads::deleteQuietly);
			}
		});
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

	private static void deleteQuietly(Path part) {
		try {
			Files.deleteIfExists(part);
		}
		catch (IOException e) {
			// without a row nobody can resume it; a later removal of the folder's leftovers takes it
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

	private Path part(UUID id) {
		return content.resumablePart(id).orElseThrow(() -> new UnsupportedOperationException("this blob store keeps no resumable uploads"));
	}
}
