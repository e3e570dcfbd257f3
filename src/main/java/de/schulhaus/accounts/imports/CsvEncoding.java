package de.schulhaus.accounts.imports;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The encodings CSV files from German schools come in: Excel writes Windows-1252 ("CSV (Trennzeichen-getrennt)"),
 * UTF-8 with BOM ("CSV UTF-8") or UTF-16 ("Unicode-Text"); LibreOffice and scripts write UTF-8 without BOM.
 */
enum CsvEncoding {

	UTF8_BOM(StandardCharsets.UTF_8, 3), UTF16_LE_BOM(StandardCharsets.UTF_16LE, 2),
	UTF16_BE_BOM(StandardCharsets.UTF_16BE, 2), UTF8(StandardCharsets.UTF_8, 0),
	WINDOWS_1252(Charset.forName("windows-1252"), 0);

	private final Charset charset;

	private final int bomLength;

	CsvEncoding(Charset charset, int bomLength) {
		this.charset = charset;
		this.bomLength = bomLength;
	}

	/** Picks the encoding from the first bytes of a file. */
	static CsvEncoding detect(byte[] sample) {
		if (startsWith(sample, 0xEF, 0xBB, 0xBF)) {
			return UTF8_BOM;
		}
		if (startsWith(sample, 0xFF, 0xFE)) {
			return UTF16_LE_BOM;
		}
		if (startsWith(sample, 0xFE, 0xFF)) {
			return UTF16_BE_BOM;
		}
		return isUtf8(sample) ? UTF8 : WINDOWS_1252;
	}

	/** Decodes the sample for delimiter detection, without the BOM. */
	String decode(byte[] sample) {
		return new String(sample, this.bomLength, sample.length - this.bomLength, this.charset);
	}

	/**
	 * A reader for the whole file; the stream must stand at its first byte. Without a BOM, UTF-8 is only a guess
	 * from the first kilobytes, so bytes that are not UTF-8 further down are read as Windows-1252 instead of
	 * failing or turning umlauts into replacement characters.
	 */
	Reader reader(InputStream in) throws java.io.IOException {
		in.skipNBytes(this.bomLength);
		if (this == UTF8) {
			return new LenientUtf8Reader(in);
		}
		return new InputStreamReader(in, this.charset);
	}

	// The sample may end in the middle of a multi-byte character, so decoding is not told the input has ended.
	private static boolean isUtf8(byte[] sample) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		CharBuffer out = CharBuffer.allocate(sample.length + 1);
		return !decoder.decode(ByteBuffer.wrap(sample), out, false).isError();
	}

	private static boolean startsWith(byte[] sample, int... prefix) {
		if (sample.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((sample[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
