package de.schulhaus.accounts.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.github.miachm.sods.Range;
import com.github.miachm.sods.SpreadSheet;
import de.schulhaus.accounts.GroupKind;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpreadsheetRosterReaderTests {

	/** The CSV sample as cells; the Quell-Id of the teacher is a number, as Excel stores typed ids. */
	private static final Object[][] SAMPLE = {
			{ "Quell-Id", "Nachname", "Vorname", "Klasse", "Kontotyp" },
			{ "S-200001", "Schäfer", "Jörg", "07B", "Schüler*in" },
			{ "S-200002", "Weiß", "Änne", "07B", "Schüler*in" },
			{ "L-3001", "Krüger", "Björn", null, "Lehrkraft" },
			{ "P-0007", "Kühn", "Renée", null, "Personal" },
			{ 4711.0, "Nummer", "Nina", null, "Lehrkraft" } };

	private final TableRosterReader reader = new TableRosterReader();

	@Test
	void readsXlsx() throws IOException {
		RosterFile roster = this.reader.read(RosterSamples.stream(xlsx(SAMPLE)), "schueler.xlsx", null);

		assertSample(roster);
	}

	@Test
	void readsOds() throws IOException {
		RosterFile roster = this.reader.read(RosterSamples.stream(ods(SAMPLE)), "schueler.ods", null);

		assertSample(roster);
	}

	@Test
	void recognisesSpreadsheetsByContentWhateverTheirName() throws IOException {
		assertSample(this.reader.read(RosterSamples.stream(xlsx(SAMPLE)), "schueler.csv", null));
		assertSample(this.reader.read(RosterSamples.stream(ods(SAMPLE)), null, null));
	}

	@Test
	void keepsSpreadsheetRowNumbersAcrossEmptyRowsAndLeadingEmptyRows() throws IOException {
		Object[][] cells = { {}, { "Quell-Id", "Nachname", "Vorname", "Kontotyp" }, {},
				{ "A-1", "Muster", "Max", "Lehrer" }, { "A-1", "Muster", "Moritz", "Lehrer" } };

		for (byte[] file : List.of(xlsx(cells), ods(cells))) {
			RosterFile roster = this.reader.read(RosterSamples.stream(file), "x", null);

			assertThat(roster.persons()).containsExactly(new RosterPerson(4, "A-1", "Max", "Muster", PersonKind.TEACHER));
			assertThat(roster.errors())
				.containsExactly(new RowError(5, "A-1", "import.error.duplicateSourceId", List.of(4)));
		}
	}

	@Test
	void previewsXlsxAndOds() throws IOException {
		for (byte[] file : List.of(xlsx(SAMPLE), ods(SAMPLE))) {
			TablePreview preview = this.reader.preview(RosterSamples.stream(file), "schueler");

			assertThat(preview.headers()).containsExactly("Quell-Id", "Nachname", "Vorname", "Klasse", "Kontotyp");
			assertThat(preview.rows()).hasSize(5);
			assertThat(preview.rows().get(2)).containsExactly("L-3001", "Krüger", "Björn", "", "Lehrkraft");
			assertThat(preview.mapping())
				.isEqualTo(new ColumnMapping("Quell-Id", "Nachname", "Vorname", "Klasse", "Kontotyp"));
		}
	}

	@Test
	void refusesBrokenSpreadsheets() {
		byte[] notAWorkbook = { 'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0 };

		for (String name : List.of("kaputt.xlsx", "kaputt.ods")) {
			assertThatThrownBy(() -> this.reader.read(RosterSamples.stream(notAWorkbook), name, null))
				.isInstanceOfSatisfying(RosterFormatException.class,
						(ex) -> assertThat(ex.messageKey()).isEqualTo("import.error.unreadableFile"));
		}
	}

	@Test
	void readsLibreOfficeStyleOdsWithRepeatedAndFormattedCells() throws IOException {
		String rows = row("<table:table-cell office:value-type=\"string\"><text:p>Quell-Id</text:p></table:table-cell>"
				+ cell("Nachname") + cell("Vorname") + cell("Klasse") + cell("Kontotyp") + STYLED_EMPTY_CELLS)
				+ "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
				+ row("<table:table-cell office:value-type=\"float\" office:value=\"4711\"><text:p>4.711</text:p></table:table-cell>"
						+ "<table:table-cell office:value-type=\"string\"><office:annotation><text:p>Kommentar</text:p></office:annotation>"
						+ "<text:p>von<text:s/>der<text:s text:c=\"1\"/>Heide</text:p></table:table-cell>"
						+ "<table:table-cell office:value-type=\"string\"><text:p><text:span>Lukas</text:span> Ole</text:p></table:table-cell>"
						+ "<table:table-cell table:number-columns-repeated=\"1\"/>" + cell("SuS") + STYLED_EMPTY_CELLS)
				+ "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>";

		RosterFile roster = this.reader.read(RosterSamples.stream(odsContent(rows)), "liste.ods", null);

		assertThat(roster.errors()).isEmpty();
		assertThat(roster.persons())
			.containsExactly(new RosterPerson(4, "4711", "Lukas Ole", "von der Heide", PersonKind.PUPIL));
	}

	@Test
	void readsFiftyThousandRowOds() throws IOException {
		StringBuilder rows = new StringBuilder(row(cell("Quell-Id") + cell("Nachname") + cell("Vorname") + cell("Kontotyp")
				+ STYLED_EMPTY_CELLS));
		for (int i = 0; i < 50_000; i++) {
			rows.append(row(cell("S-" + i) + cell("Müller") + cell("Anna") + cell("Schüler*in") + STYLED_EMPTY_CELLS));
		}

		RosterFile roster = this.reader.read(RosterSamples.stream(odsContent(rows.toString())), "gross.ods", null);

		assertThat(roster.errors()).isEmpty();
		assertThat(roster.persons()).hasSize(50_000);
		assertThat(roster.persons().get(49_999))
			.isEqualTo(new RosterPerson(50_001, "S-49999", "Anna", "Müller", PersonKind.PUPIL));
	}

	@Test
	void readsLargeXlsxWithInlineStrings() throws IOException {
		// fewer rows than the other large tests: building the workbook in the test is what takes the time
		Object[][] cells = new Object[5_001][];
		cells[0] = new Object[] { "Quell-Id", "Nachname", "Vorname", "Kontotyp" };
		for (int i = 0; i < 5_000; i++) {
			cells[i + 1] = new Object[] { "S-" + i, "Müller", "Anna", "Schüler*in" };
		}

		RosterFile roster = this.reader.read(RosterSamples.stream(xlsx(cells)), "gross.xlsx", null);

		assertThat(roster.errors()).isEmpty();
		assertThat(roster.persons()).hasSize(5_000);
		assertThat(roster.persons().get(4_999))
			.isEqualTo(new RosterPerson(5_001, "S-4999", "Anna", "Müller", PersonKind.PUPIL));
	}

	/** LibreOffice ends rows with formatted empty cells when whole columns were formatted. */
	private static final String STYLED_EMPTY_CELLS = "<table:table-cell table:style-name=\"ce1\" table:number-columns-repeated=\"1019\"/>";

	private static String row(String cells) {
		return "<table:table-row table:style-name=\"ro1\">" + cells + "</table:table-row>";
	}

	private static String cell(String text) {
		return "<table:table-cell office:value-type=\"string\"><text:p>" + text + "</text:p></table:table-cell>";
	}

	/** An ODS file like LibreOffice writes it: "mimetype" first and stored, then the content. */
	private static byte[] odsContent(String rows) throws IOException {
		String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content"
				+ " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
				+ " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
				+ " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">"
				+ "<office:body><office:spreadsheet><table:table table:name=\"Tabelle1\">"
				+ "<table:table-column table:number-columns-repeated=\"1024\"/>" + rows
				+ "</table:table><table:table table:name=\"Tabelle2\">" + row(cell("nicht lesen"))
				+ "</table:table></office:spreadsheet></office:body></office:document-content>";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			byte[] mimetype = "application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII);
			ZipEntry entry = new ZipEntry("mimetype");
			entry.setMethod(ZipEntry.STORED);
			entry.setSize(mimetype.length);
			CRC32 crc = new CRC32();
			crc.update(mimetype);
			entry.setCrc(crc.getValue());
			zip.putNextEntry(entry);
			zip.write(mimetype);
			zip.putNextEntry(new ZipEntry("content.xml"));
			zip.write(content.getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

	private static void assertSample(RosterFile roster) {
		assertThat(roster.errors()).isEmpty();
		assertThat(roster.persons()).containsExactly(
				new RosterPerson(2, "S-200001", "Jörg", "Schäfer", PersonKind.PUPIL),
				new RosterPerson(3, "S-200002", "Änne", "Weiß", PersonKind.PUPIL),
				new RosterPerson(4, "L-3001", "Björn", "Krüger", PersonKind.TEACHER),
				new RosterPerson(5, "P-0007", "Renée", "Kühn", PersonKind.STAFF),
				new RosterPerson(6, "4711", "Nina", "Nummer", PersonKind.TEACHER));
		assertThat(roster.groups()).containsExactly(new RosterGroup("07B", "07B", GroupKind.CLASS, null));
		assertThat(roster.memberships()).containsExactly(new RosterMembership("07B", "S-200001", false),
				new RosterMembership("07B", "S-200002", false));
	}

	static byte[] xlsx(Object[][] cells) throws IOException {
		// big files are written with the streaming workbook, which stores inline strings instead of shared ones,
		// so both ways Excel files store text are read
		try (Workbook workbook = (cells.length > 1000) ? new SXSSFWorkbook() : new XSSFWorkbook();
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("Schüler");
			for (int r = 0; r < cells.length; r++) {
				if (cells[r].length == 0) {
					continue;
				}
				Row row = sheet.createRow(r);
				for (int c = 0; c < cells[r].length; c++) {
					Object value = cells[r][c];
					if (value instanceof Double number) {
						row.createCell(c).setCellValue(number);
					}
					else if (value != null) {
						row.createCell(c).setCellValue((String) value);
					}
				}
			}
			workbook.createSheet("Zweites Blatt").createRow(0).createCell(0).setCellValue("wird nicht gelesen");
			workbook.write(out);
			return out.toByteArray();
		}
	}

	static byte[] ods(Object[][] cells) throws IOException {
		int columns = 0;
		for (Object[] row : cells) {
			columns = Math.max(columns, row.length);
		}
		com.github.miachm.sods.Sheet sheet = new com.github.miachm.sods.Sheet("Schüler", cells.length, columns);
		for (int r = 0; r < cells.length; r++) {
			for (int c = 0; c < cells[r].length; c++) {
				Range cell = sheet.getRange(r, c);
				cell.setValue(cells[r][c]);
			}
		}
		SpreadSheet document = new SpreadSheet();
		document.appendSheet(sheet);
		document.appendSheet(new com.github.miachm.sods.Sheet("Zweites Blatt", 1, 1));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		document.save(out);
		return out.toByteArray();
	}

}
