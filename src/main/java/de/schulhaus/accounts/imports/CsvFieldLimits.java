package de.schulhaus.accounts.imports;

import java.io.IOException;
import java.io.Reader;

/**
 * Sits between the decoded CSV text and the CSV parser, which would otherwise build a field of any length (a
 * quote that is never closed makes the rest of the file one field). It follows the quoting rules of the parser's
 * default format and passes at most {@code maxLength + 1} characters of each field on, so a longer field reaches
 * the builder as an error of its row and its remainder never sits in memory. A record with more than
 * {@link #MAX_COLUMNS} fields fails the file.
 */
final class CsvFieldLimits extends Reader {

	static final int MAX_COLUMNS = OdsTableRows.MAX_COLUMNS;

	private static final int FIELD_START = 0;

	private static final int UNQUOTED = 1;

	private static final int QUOTED = 2;

	/** A quote inside a quoted field: the next character tells an escaped quote from the field's end. */
	private static final int QUOTE_IN_QUOTED = 3;

	private static final int AFTER_QUOTE = 4;

	private static final char QUOTE = '"';

	private final Reader in;

	private final char delimiter;

	private final int keep;

	private final char[] input = new char[8192];

	private int inputLength;

	private int inputPosition;

	private int state = FIELD_START;

	private int fieldLength;

	private int delimiters;

	/** Characters decided on but not yet handed out, at most two (a held quote and the one after it). */
	private final char[] pending = new char[2];

	private int pendingLength;

	private boolean end;

	CsvFieldLimits(Reader in, char delimiter, int maxLength) {
		this.in = in;
		this.delimiter = delimiter;
		this.keep = maxLength + 1;
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		int produced = 0;
		while (produced < length) {
			if (this.pendingLength > 0) {
				buffer[offset + produced++] = this.pending[0];
				this.pending[0] = this.pending[1];
				this.pendingLength--;
				continue;
			}
			// hand out what there is rather than wait for more input
			if (this.end || (produced > 0 && this.inputPosition == this.inputLength)) {
				break;
			}
			int c = next();
			if (c < 0) {
				this.end = true;
				if (this.state == QUOTE_IN_QUOTED) {
					emit(QUOTE);
					this.state = AFTER_QUOTE;
				}
				continue;
			}
			accept((char) c);
		}
		return (produced == 0 && this.end) ? -1 : produced;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	private int next() throws IOException {
		if (this.inputPosition == this.inputLength) {
			int n = this.in.read(this.input, 0, this.input.length);
			if (n < 0) {
				return -1;
			}
			this.inputLength = n;
			this.inputPosition = 0;
			if (n == 0) {
				return next();
			}
		}
		return this.input[this.inputPosition++];
	}

	private void accept(char c) {
		switch (this.state) {
			case FIELD_START -> {
				if (c == QUOTE) {
					this.state = QUOTED;
					emit(c);
				}
				else if (!separator(c)) {
					this.state = UNQUOTED;
					content(c);
				}
			}
			case UNQUOTED -> {
				if (!separator(c)) {
					content(c);
				}
			}
			case QUOTED -> {
				if (c == QUOTE) {
					this.state = QUOTE_IN_QUOTED;
				}
				else {
					content(c);
				}
			}
			case QUOTE_IN_QUOTED -> {
				this.state = QUOTED;
				if (c == QUOTE) {
					// an escaped quote is one character of the field, written as two
					if (this.fieldLength < this.keep) {
						this.fieldLength++;
						emit(QUOTE);
						emit(QUOTE);
					}
				}
				else {
					emit(QUOTE);
					this.state = AFTER_QUOTE;
					accept(c);
				}
			}
			case AFTER_QUOTE -> {
				if (!separator(c)) {
					// the parser refuses anything but spaces here; it does not keep them
					emit(c);
				}
			}
			default -> throw new IllegalStateException();
		}
	}

	/** Handles a delimiter or line end outside quotes; {@code false} for any other character. */
	private boolean separator(char c) {
		if (c == this.delimiter) {
			if (++this.delimiters >= MAX_COLUMNS) {
				throw new RosterFormatException("import.error.tooManyColumns", MAX_COLUMNS);
			}
		}
		else if (c == '\n' || c == '\r') {
			this.delimiters = 0;
		}
		else {
			return false;
		}
		this.state = FIELD_START;
		this.fieldLength = 0;
		emit(c);
		return true;
	}

	private void content(char c) {
		if (this.fieldLength < this.keep) {
			this.fieldLength++;
			emit(c);
		}
	}

	private void emit(char c) {
		this.pending[this.pendingLength++] = c;
	}

}
