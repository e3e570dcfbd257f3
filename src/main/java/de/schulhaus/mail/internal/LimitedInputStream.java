package de.schulhaus.mail.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link MessageTooLargeException} as soon as more than the limit is read. */
final class LimitedInputStream extends FilterInputStream {

	private final long limit;
	private long count;

	LimitedInputStream(InputStream in, long limit) {
		super(in);
		this.limit = limit;
	}

	@Override
	public int read() throws IOException {
		int b = in.read();
		if (b >= 0 && ++count > limit) {
			throw new MessageTooLargeException(limit);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = in.read(buffer, offset, length);
		if (n > 0 && (count += n) > limit) {
			throw new MessageTooLargeException(limit);
		}
		return n;
	}
}
