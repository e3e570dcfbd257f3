package de.schulhaus.mail.smtp;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a message through and keeps its header (up to the blank line, at most {@link #MAX} bytes), for a
 * bounce written after the message was delivered and its staged copy is gone. Past the header it only counts
 * on one flag.
 */
final class HeaderCopy extends FilterInputStream {

	static final int MAX = 64 * 1024;

	private final ByteArrayOutputStream header = new ByteArrayOutputStream(2048);
	private boolean complete;
	private int lineLength;

	HeaderCopy(InputStream message) {
		super(message);
	}

	/** The header read so far, which is all of it once the body started. */
	byte[] header() {
		return header.toByteArray();
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0 && !complete) {
			keep(b);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		for (int i = 0; i < n && !complete; i++) {
			keep(buffer[offset + i] & 0xff);
		}
		return n;
	}

	private void keep(int b) {
		header.write(b);
		if (b == '\n') {
			// an empty line (LF or CRLF alone) ends the header
			complete = lineLength == 0;
			lineLength = 0;
		} else if (b != '\r') {
			lineLength++;
		}
		complete |= header.size() >= MAX;
	}
}
