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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * One request's bytes to a resumable upload on S3 ({@link MultipartUploads}), under the upload's lease:
 * parts as they fill a local file, then what is left as a part (the last, or one big enough) or as
 * the tail object. The recorded offset moves only past what S3 has acknowledged.
 */
final class MultipartAppend {

	private static final int BUFFER = 64 * 1024;
	private static final Logger log = LoggerFactory.getLogger(MultipartAppend.class);

	private final S3Parts s3;
	private final UploadRows rows;
	private final TransactionTemplate tx;
	private final Duration expiry;

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

	MultipartAppend(S3Parts s3, UploadRows rows, TransactionTemplate tx, Duration expiry, ResumableUpload upload, long offset) {
		this.s3 = s3;
		this.rows = rows;
		this.tx = tx;
		this.expiry = expiry;
		this.upload = upload;
		this.id = upload.id();
		this.uploadId = rows.s3UploadId(id).orElseThrow(() -> new IllegalStateException("upload " + id + " has no S3 multipart upload"));
		this.parts = new ArrayList<>(rows.parts(id));
		this.partsBytes = parts.stream().mapToLong(S3Parts.UploadPart::size).sum();
		this.start = offset;
		this.recorded = offset;
		this.expires = upload.expires();
		this.renewAt = Instant.now().plus(MultipartUploads.LEASE.dividedBy(2));
	}

	/**
	 * @param cut where parts are cut while bytes arrive
	 * @param temp the folder of the local file that one part fills
	 */
	ResumableUpload from(InputStream in, long cut, Path temp) throws IOException {
		Path file = Files.createTempFile(temp, id + "-", ".part");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			long tail = start - partsBytes;
			if (tail > 0 && MultipartUploads.call(() -> s3.readTail(id, start, tail, Channels.newOutputStream(channel))) != tail) {
				// the tail object is lost (removed by hand): the client sends those bytes again
				rows.moveOffset(id, partsBytes, expires());
				throw new ResumableUploadConflictException(partsBytes, false);
			}
			buffered = tail;
			long written = copy(in, channel, file, cut);
			return new ResumableUpload(id, upload.owner(), upload.length(), written, upload.metadata(), false, expires);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private long copy(InputStream in, FileChannel channel, Path file, long cut) throws IOException {
		long length = upload.length();
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
				s3.removeTailsQuietly(id); // taken into a part
			}
			return; // nothing new: the tail there is stays
		}
		if (end == upload.length() || buffered >= MultipartUploads.minPart(upload.length())) {
			part(channel, file);
			s3.removeTailsQuietly(id);
			return;
		}
		MultipartUploads.call(() -> {
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
		String etag = MultipartUploads.call(() -> s3.upload(id, uploadId, number, file, size));
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
		rows.extendLease(id, now.plus(MultipartUploads.LEASE));
		renewAt = now.plus(MultipartUploads.LEASE.dividedBy(2));
	}

	private Instant expires() {
		return Instant.now().plus(expiry);
	}
}
