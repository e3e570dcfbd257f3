package de.schulhaus.accounts.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Picks the reader for a table file. The content decides where it is clear, because users rename files
 * ("liste.csv" that is really an Excel file); the file name decides the rest.
 */
final class TableFormat {

	private static final int PEEK = 128;

	private static final byte[] OLE2 = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0 };

	private TableFormat() {
	}

	static TableRows open(InputStream input, String filename, ImportLimits limits) throws IOException {
		BufferedInputStream in = new BufferedInputStream(input, CsvTableRows.SAMPLE_SIZE);
		in.mark(PEEK);
		byte[] start = in.readNBytes(PEEK);
		in.reset();
		String extension = extension(filename);
		if (startsWith(start, OLE2) || extension.equals("xls")) {
			// old Excel files, and Excel files saved with a password, are OLE2 containers
			throw new RosterFormatException("import.error.unsupportedFormat");
		}
		if (SchildZip.startsWithZipMagic(in)) {
			return isOds(start, extension) ? new OdsTableRows(in, limits) : new XlsxTableRows(in, limits);
		}
		if (extension.equals("xlsx") || extension.equals("ods")) {
			throw new RosterFormatException("import.error.unreadableFile");
		}
		return new CsvTableRows(in, limits.maxFieldLength());
	}

	/**
	 * ODS files should start with a "mimetype" entry, but not every writer puts it first (SODS starts with the
	 * manifest), so the name of the first entry decides; XLSX files start with "[Content_Types].xml" or a folder
	 * of the OOXML package. Anything else goes by the file name.
	 */
	private static boolean isOds(byte[] start, String extension) {
		String first = firstEntryName(start);
		if (first.equals("mimetype") || first.startsWith("META-INF/") || first.equals("content.xml")) {
			return true;
		}
		if (first.equals("[Content_Types].xml") || first.startsWith("_rels/") || first.startsWith("docProps/")
				|| first.startsWith("xl/")) {
			return false;
		}
		return extension.equals("ods");
	}

	// A ZIP local file header has the name length at offset 26 and the name at offset 30.
	private static String firstEntryName(byte[] start) {
		if (start.length < 30) {
			return "";
		}
		int length = (start[26] & 0xFF) | ((start[27] & 0xFF) << 8);
		int end = Math.min(start.length, 30 + length);
		return new String(start, 30, end - 30, StandardCharsets.ISO_8859_1);
	}

	private static String extension(String filename) {
		if (filename == null) {
			return "";
		}
		int dot = filename.lastIndexOf('.');
		return (dot >= 0) ? filename.substring(dot + 1).strip().toLowerCase(Locale.ROOT) : "";
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
	}

}
