package de.schulhaus.blobs;

import java.io.IOException;
import java.io.InputStream;

/** Content of any length made on the fly, never held in memory; every byte is known by its position. */
final class GeneratedContent extends InputStream {

	private final long length;
	private long position;

	GeneratedContent(long length) {
		this.length = length;
	}

	static byte at(long position) {
		return (byte) (position * 31 + (position >>> 11));
	}

	@Override
	public int read() {
		return position < length ? at(position++) & 0xff : -1;
	}

	@Override
	public int read(byte[] buffer, int offset, int count) {
		if (position >= length) {
			return -1;
		}
		int n = (int) Math.min(count, length - position);
		for (int i = 0; i < n; i++) {
			buffer[offset + i] = at(position++);
		}
		return n;
	}

	/** Reads the stream to its end and checks each byte against the content from {@code offset}; returns how many there were. */
	static long verify(InputStream in, long offset) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long position = offset;
		for (int n; (n = in.read(buffer)) > 0;) {
			for (int i = 0; i < n; i++, position++) {
				if (buffer[i] != at(position)) {
					throw new AssertionError("byte " + position + " differs");
				}
			}
		}
		return position - offset;
	}
}
