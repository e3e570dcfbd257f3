package de.schulhaus.calendar.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Writes content lines as RFC 5545 3.1 wants them: CRLF, folded after at most 75 octets of UTF-8. */
final class ICalWriter {

	private static final int OCTETS = 75;

	private final Writer out;

	ICalWriter(Writer out) {
		this.out = out;
	}

	ICalWriter line(String line) {
		int octets = 0;
		StringBuilder folded = new StringBuilder(line.length() + 8);
		for (int i = 0; i < line.length(); ) {
			int codePoint = line.codePointAt(i);
			int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
			if (octets + size > OCTETS) {
				folded.append("\r\n ");
				octets = 1;
			}
			folded.appendCodePoint(codePoint);
			octets += size;
			i += Character.charCount(codePoint);
		}
		return raw(folded.append("\r\n").toString());
	}

	/** Lines already in iCalendar form (CRLF, folded), such as a stored component. */
	ICalWriter raw(String lines) {
		try {
			out.write(lines);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return this;
	}

	/** A TEXT value with backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11). */
	static String text(String value) {
		StringBuilder escaped = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			switch (c) {
				case '\\', ';', ',' -> escaped.append('\\').append(c);
				case '\n' -> escaped.append("\\n");
				case '\r' -> {
				}
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}
}
