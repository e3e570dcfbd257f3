package de.schulhaus.mail.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The text after {@code DATA} as it arrives (RFC 5321 4.1.1.4, 4.5.2): it ends at CRLF . CRLF, and a dot
 * the client doubled at the start of a line loses its double. Only CRLF ends a line, so a bare LF or CR
 * before a dot never ends the message (no SMTP smuggling). Reads the connection in blocks, where
 * subethasmtp's streams go byte by byte (a sixth of the server's CPU per message), and never takes a
 * byte beyond the end: pipelined commands that follow stay in the connection's buffer.
 */
final class DotTerminatedData extends InputStream {

	private static final int CHUNK = 8192;

	private final InputStream connection;
	private final byte[] chunk = new byte[CHUNK];
	private boolean lineStart = true;
	private boolean afterCr;
	private boolean ended;

	/** @param connection the session's buffered input; it must support {@link InputStream#mark(int)} */
	DotTerminatedData(InputStream connection) {
		if (!connection.markSupported()) {
			throw new IllegalArgumentException("the connection's input must support mark/reset");
		}
		this.connection = connection;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return n < 0 ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (ended) {
			return -1;
		}
		if (length == 0) {
			return 0;
		}
		while (true) {
			int copied = copyBlock(target, offset, length);
			if (copied > 0) {
				return copied;
			}
			if (ended) {
				return -1;
			}
			// a dot at the start of a line with fewer than three bytes in the buffer: look ahead byte by byte
			decideDot();
			if (ended) {
				return -1;
			}
		}
	}

	/** Copies what the buffered connection holds up to the end or an undecided dot; answers how much it copied. */
	private int copyBlock(byte[] target, int offset, int length) throws IOException {
		int want = Math.min(length, CHUNK);
		connection.mark(want);
		int n = connection.read(chunk, 0, want);
		if (n < 0) {
			throw new EOFException("connection closed before <CRLF>.<CRLF>");
		}
		int in = 0;
		int out = offset;
		while (in < n) {
			byte c = chunk[in];
			if (lineStart && c == '.') {
				if (n - in < 3) {
					break;
				}
				if (chunk[in + 1] == '\r' && chunk[in + 2] == '\n') {
					ended = true;
					in += 3;
					break;
				}
				in++;
				lineStart = false;
				afterCr = false;
				continue;
			}
			target[out++] = c;
			in++;
			lineStart = afterCr && c == '\n';
			afterCr = c == '\r';
		}
		connection.reset();
		skipExactly(in);
		return out - offset;
	}

	/** At a line-start dot: either the end (dot CR LF) or a doubled dot, which is dropped. */
	private void decideDot() throws IOException {
		connection.mark(3);
		int dot = next();
		int cr = next();
		boolean end = cr == '\r' && next() == '\n';
		connection.reset();
		if (dot != '.') {
			throw new IllegalStateException("not at a dot");
		}
		if (end) {
			skipExactly(3);
			ended = true;
		} else {
			skipExactly(1);
			lineStart = false;
			afterCr = false;
		}
	}

	private int next() throws IOException {
		int b = connection.read();
		if (b < 0) {
			throw new EOFException("connection closed before <CRLF>.<CRLF>");
		}
		return b;
	}

	private void skipExactly(long count) throws IOException {
		long left = count;
		while (left > 0) {
			long skipped = connection.skip(left);
			if (skipped <= 0) {
				throw new EOFException("connection closed before <CRLF>.<CRLF>");
			}
			left -= skipped;
		}
	}
}
