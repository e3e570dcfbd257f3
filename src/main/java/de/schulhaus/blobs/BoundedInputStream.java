package de.schulhaus.blobs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Ends after a number of bytes: a range read from a file opened at its offset. */
final class BoundedInputStream extends FilterInputStream {

	private long remaining;

	BoundedInputStream(InputStream in, long limit) {
		super(in);
		this.remaining = limit;
	}

	@Override
	public int read() throws IOException {
		if (remaining <= 0) {
			return -1;
		}
		int b = in.read();
		if (b >= 0) {
			remaining--;
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (remaining <= 0) {
			return -1;
		}
		int n = in.read(buffer, offset, (int) Math.min(length, remaining));
		if (n > 0) {
			remaining -= n;
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = in.skip(Math.min(n, remaining));
		remaining -= skipped;
		return skipped;
	}

	@Override
	public int available() throws IOException {
		return (int) Math.min(in.available(), remaining);
	}

	@Override
	public boolean markSupported() {
		return false;
	}
}
