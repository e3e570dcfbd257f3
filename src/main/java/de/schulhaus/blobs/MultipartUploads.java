package de.schulhaus.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * Resumable uploads on the S3 store: one S3 multipart upload each, under the content's final key.
 * A request's bytes fill a part in a local temporary file (never a part in heap); a full part goes
 * to S3, and only once S3 has acknowledged it are the part (number, ETag, size) and the new offset
 * recorded, in one transaction. What a request leaves short of a part (S3 takes parts under 5 MiB
 * only last) is stored as a tail object before the offset counts it, so the offset only ever names
 * bytes that are in the bucket, and any node can continue the upload; the next request reads the
 * tail back in front of its bytes. One request appends at a time, by a lease on the upload's row.
 */
final class MultipartUploads {

	static final long MIN_PART = 5L * 1024 * 1024;
	/** S3 numbers parts 1 to 10,000: parts grow for very long uploads so that they fit. */
	private static final int MAX_PARTS = 10_000;
	/** How long a request may hold an upload without a sign of life; renewed while bytes arrive. */
	static final Duration LEASE = Duration.ofMinutes(5);
	private static final int BUFFER = 64 * 1024;
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

	/** Begins the multipart upload for content of {@code length} bytes; null for none (empty content is put whole). */
	String begin(UUID id, long length) {
		return length == 0 ? null : call(() -> s3.begin(id));
	}

	/** Appends under the upload's lease; see {@link ResumableUploads#append}. */
	ResumableUpload append(ResumableUpload upload, long offset, InputStream in) {
		Instant now = Instant.now();
		if (!rows.lease(upload.id(), offset, now, now.plus(LEASE))) {
			long durable = rows.offset(upload.id()).orElseThrow(() -> new ResumableUploadConflictException(offset, false));
			throw new ResumableUploadConflictException(durable, durable == offset);
		}
		try {
			return new Appending(upload, offset).from(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			rows.releaseLease(upload.id());
		}
	}

	/** Completes the multipart upload (S3 puts the parts together); empty when its parts are gone. */
	Optional<StagedBlob> finish(ResumableUpload upload) {
		UUID id = upload.id();
		Optional<String> uploadId = rows.s3UploadId(id);
		if (uploadId.isEmpty()) {
			call(() -> content.write(id, InputStream.nullInputStream()));
		}
		else if (!call(() -> s3.complete(id, uploadId.get(), rows.parts(id)))
				&& content.stat(id).filter(stat -> stat.size() == upload.length()).isEmpty()) {
			return Optional.empty(); // neither completed before (a crash before the attach) nor to be completed
		}
		removeTailsQuietly(id);
		return Optional.of(new StagedBlob(id, upload.length()));
	}

	/** Aborts the multipart upload (nothing happens to one completed: its content is a file's) and removes the tails. */
	void remove(UUID id, String uploadId) {
		call(() -> {
			if (uploadId != null) {
				s3.abort(id, uploadId);
			}
			s3.removeTails(id, -1);
			return null;
		});
	}

	void removeQuietly(UUID id, String uploadId) {
		try {
			remove(id, uploadId);
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

	private void removeTailsQuietly(UUID id) {
		try {
			s3.removeTails(id, -1);
		}
		catch (SdkException e) {
			log.debug("Tails of upload {} not removed ({}); the sweeper does.", id, e.getMessage());
		}
	}

	private Instant expires() {
		return Instant.now().plus(expiry);
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

	/** One request's bytes: parts as they fill, then what is left as a part (the last, or big enough) or a tail. */
	private final class Appending {

		private final ResumableUpload upload;
		private final UUID id;
		private final String uploadId;
		private final List<S3Parts.UploadPart> parts;
		private long partsBytes;
		private final long start;
		/** What the row says now: moved only by this request while it holds the lease. */
		private long recorded;
		private long buffered;
		private Instant expires;
		private Instant renewAt;

		Appending(ResumableUpload upload, long offset) {
			this.upload = upload;
			this.id = upload.id();
			this.uploadId = rows.s3UploadId(id).orElseThrow(() -> new IllegalStateException("upload " + id + " has no S3 multipart upload"));
			this.parts = new java.util.ArrayList<>(rows.parts(id));
			this.partsBytes = parts.stream().mapToLong(S3Parts.UploadPart::size).sum();
			this.start = offset;
			this.recorded = offset;
			this.expires = upload.expires();
			this.renewAt = Instant.now().plus(LEASE.dividedBy(2));
		}

		ResumableUpload from(InputStream in) throws IOException {
			Path file = Files.createTempFile(temp, id + "-", ".part");
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
				long tail = start - partsBytes;
				if (tail > 0 && call(() -> s3.readTail(id, start, tail, Channels.newOutputStream(channel))) != tail) {
					// the tail object is lost (removed by hand): the client sends those bytes again
					rows.moveOffset(id, partsBytes, expires());
					throw new ResumableUploadConflictException(partsBytes, false);
				}
				buffered = tail;
				long written = copy(in, channel, file);
				return new ResumableUpload(id, upload.owner(), upload.length(), written, upload.metadata(), false, expires);
			}
			finally {
				Files.deleteIfExists(file);
			}
		}

		private long copy(InputStream in, FileChannel channel, Path file) throws IOException {
			long length = upload.length();
			long cut = partSize(length);
			byte[] buffer = new byte[BUFFER];
			boolean hadTail = buffered > 0;
			try {
				while (partsBytes + buffered < length) {
					int n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.min(length - partsBytes - buffered, cut - buffered)));
					if (n < 0) {
						break;
					}
					ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
					while (bytes.hasRemaining()) {
						channel.write(bytes);
					}
					buffered += n;
					if (buffered == cut) {
						part(channel, file);
					}
					else if (Instant.now().isAfter(renewAt)) {
						renew();
					}
				}
			}
			catch (IOException | RuntimeException e) {
				// the connection broke off (or S3 or the disk failed): what arrived is stored before the failure goes on
				try {
					store(channel, file, hadTail);
				}
				catch (RuntimeException again) {
					e.addSuppressed(again);
				}
				throw e;
			}
			store(channel, file, hadTail);
			return partsBytes + buffered;
		}

		/** Stores what the file holds: as the last part or one big enough, else as the tail. */
		private void store(FileChannel channel, Path file, boolean hadTail) {
			long end = partsBytes + buffered;
			if (buffered == 0 || end == recorded) {
				if (buffered == 0 && hadTail) {
					removeTailsQuietly(id); // taken into a part
				}
				return; // nothing new: the tail there is stays
			}
			if (end == upload.length() || buffered >= minPart(upload.length())) {
				part(channel, file);
				removeTailsQuietly(id);
				return;
			}
			call(() -> {
				s3.putTail(id, end, file);
				return null;
			});
			Instant until = expires();
			advance(end, until);
			expires = until;
			try {
				s3.removeTails(id, end);
			}
			catch (SdkException e) {
				log.debug("Earlier tails of upload {} not removed ({}); removing the upload does.", id, e.getMessage());
			}
		}

		/** Uploads the file as the next part, then records it and the offset past it in one transaction. */
		private void part(FileChannel channel, Path file) {
			renew();
			int number = parts.size() + 1;
			long size = buffered;
			String etag = call(() -> s3.upload(id, uploadId, number, file, size));
			S3Parts.UploadPart part = new S3Parts.UploadPart(number, etag, size);
			Instant until = expires();
			long offset = partsBytes + size;
			tx.executeWithoutResult(status -> {
				rows.addPart(id, upload.owner().schoolId(), part);
				advance(offset, until);
			});
			parts.add(part);
			partsBytes = offset;
			buffered = 0;
			expires = until;
			try {
				channel.truncate(0);
				channel.position(0);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		/** Moves the recorded offset; a request that lost the lease (it stalled past it) finds it moved by another and stops. */
		private void advance(long to, Instant until) {
			if (!rows.advance(id, recorded, to, until)) {
				throw new ResumableUploadConflictException(rows.offset(id).orElse(recorded), false);
			}
			recorded = to;
		}

		private void renew() {
			Instant now = Instant.now();
			rows.extendLease(id, now.plus(LEASE));
			renewAt = now.plus(LEASE.dividedBy(2));
		}
	}
}
