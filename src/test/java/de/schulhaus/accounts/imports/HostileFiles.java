package de.schulhaus.accounts.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hostile roster files for tests, built on the fly: small on disk, huge once unpacked or read. Content is streamed
 * through the compressor, never held in memory.
 */
final class HostileFiles {

	static final long GIGABYTE = 1L << 30;

	private HostileFiles() {
	}

	/** A stream of {@code count} copies of {@code fill}, between a head and a tail, made up as it is read. */
	static InputStream repeated(String head, byte fill, long count, String tail) {
		return new SequenceInputStream(java.util.Collections.enumeration(List.of(
				new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)), new Repeated(fill, count),
				new ByteArrayInputStream(tail.getBytes(StandardCharsets.UTF_8)))));
	}

	/** A CSV roster with a header and {@code rows} pupils, S-1 to S-n, made up as it is read (34 MB a million). */
	static InputStream csvRows(long rows) {
		return csv(rows, (row) -> "S-" + row + ";N" + row + ";V;5a;Schüler*in\n");
	}

	/** A CSV roster with a header and {@code rows} rows made by {@code line}, made up as it is read. */
	static InputStream csv(long rows, LongFunction<String> line) {
		return new SequenceInputStream(java.util.Collections.enumeration(List.of(
				new ByteArrayInputStream("Quell-Id;Nachname;Vorname;Klasse;Kontotyp\n".getBytes(StandardCharsets.UTF_8)),
				new Rows(rows, line))));
	}

	/** Writes a ZIP whose entries come from the given streams, in order; returns its path. */
	static Path zip(Path file, Entry... entries) throws IOException {
		try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.setLevel(Deflater.BEST_COMPRESSION);
			for (Entry entry : entries) {
				zip.putNextEntry(new ZipEntry(entry.name()));
				try (InputStream content = entry.content()) {
					content.transferTo(zip);
				}
				zip.closeEntry();
			}
		}
		return file;
	}

	static Entry entry(String name, String content) {
		return new Entry(name, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
	}

	static Entry entry(String name, InputStream content) {
		return new Entry(name, content);
	}

	/** An XLSX file whose only sheet is {@code sheet}; the package parts are the minimum Excel needs. */
	static Path xlsx(Path file, InputStream sheet) throws IOException {
		String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
		String rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
		String packageRels = "http://schemas.openxmlformats.org/package/2006/relationships";
		return zip(file,
				entry("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
						+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
						+ "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
						+ "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
						+ "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
						+ "</Types>"),
				entry("_rels/.rels", "<Relationships xmlns=\"" + packageRels + "\"><Relationship Id=\"rId1\" Type=\"" + rels
						+ "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
				entry("xl/workbook.xml", "<workbook xmlns=\"" + main + "\" xmlns:r=\"" + rels + "\"><sheets>"
						+ "<sheet name=\"Tabelle1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
				entry("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" + packageRels + "\"><Relationship Id=\"rId1\" Type=\""
						+ rels + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
				entry("xl/worksheets/sheet1.xml", sheet));
	}

	/** An ODS file whose {@code content.xml} is {@code content}. */
	static Path ods(Path file, InputStream content) throws IOException {
		return zip(file, entry("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), entry("content.xml", content));
	}

	/** The opening of an ODS {@code content.xml} up to the first table; close with {@link #ODS_TAIL}. */
	static final String ODS_HEAD = "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
			+ " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
			+ " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>"
			+ "<table:table table:name=\"T\">";

	static final String ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>";

	static final String SHEET_HEAD = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";

	static final String SHEET_TAIL = "</sheetData></worksheet>";

	/** One XLSX row of inline strings. */
	static String sheetRow(int number, String... cells) {
		StringBuilder row = new StringBuilder("<row r=\"" + number + "\">");
		for (int c = 0; c < cells.length; c++) {
			row.append("<c r=\"").append((char) ('A' + c)).append(number).append("\" t=\"inlineStr\"><is><t>")
				.append(cells[c]).append("</t></is></c>");
		}
		return row.append("</row>").toString();
	}

	/** One ODS row of text cells. */
	static String odsRow(String... cells) {
		StringBuilder row = new StringBuilder("<table:table-row>");
		for (String cell : cells) {
			row.append("<table:table-cell><text:p>").append(cell).append("</text:p></table:table-cell>");
		}
		return row.append("</table:table-row>").toString();
	}

	record Entry(String name, InputStream content) {
	}

	private static final class Rows extends InputStream {

		private final long rows;

		private final LongFunction<String> text;

		private long row;

		private byte[] line = new byte[0];

		private int position;

		Rows(long rows, LongFunction<String> text) {
			this.rows = rows;
			this.text = text;
		}

		@Override
		public int read() {
			if (this.position == this.line.length) {
				if (this.row == this.rows) {
					return -1;
				}
				this.row++;
				this.line = this.text.apply(this.row).getBytes(StandardCharsets.UTF_8);
				this.position = 0;
			}
			return this.line[this.position++] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			int n = 0;
			while (n < length) {
				int b = read();
				if (b < 0) {
					return (n == 0) ? -1 : n;
				}
				buffer[offset + n++] = (byte) b;
			}
			return n;
		}

	}

	private static final class Repeated extends InputStream {

		private final byte fill;

		private long left;

		Repeated(byte fill, long count) {
			this.fill = fill;
			this.left = count;
		}

		@Override
		public int read() {
			if (this.left <= 0) {
				return -1;
			}
			this.left--;
			return this.fill & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.left <= 0) {
				return -1;
			}
			int n = (int) Math.min(length, this.left);
			Arrays.fill(buffer, offset, offset + n, this.fill);
			this.left -= n;
			return n;
		}

	}

}
