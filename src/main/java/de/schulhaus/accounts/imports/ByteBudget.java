package de.schulhaus.accounts.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * Counts the bytes read through the streams it wraps, across all of them, and fails the read that goes past the
 * limit. Used for the upload as it arrives and for what comes out of the entries of an archive: sizes written in
 * an archive's headers can lie, the bytes that actually come out cannot.
 */
final class ByteBudget {

	private final long limit;

	private final Supplier<? extends RuntimeException> exceeded;

	private long used;

	ByteBudget(long limit, Supplier<? extends RuntimeException> exceeded) {
		this.limit = limit;
		this.exceeded = exceeded;
	}

	/** The unpacked content of one roster file, at most {@link ImportLimits#maxUnpacked()}. */
	static ByteBudget unpacked(ImportLimits limits) {
		return new ByteBudget(limits.maxUnpacked().toBytes(), () -> new ImportLimitException(
				"import.error.unpackedTooLarge", ImportLimits.describe(limits.maxUnpacked())));
	}

	/** The uploaded file, at most {@link ImportLimits#maxUpload()}. */
	static ByteBudget upload(ImportLimits limits) {
		return new ByteBudget(limits.maxUpload().toBytes(), () -> new UploadTooLargeException(limits.maxUpload()));
	}

	InputStream wrap(InputStream in) {
		return new Counted(in);
	}

	/** Reads an entry that is not needed to its end, so its bytes count as well. */
	void drain(InputStream in) throws IOException {
		wrap(in).transferTo(OutputStream.nullOutputStream());
	}

	long used() {
		return this.used;
	}

	private void add(long bytes) {
		this.used += bytes;
		if (this.used > this.limit) {
			throw this.exceeded.get();
		}
	}

	private final class Counted extends FilterInputStream {

		Counted(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				add(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				add(n);
			}
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			// skipped bytes are unpacked all the same; reading them keeps the count honest
			byte[] buffer = new byte[(int) Math.min(n, 8192)];
			int read = read(buffer, 0, buffer.length);
			return Math.max(read, 0);
		}

		@Override
		public boolean markSupported() {
			return false;
		}

	}

}
