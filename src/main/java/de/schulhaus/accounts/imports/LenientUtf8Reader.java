package de.schulhaus.accounts.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8, but reads each byte that is not part of a valid UTF-8 sequence as Windows-1252. Files that were
 * pasted together from several sources mix both encodings, and "Jörg" is more useful than "J\uFFFDrg".
 */
final class LenientUtf8Reader extends Reader {

	private static final char[] WINDOWS_1252 = new String(allBytes(), Charset.forName("windows-1252")).toCharArray();

	private final InputStream in;

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	/** Undecoded bytes, kept ready for reading (between position and limit). */
	private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();

	/** Decoded characters, kept ready for reading. */
	private final CharBuffer chars = CharBuffer.allocate(8192).flip();

	private boolean endOfInput;

	LenientUtf8Reader(InputStream in) {
		this.in = in;
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (!this.chars.hasRemaining() && !fill()) {
			return -1;
		}
		int count = Math.min(length, this.chars.remaining());
		this.chars.get(buffer, offset, count);
		return count;
	}

	private boolean fill() throws IOException {
		this.chars.clear();
		while (true) {
			CoderResult result = this.decoder.decode(this.bytes, this.chars, this.endOfInput);
			if (result.isError()) {
				if (this.chars.remaining() < result.length()) {
					break;
				}
				for (int i = 0; i < result.length(); i++) {
					this.chars.put(WINDOWS_1252[this.bytes.get() & 0xFF]);
				}
			}
			else if (result.isOverflow() || this.endOfInput) {
				break;
			}
			else if (this.chars.position() > 0 && this.in.available() <= 0) {
				// hand out what we have instead of blocking for more
				break;
			}
			else {
				readMore();
			}
		}
		this.chars.flip();
		return this.chars.hasRemaining();
	}

	private void readMore() throws IOException {
		this.bytes.compact();
		int count = this.in.read(this.bytes.array(), this.bytes.position(), this.bytes.remaining());
		if (count < 0) {
			this.endOfInput = true;
		}
		else {
			this.bytes.position(this.bytes.position() + count);
		}
		this.bytes.flip();
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	private static byte[] allBytes() {
		byte[] all = new byte[256];
		for (int i = 0; i < all.length; i++) {
			all[i] = (byte) i;
		}
		return all;
	}

}
