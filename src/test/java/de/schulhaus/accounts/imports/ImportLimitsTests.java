package de.schulhaus.accounts.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The readers within the limits of one roster file: hostile files are built on the fly, small on disk and huge
 * once unpacked, and must be refused while they are read, with the message an admin sees.
 */
class ImportLimitsTests {

	private static final String HEADER = "Quell-Id;Nachname;Vorname;Klasse;Kontotyp\n";

	/** Letters in no order a compressor finds: an XLSX would otherwise be refused as packed too densely. */
	private static final String ONE_MEGABYTE = randomLetters(1 << 20);

	@TempDir
	Path temp;

	@Test
	void defaultsAreTheOnesOfTheSecurityIssue() {
		ImportLimits limits = ImportLimits.defaults();

		assertThat(limits.maxUpload()).isEqualTo(DataSize.ofMegabytes(20));
		assertThat(limits.maxUnpacked()).isEqualTo(DataSize.ofMegabytes(200));
		assertThat(limits.maxPersons()).isEqualTo(100_000);
		assertThat(limits.maxListedErrors()).isEqualTo(1_000);
		assertThat(limits.maxFieldLength()).isEqualTo(200);
		assertThat(limits.uploadSizeText()).isEqualTo("20 MB");
	}

	@Test
	void aCsvFieldOfOneMegabyteIsAnErrorOfItsRowOnly() {
		String csv = HEADER + "S-1;Muster;Max;5a;Schüler*in\nS-2;" + ONE_MEGABYTE + ";Mia;5a;Schüler*in\n"
				+ "S-3;Muster;Moritz;5a;Schüler*in\n";

		RosterFile roster = new TableRosterReader().read(RosterSamples.stream(csv, StandardCharsets.UTF_8), "a.csv", null);

		assertThat(roster.persons()).extracting(RosterPerson::sourceId).containsExactly("S-1", "S-3");
		assertThat(roster.errors()).containsExactly(RowError.of(3, "S-2", "import.error.fieldTooLong", 200));
	}

	@Test
	void aCsvWithMillionsOfRowsIsRefusedAtThePersonLimit() {
		assertLimit(() -> new TableRosterReader().read(HostileFiles.csvRows(2_000_000), "a.csv", null),
				"import.error.tooManyPersons");
		assertLimit(() -> new TableRosterReader().check(HostileFiles.csvRows(2_000_000), "a.csv"),
				"import.error.tooManyPersons");
	}

	@Test
	void rowErrorsBeyondTheListedOnesAreOnlyCounted() {
		InputStream csv = HostileFiles.csv(1_500, (row) -> "S-" + row + ";N;V;5a;Roboter\n");

		RosterFile roster = new TableRosterReader().read(csv, "a.csv", null);

		assertThat(roster.errors()).hasSize(1_000);
		assertThat(roster.errorCount()).isEqualTo(1_500);
		assertThat(roster.errors().get(999).row()).isEqualTo(1_001);
	}

	@Test
	void aSchildZipWithAGigabyteOfZerosIsRefusedWhileUnpacking() throws IOException {
		Path zip = HostileFiles.zip(this.temp.resolve("bomb.zip"),
				HostileFiles.entry("bomb.bin", HostileFiles.repeated("", (byte) 0, HostileFiles.GIGABYTE, "")),
				HostileFiles.entry("export.xml", RosterSamples.SCHILD_XML));
		assertThat(Files.size(zip)).isLessThan(2 << 20);

		assertLimit(() -> new SchildXmlReader().read(SchildZip.openXml(Files.newInputStream(zip), null)),
				"import.error.unpackedTooLarge");
	}

	@Test
	void aSchildExportOfAGigabyteIsRefusedWhileUnpacking() throws IOException {
		Path zip = HostileFiles.zip(this.temp.resolve("bomb.zip"), HostileFiles.entry("export.xml",
				HostileFiles.repeated("<enterprise>", (byte) ' ', HostileFiles.GIGABYTE, "</enterprise>")));

		assertLimit(() -> new SchildXmlReader().read(SchildZip.openXml(Files.newInputStream(zip), null)),
				"import.error.unpackedTooLarge");
	}

	@Test
	void anXlsxWhoseSheetIsAGigabyteIsRefusedByPoisRatioCheck() throws IOException {
		Path xlsx = HostileFiles.xlsx(this.temp.resolve("bomb.xlsx"),
				HostileFiles.repeated(HostileFiles.SHEET_HEAD, (byte) ' ', HostileFiles.GIGABYTE, HostileFiles.SHEET_TAIL));
		assertThat(Files.size(xlsx)).isLessThan(2 << 20);

		assertLimit(() -> new TableRosterReader().read(Files.newInputStream(xlsx), "a.xlsx", null),
				"import.error.packedTooDensely");
	}

	@Test
	void anXlsxSheetBeyondTheUnpackedLimitIsRefusedAtAnOrdinaryRatio() throws IOException {
		StringBuilder sheet = new StringBuilder(HostileFiles.SHEET_HEAD)
			.append(HostileFiles.sheetRow(1, "Quell-Id", "Nachname", "Vorname", "Kontotyp"));
		for (int r = 2; sheet.length() < 3 << 20; r++) {
			sheet.append(HostileFiles.sheetRow(r, "S-" + r, "N" + (r * 7919 % 10007), "V" + r % 97, "Lehrkraft"));
		}
		Path xlsx = HostileFiles.xlsx(this.temp.resolve("big.xlsx"),
				RosterSamples.stream(sheet.append(HostileFiles.SHEET_TAIL).toString(), StandardCharsets.UTF_8));
		ImportLimits oneMegabyte = new ImportLimits(null, DataSize.ofMegabytes(1), 0, 0, 0);

		assertLimit(() -> new TableRosterReader(oneMegabyte).read(Files.newInputStream(xlsx), "a.xlsx", null),
				"import.error.unpackedTooLarge");
		assertThat(new TableRosterReader().read(Files.newInputStream(xlsx), "a.xlsx", null).persons()).hasSizeGreaterThan(10_000);
	}

	@Test
	void anOdsWhoseContentIsAGigabyteIsRefused() throws IOException {
		Path ods = HostileFiles.ods(this.temp.resolve("bomb.ods"),
				HostileFiles.repeated(HostileFiles.ODS_HEAD, (byte) ' ', HostileFiles.GIGABYTE, HostileFiles.ODS_TAIL));

		assertLimit(() -> new TableRosterReader().read(Files.newInputStream(ods), "a.ods", null),
				"import.error.unpackedTooLarge");
	}

	@Test
	void spreadsheetCellsOfOneMegabyteAreErrorsOfTheirRow() throws IOException {
		String[] header = { "Quell-Id", "Nachname", "Vorname", "Kontotyp" };
		String[] good = { "S-1", "Muster", "Max", "Lehrkraft" };
		String[] bad = { "S-2", ONE_MEGABYTE, "Mia", "Lehrkraft" };
		Path xlsx = HostileFiles.xlsx(this.temp.resolve("cell.xlsx"), RosterSamples.stream(HostileFiles.SHEET_HEAD
				+ HostileFiles.sheetRow(1, header) + HostileFiles.sheetRow(2, good) + HostileFiles.sheetRow(3, bad)
				+ HostileFiles.SHEET_TAIL, StandardCharsets.UTF_8));
		Path ods = HostileFiles.ods(this.temp.resolve("cell.ods"), RosterSamples.stream(HostileFiles.ODS_HEAD
				+ HostileFiles.odsRow(header) + HostileFiles.odsRow(good) + HostileFiles.odsRow(bad) + HostileFiles.ODS_TAIL,
				StandardCharsets.UTF_8));

		for (Path file : new Path[] { xlsx, ods }) {
			RosterFile roster = new TableRosterReader().read(Files.newInputStream(file), file.toString(), null);

			assertThat(roster.persons()).extracting(RosterPerson::sourceId).containsExactly("S-1");
			assertThat(roster.errors()).containsExactly(RowError.of(3, "S-2", "import.error.fieldTooLong", 200));
		}
	}

	@Test
	void aSchildNameOfOneMegabyteIsAnErrorOfItsPersonOnly() {
		String xml = RosterSamples.SCHILD_XML.replace("<family>Łukasik</family>", "<family>" + ONE_MEGABYTE + "</family>");

		RosterFile roster = new SchildXmlReader().read(RosterSamples.stream(xml, StandardCharsets.UTF_8));

		assertThat(roster.persons()).hasSize(7);
		assertThat(roster.errors()).containsExactly(RowError.of(6, "S-100234", "import.error.fieldTooLong", 200));
	}

	@Test
	void aSchildExportWithMorePersonsThanAllowedIsRefused() {
		ImportLimits fivePersons = new ImportLimits(null, null, 5, 0, 0);

		assertLimit(() -> new SchildXmlReader(fivePersons).read(RosterSamples.schildXml()), "import.error.tooManyPersons");
		assertThat(new SchildXmlReader(new ImportLimits(null, null, 8, 0, 0)).read(RosterSamples.schildXml()).persons())
			.hasSize(8);
	}

	private static String randomLetters(int length) {
		java.util.Random random = new java.util.Random(42);
		char[] letters = new char[length];
		for (int i = 0; i < length; i++) {
			letters[i] = (char) ('a' + random.nextInt(26));
		}
		return new String(letters);
	}

	private static void assertLimit(org.assertj.core.api.ThrowableAssert.ThrowingCallable reading, String key) {
		assertThatThrownBy(reading).isInstanceOfSatisfying(ImportLimitException.class,
				(ex) -> assertThat(ex.messageKey()).isEqualTo(key));
	}

}
