package de.schulhaus.mail.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes responses: atoms as they are, strings quoted when they are plain ASCII and as literals
 * otherwise, message content streamed. Nothing reaches the client before {@link #flush()}.
 */
final class ImapWriter {

	private final OutputStream out;

	ImapWriter(OutputStream out) {
		this.out = out;
	}

	ImapWriter raw(String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		return this;
	}

	ImapWriter raw(long number) throws IOException {
		return raw(Long.toString(number));
	}

	ImapWriter line(String text) throws IOException {
		return raw(text).raw("\r\n");
	}

	/** A string: quoted if it can be, a literal if not, {@code NIL} for null. */
	ImapWriter nstring(String value) throws IOException {
		if (value == null) {
			return raw("NIL");
		}
		if (quotable(value)) {
			out.write('"');
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '"' || c == '\\') {
					out.write('\\');
				}
				out.write(c);
			}
			out.write('"');
			return this;
		}
		return literal(value.getBytes(StandardCharsets.UTF_8));
	}

	ImapWriter literal(byte[] bytes) throws IOException {
		raw("{" + bytes.length + "}\r\n");
		out.write(bytes);
		return this;
	}

	/** A literal of exactly {@code length} bytes, copied from the stream (padded if the stream ends early). */
	ImapWriter literal(InputStream content, long length) throws IOException {
		raw("{" + length + "}\r\n");
		byte[] buffer = new byte[16 * 1024];
		long left = length;
		while (left > 0) {
			int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (n < 0) {
				break;
			}
			out.write(buffer, 0, n);
			left -= n;
		}
		// the length is promised already: a blob shorter than its row says must not desynchronize the client
		while (left-- > 0) {
			out.write(' ');
		}
		return this;
	}

	void flush() throws IOException {
		out.flush();
	}

	static boolean quotable(String value) {
		if (value.length() > 1000) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c >= 0x7f) {
				return false;
			}
		}
		return true;
	}
}
