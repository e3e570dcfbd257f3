package de.schulhaus.accounts.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Watches the bytes of an uploaded XML file on their way to the parser. The JDK's parser hands text on in pieces,
 * but it keeps a whole tag, attribute value, comment, CDATA section or processing instruction in memory, and a
 * DOCTYPE's internal subset as well: one such construct of 150 MB exhausts a 448 MB heap. So each of them may
 * have at most {@link #MAX_MARKUP} bytes, and DOCTYPEs are refused (no roster format has one).
 * <p>
 * This works on bytes because in the encodings the readers accept (UTF-8 and the ISO-8859 and Windows code
 * pages, see {@link SafeXml}) a byte {@code '<'} is always the character; files that start like EBCDIC or hold a
 * NUL byte (UTF-16, UTF-32) are refused here, before their declaration is read.
 */
final class MarkupGuard extends FilterInputStream {

	static final int MAX_MARKUP = 1024 * 1024;

	private static final int[] BOM = { 0xEF, 0xBB, 0xBF };

	private static final int TEXT = 0;

	private static final int OPEN = 1;

	private static final int BANG = 2;

	private static final int TAG = 3;

	private static final int COMMENT_OPEN = 4;

	private static final int COMMENT = 5;

	private static final int CDATA = 6;

	private static final int INSTRUCTION = 7;

	private int state = TEXT;

	private int quote;

	private int markup;

	/** The two bytes before the current one inside a comment, CDATA section or processing instruction. */
	private int previous;

	private int beforePrevious;

	/** Bytes of a UTF-8 byte order mark seen so far; past {@code BOM.length} once the first other byte is checked. */
	private int position;

	MarkupGuard(InputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			check(b);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		for (int i = offset; i < offset + n; i++) {
			check(buffer[i] & 0xFF);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		byte[] buffer = new byte[(int) Math.min(n, 8192)];
		return Math.max(read(buffer, 0, buffer.length), 0);
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	private void check(int b) throws IOException {
		if (this.position <= BOM.length) {
			checkStart(b);
		}
		if (b == 0) {
			// never a character of XML; in UTF-16 and UTF-32 every ASCII character comes with one
			throw new IOException("Not an XML file in an accepted encoding");
		}
		switch (this.state) {
			case TEXT -> {
				if (b == '<') {
					this.state = OPEN;
					this.markup = 0;
				}
				return;
			}
			case OPEN -> open(b);
			case BANG -> bang(b);
			case TAG -> tagByte(b);
			// the second dash of "<!--" must not count towards the "-->" that ends the comment
			case COMMENT_OPEN -> this.state = COMMENT;
			case COMMENT -> sectionByte(b, this.beforePrevious == '-' && this.previous == '-');
			case CDATA -> sectionByte(b, this.beforePrevious == ']' && this.previous == ']');
			case INSTRUCTION -> sectionByte(b, this.previous == '?');
			default -> throw new IllegalStateException();
		}
		if (++this.markup > MAX_MARKUP) {
			throw new IOException("A tag, comment or processing instruction is longer than " + MAX_MARKUP + " bytes");
		}
	}

	// After an optional UTF-8 byte order mark, an XML file starts with '<' or white space in every encoding we read.
	private void checkStart(int b) throws IOException {
		if (this.position < BOM.length && b == BOM[this.position]) {
			this.position++;
			return;
		}
		boolean brokenBom = this.position > 0 && this.position < BOM.length;
		if (brokenBom || (b != '<' && b != ' ' && b != '\t' && b != '\r' && b != '\n')) {
			throw new IOException("Not an XML file in an accepted encoding");
		}
		this.position = BOM.length + 1;
	}

	private void open(int b) {
		this.previous = 0;
		this.beforePrevious = 0;
		if (b == '!') {
			this.state = BANG;
		}
		else if (b == '?') {
			this.state = INSTRUCTION;
		}
		else {
			tagByte(b);
		}
	}

	private void tagByte(int b) {
		this.state = TAG;
		if (this.quote != 0) {
			this.quote = (b == this.quote) ? 0 : this.quote;
		}
		else if (b == '"' || b == '\'') {
			this.quote = b;
		}
		else if (b == '>') {
			this.state = TEXT;
		}
	}

	private void bang(int b) throws IOException {
		if (b == '-') {
			this.state = COMMENT_OPEN;
		}
		else if (b == '[') {
			this.state = CDATA;
		}
		else {
			throw new IOException("DOCTYPE and other declarations are not accepted");
		}
	}

	/** Ends a comment at "-->", a CDATA section at "]]>" and a processing instruction at "?>". */
	private void sectionByte(int b, boolean closing) {
		if (b == '>' && closing) {
			this.state = TEXT;
		}
		this.beforePrevious = this.previous;
		this.previous = b;
	}

}
