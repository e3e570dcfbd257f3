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
import java.util.Optional;
import java.util.UUID;

/**
 * Resumable uploads on the folder store: appended straight to a staging file ({@code uploads/<id>})
 * through a fixed buffer. The offset only ever moves to what an fsync has made durable, so a crash can
 * lose unsynced bytes but never claim them: the next append cuts the file back to the recorded offset.
 * One request appends at a time, by a lock on the file. A complete upload becomes content by a rename.
 */
final class FolderUploads implements UploadStorage {

	private static final int BUFFER = 64 * 1024;
	/** Bytes between two fsyncs with their offset update: the most a crash makes a client send again. */
	static final long CHECKPOINT = 16L * 1024 * 1024;

	private final ContentStore content;
	private final UploadRows rows;
	private final Duration expiry;

	FolderUploads(ContentStore content, UploadRows rows, Duration expiry) {
		this.content = content;
		this.rows = rows;
		this.expiry = expiry;
	}

	@Override
	public void begin(ResumableUpload upload) {
		// the row before the file: a crash in between leaves a row the sweeper removes, never a file nobody knows
		rows.insert(upload, null);
		try {
			Files.createFile(part(upload.id()));
		}
		catch (IOException e) {
			rows.delete(upload.id());
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public ResumableUpload append(ResumableUpload upload, long offset, InputStream in) {
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

	/** A rename; empty when the bytes are gone (swept after a crash between the rename and the attach). */
	@Override
	public Optional<StagedBlob> finish(ResumableUpload upload) {
		try {
			content.adoptResumable(upload.id());
			return Optional.of(new StagedBlob(upload.id(), upload.length()));
		}
		catch (UncheckedIOException e) {
			return Optional.empty();
		}
	}

	@Override
	public void remove(UUID id) {
		try {
			Files.deleteIfExists(part(id));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void removeQuietly(UploadRows.Deleted upload) {
		try {
			Files.deleteIfExists(part(upload.id()));
		}
		catch (IOException e) {
			// without a row nobody can resume it; a later removal of the folder's leftovers takes it
		}
	}

	private Path part(UUID id) {
		return content.resumablePart(id).orElseThrow(() -> new IllegalStateException("the folder store keeps resumable uploads in files"));
	}
}
