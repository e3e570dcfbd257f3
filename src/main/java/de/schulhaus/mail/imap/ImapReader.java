package de.schulhaus.mail.imap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a command's parts from the client as they are needed, so a message given with APPEND streams
 * into the store instead of into memory. Literals ({@code {n}}) are asked for with a continuation;
 * LITERAL+ ({@code {n+}}) are not. A line may be at most {@link #MAX_LINE} bytes without its literals.
 */
final class ImapReader {

	static final int MAX_LINE = 64 * 1024;
	/** The largest literal read into a string (names, search words); messages are streamed instead. */
	static final int MAX_STRING_LITERAL = 64 * 1024;

	/** Sends {@code + } so the client sends a synchronizing literal. */
	interface Continuation {
		void ready() throws IOException;
	}

	/** The size of a literal the client announced, and whether it waits for the go-ahead. */
	record Literal(long size, boolean synchronizing) {
	}

	private final InputStream in;
	private Continuation continuation;
	private int peeked = -2;
	private long lineBytes;

	ImapReader(InputStream in, Continuation continuation) {
		this.in = in;
		this.continuation = continuation;
	}

	void continuation(Continuation value) {
		this.continuation = value;
	}

	int peek() throws IOException {
		if (peeked == -2) {
			peeked = in.read();
			if (peeked >= 0 && ++lineBytes > MAX_LINE) {
				throw new LineTooLongException();
			}
		}
		return peeked;
	}

	int read() throws IOException {
		int b = peek();
		if (b < 0) {
			throw new ClientGoneException();
		}
		peeked = -2;
		return b;
	}

	/** Whether the client closed the connection before a new command. */
	boolean atEndOfStream() throws IOException {
		return peek() < 0;
	}

	void space() throws IOException {
		if (read() != ' ') {
			throw new BadCommandException("expected a space");
		}
	}

	/** Whether another argument follows (a space comes next); consumes the space. */
	boolean more() throws IOException {
		if (peek() == ' ') {
			read();
			return true;
		}
		return false;
	}

	boolean atLineEnd() throws IOException {
		int b = peek();
		return b == '\r' || b == '\n';
	}

	/** The end of the command line. */
	void end() throws IOException {
		int b = read();
		if (b == '\r') {
			b = read();
		}
		if (b != '\n') {
			throw new BadCommandException("unexpected characters at the end of the command");
		}
		lineBytes = 0;
	}

	/** Whether part of a command line was read and its end was not. */
	boolean midLine() {
		return lineBytes > 0;
	}

	/** The rest of the line as text, without its end (an AUTHENTICATE response, IDLE's DONE). */
	String restOfLine() throws IOException {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		while (true) {
			int b = read();
			if (b == '\n') {
				lineBytes = 0;
				String line = bytes.toString(StandardCharsets.UTF_8);
				return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
			}
			bytes.write(b);
		}
	}

	/** Skips the rest of a bad line (literals in it are not honoured: the line is dropped as it stands). */
	void skipLine() throws IOException {
		// dropped bytes take no memory, so the line limit does not apply to them
		int b = peeked == -2 ? in.read() : peeked;
		peeked = -2;
		while (b >= 0 && b != '\n') {
			b = in.read();
		}
		lineBytes = 0;
	}

	String tag() throws IOException {
		String tag = chars(ImapReader::tagChar);
		if (tag.isEmpty()) {
			throw new BadCommandException("missing tag");
		}
		return tag;
	}

	String atom() throws IOException {
		String atom = chars(ImapReader::atomChar);
		if (atom.isEmpty()) {
			throw new BadCommandException("expected an atom");
		}
		return atom;
	}

	/** A flag: {@code \Seen}, {@code $Forwarded}, or {@code \*} in PERMANENTFLAGS. */
	String flag() throws IOException {
		StringBuilder flag = new StringBuilder();
		if (peek() == '\\') {
			flag.append((char) read());
		}
		flag.append(chars(ImapReader::atomChar));
		if (flag.length() == 0 || flag.toString().equals("\\")) {
			throw new BadCommandException("expected a flag");
		}
		return flag.toString();
	}

	/** A parenthesized list of flags, or a single flag without parentheses (as STORE allows). */
	List<String> flags() throws IOException {
		List<String> flags = new ArrayList<>();
		if (peek() != '(') {
			flags.add(flag());
			while (more()) {
				flags.add(flag());
			}
			return flags;
		}
		read();
		while (peek() != ')') {
			flags.add(flag());
			if (peek() == ' ') {
				read();
			}
		}
		read();
		return flags;
	}

	/** An atom, quoted string or literal. */
	String astring() throws IOException {
		int b = peek();
		if (b == '"') {
			return quoted();
		}
		if (b == '{') {
			return literalString();
		}
		String value = chars(c -> atomChar(c) || c == ']');
		if (value.isEmpty()) {
			throw new BadCommandException("expected a string");
		}
		return value;
	}

	/** A mailbox pattern of LIST: like an astring, with {@code %} and {@code *} allowed unquoted. */
	String listMailbox() throws IOException {
		int b = peek();
		if (b == '"' || b == '{') {
			return astring();
		}
		String value = chars(c -> atomChar(c) || c == ']' || c == '%' || c == '*');
		if (value.isEmpty()) {
			throw new BadCommandException("expected a mailbox pattern");
		}
		return value;
	}

	String quoted() throws IOException {
		if (read() != '"') {
			throw new BadCommandException("expected a quoted string");
		}
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		while (true) {
			int b = read();
			if (b == '"') {
				return bytes.toString(StandardCharsets.UTF_8);
			}
			if (b == '\\') {
				b = read();
				if (b != '"' && b != '\\') {
					throw new BadCommandException("only \\\" and \\\\ may be escaped in a quoted string");
				}
			} else if (b == '\r' || b == '\n') {
				throw new BadCommandException("unterminated quoted string");
			}
			bytes.write(b);
		}
	}

	/** Reads {@code {n}} or {@code {n+}} and its line end, without the literal's bytes. */
	Literal literal() throws IOException {
		if (read() != '{') {
			throw new BadCommandException("expected a literal");
		}
		String digits = chars(c -> c >= '0' && c <= '9');
		boolean plus = peek() == '+';
		if (plus) {
			read();
		}
		if (read() != '}' || digits.isEmpty() || digits.length() > 12) {
			throw new BadCommandException("malformed literal");
		}
		end();
		return new Literal(Long.parseLong(digits), !plus);
	}

	/** Tells a client that waits for it to send the literal now. */
	void accept(Literal literal) throws IOException {
		if (literal.synchronizing()) {
			continuation.ready();
		}
	}

	/** The literal's bytes as a stream of exactly its length; read it to its end before the next token. */
	InputStream literalBody(Literal literal) {
		return new BoundedInput(literal.size());
	}

	/** Drops a literal that is refused (LITERAL+ sends it anyway). */
	void skip(Literal literal) throws IOException {
		new BoundedInput(literal.size()).skipAll();
	}

	private String literalString() throws IOException {
		Literal literal = literal();
		if (literal.size() > MAX_STRING_LITERAL) {
			if (!literal.synchronizing()) {
				skip(literal);
			}
			throw new BadCommandException("literal too long for a string (at most " + MAX_STRING_LITERAL + " bytes)");
		}
		accept(literal);
		byte[] bytes = literalBody(literal).readAllBytes();
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * A FETCH attribute: an atom that may carry a section in brackets (with spaces and a list inside, as in
	 * {@code BODY[HEADER.FIELDS (From To)]}) and a partial range {@code <0.1024>}.
	 */
	String fetchAttribute() throws IOException {
		StringBuilder value = new StringBuilder(chars(c -> atomChar(c) && c != '[' && c != '<'));
		if (peek() == '[') {
			int depth = 0;
			while (true) {
				int b = read();
				if (b == '\r' || b == '\n') {
					throw new BadCommandException("unterminated section");
				}
				value.append((char) b);
				if (b == '[') {
					depth++;
				} else if (b == ']' && --depth == 0) {
					break;
				}
			}
			if (peek() == '<') {
				while (true) {
					int b = read();
					if (b == '\r' || b == '\n') {
						throw new BadCommandException("unterminated partial range");
					}
					value.append((char) b);
					if (b == '>') {
						break;
					}
				}
			}
		}
		if (value.length() == 0) {
			throw new BadCommandException("expected a fetch attribute");
		}
		return value.toString();
	}

	private interface CharTest {
		boolean test(int c);
	}

	private String chars(CharTest allowed) throws IOException {
		StringBuilder value = new StringBuilder();
		while (true) {
			int b = peek();
			if (b < 0 || !allowed.test(b)) {
				return value.toString();
			}
			value.append((char) read());
		}
	}

	static boolean atomChar(int c) {
		return c > 0x20 && c < 0x7f && "(){ %*\"\\]".indexOf(c) < 0;
	}

	private static boolean tagChar(int c) {
		return atomChar(c) && c != '+';
	}

	/** Exactly {@code remaining} bytes of the client's input. */
	private final class BoundedInput extends InputStream {
		private long remaining;

		BoundedInput(long size) {
			this.remaining = size;
		}

		@Override
		public int read() throws IOException {
			if (remaining <= 0) {
				return -1;
			}
			remaining--;
			if (peeked != -2) {
				int b = peeked;
				peeked = -2;
				return b;
			}
			int b = in.read();
			if (b < 0) {
				throw new ClientGoneException();
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (remaining <= 0) {
				return -1;
			}
			if (peeked != -2 || length == 0) {
				int b = read();
				buffer[offset] = (byte) b;
				return 1;
			}
			int n = in.read(buffer, offset, (int) Math.min(length, remaining));
			if (n < 0) {
				throw new ClientGoneException();
			}
			remaining -= n;
			return n;
		}

		void skipAll() throws IOException {
			byte[] buffer = new byte[8192];
			while (read(buffer, 0, buffer.length) > 0) {
				// dropped
			}
		}
	}
}
