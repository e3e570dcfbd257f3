package de.schulhaus.mail.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Copies a stored message onto an SMTP DATA stream: lines end in CRLF, a leading dot is doubled, the text
 * ends with a line break. Our own {@code Return-Path} in front is left out: it belongs to the final
 * delivery, not to mail going on (RFC 5321 4.4).
 */
final class DotStuffing {

	private DotStuffing() {
	}

	static void copy(InputStream message, OutputStream out) throws IOException {
		InputStream in = withoutReturnPath(message);
		byte[] buffer = new byte[64 * 1024];
		boolean lineStart = true;
		boolean afterCr = false;
		for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
			for (int i = 0; i < n; i++) {
				byte b = buffer[i];
				if (b == '\n' && !afterCr) {
					out.write('\r');
				}
				if (lineStart && b == '.') {
					out.write('.');
				}
				out.write(b);
				lineStart = b == '\n';
				afterCr = b == '\r';
			}
		}
		if (!lineStart) {
			out.write(afterCr ? new byte[] { '\n' } : new byte[] { '\r', '\n' });
		}
	}

	/** The message from after our Return-Path (as it is when there is none). */
	static InputStream withoutReturnPath(InputStream message) throws IOException {
		PushbackInputStream in = new PushbackInputStream(message, 1024);
		skipReturnPath(in);
		return in;
	}

	/** The message's header up to the blank line (at most {@code max} bytes), lines ending in CRLF, without our Return-Path. */
	static void headerOf(InputStream message, OutputStream out, int max) throws IOException {
		PushbackInputStream in = new PushbackInputStream(message, 1024);
		skipReturnPath(in);
		java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
		int written = 0;
		for (int b = in.read(); b >= 0 && written < max; b = in.read()) {
			if (b != '\n') {
				line.write(b);
				continue;
			}
			byte[] bytes = line.toByteArray();
			int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
			if (length == 0) {
				return;
			}
			out.write(bytes, 0, length);
			out.write(new byte[] { '\r', '\n' });
			written += length + 2;
			line.reset();
		}
	}

	private static void skipReturnPath(PushbackInputStream in) throws IOException {
		byte[] head = in.readNBytes(12);
		in.unread(head);
		if (!new String(head, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT).equals("return-path:")) {
			return;
		}
		// the line and its continuation lines
		int b;
		do {
			do {
				b = in.read();
			} while (b >= 0 && b != '\n');
			b = in.read();
			if (b >= 0 && b != ' ' && b != '\t') {
				in.unread(b);
				return;
			}
		} while (b >= 0);
	}
}
