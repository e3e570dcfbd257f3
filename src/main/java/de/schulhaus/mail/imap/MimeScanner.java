package de.schulhaus.mail.imap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Finds the entities of a raw message and their byte offsets in one streaming pass, line by line: the
 * header of every part is kept (they are small), bodies are only counted. Malformed structure (a missing
 * close delimiter, a boundary never seen) ends parts at the end of the message, as readers expect.
 */
final class MimeScanner {

	private static final int MAX_HEADER = 256 * 1024;
	private static final int MAX_DEPTH = 40;
	private static final int MAX_PARTS = 5_000;

	private final InputStream in;
	private final Deque<String> boundaries = new ArrayDeque<>();
	private long position;
	private Line pending;
	private int lastEol;
	private int partCount;

	/** @param previousEol the line end of the line before: before a boundary it belongs to the boundary (RFC 2046 5.1.1) */
	private record Line(byte[] head, long start, int length, int eol, int previousEol) {
		boolean blank() {
			return length == eol;
		}
	}

	private MimeScanner(InputStream in) {
		this.in = new BufferedInputStream(in, 16 * 1024);
	}

	/** The structure of a whole message; reads the stream to its end but does not close it. */
	static MimePart scan(InputStream raw) throws IOException {
		MimeScanner scanner = new MimeScanner(raw);
		return scanner.entity("text/plain", 0);
	}

	private MimePart entity(String defaultType, int depth) throws IOException {
		MimePart part = new MimePart(defaultType);
		part.start = position;
		Line boundaryLine = header(part);
		part.bodyStart = position;
		if (boundaryLine != null) {
			part.end = part.bodyStart;
			return part;
		}
		String boundary = part.multipart() ? part.boundary() : null;
		if (boundary != null && depth < MAX_DEPTH) {
			multipart(part, boundary, depth);
		} else if (part.rfc822() && depth < MAX_DEPTH) {
			part.message = entity("text/plain", depth + 1);
			part.end = part.message.end;
			part.lines = part.message.lines;
		} else {
			leaf(part);
		}
		return part;
	}

	/** Reads header lines; answers the boundary line that cut it short, if one did. */
	private Line header(MimePart part) throws IOException {
		ByteArrayOutputStream header = new ByteArrayOutputStream();
		Line line;
		while ((line = next()) != null) {
			if (boundaryIndex(line) >= 0) {
				pending = line;
				part.header = HeaderFields.parse(header.toByteArray());
				return line;
			}
			if (line.blank()) {
				break;
			}
			if (header.size() < MAX_HEADER) {
				header.write(line.head(), 0, line.head().length);
				if (line.head().length < line.length()) {
					// a very long line: keep its start and its end of line
					header.write('\r');
					header.write('\n');
				}
			}
		}
		part.header = HeaderFields.parse(header.toByteArray());
		return null;
	}

	private void multipart(MimePart part, String boundary, int depth) throws IOException {
		boundaries.push(boundary);
		boolean closed = false;
		Line line;
		long end = -1;
		while ((line = next()) != null) {
			int index = boundaryIndex(line);
			if (index < 0) {
				continue;
			}
			if (index > 0) {
				pending = line;
				end = line.start() - line.previousEol();
				break;
			}
			if (closed) {
				continue;
			}
			if (isClose(line)) {
				closed = true;
				continue;
			}
			if (partCount++ > MAX_PARTS) {
				continue;
			}
			String childType = part.subtype().equals("digest") ? "message/rfc822" : "text/plain";
			part.parts.add(entity(childType, depth + 1));
		}
		boundaries.pop();
		part.end = end < 0 ? position : Math.max(part.bodyStart, end);
	}

	private void leaf(MimePart part) throws IOException {
		Line line;
		long lines = 0;
		while ((line = next()) != null) {
			if (boundaryIndex(line) >= 0) {
				pending = line;
				part.end = Math.max(part.bodyStart, line.start() - line.previousEol());
				part.lines = lines;
				return;
			}
			lines++;
		}
		part.end = position;
		part.lines = lines;
	}

	/** 0: the innermost boundary, higher: an enclosing one, -1: not a boundary line. */
	private int boundaryIndex(Line line) {
		if (boundaries.isEmpty() || line.head().length < 3 || line.head()[0] != '-' || line.head()[1] != '-') {
			return -1;
		}
		String text = new String(line.head(), 2, line.head().length - 2, StandardCharsets.ISO_8859_1).stripTrailing();
		int index = 0;
		for (Iterator<String> it = boundaries.iterator(); it.hasNext(); index++) {
			String boundary = it.next();
			if (text.equals(boundary) || text.equals(boundary + "--")) {
				return index;
			}
		}
		return -1;
	}

	private boolean isClose(Line line) {
		String text = new String(line.head(), StandardCharsets.ISO_8859_1).stripTrailing();
		return text.endsWith("--") && text.length() >= 4 && text.equals("--" + boundaries.peek() + "--");
	}

	/** The next line (its first 1000 bytes kept, all counted), or null at the end. */
	private Line next() throws IOException {
		if (pending != null) {
			Line line = pending;
			pending = null;
			return line;
		}
		long start = position;
		ByteArrayOutputStream head = new ByteArrayOutputStream(128);
		int length = 0;
		int eol = 0;
		int b;
		int last = -1;
		while ((b = in.read()) >= 0) {
			length++;
			if (head.size() < 1000) {
				head.write(b);
			}
			if (b == '\n') {
				eol = last == '\r' ? 2 : 1;
				break;
			}
			last = b;
		}
		if (length == 0) {
			return null;
		}
		position += length;
		Line line = new Line(head.toByteArray(), start, length, eol, lastEol);
		lastEol = eol;
		return line;
	}
}
