package de.schulhaus.accounts.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import de.schulhaus.accounts.GroupKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class CsvRosterReaderTests {

	private final TableRosterReader reader = new TableRosterReader();

	@Test
	void readsWindows1252SampleWithUmlautsAndKinds() {
		RosterFile roster = read(RosterSamples.ROSTER_CSV.getBytes(RosterSamples.WINDOWS_1252), "schueler.csv");

		assertSampleRoster(roster);
	}

	@Test
	void readsTheWindows1252SampleFile() throws IOException {
		assertSampleRoster(read(RosterSamples.resource(RosterSamples.CSV_SAMPLE_FILE), "roster-sample-windows1252.csv"));
	}

	@Test
	void readsUtf8WithBom() {
		assertSampleRoster(read(RosterSamples.utf8WithBom(RosterSamples.ROSTER_CSV), "export.csv"));
	}

	@Test
	void readsUtf8WithCommaDelimiterAndQuotes() {
		String csv = RosterSamples.ROSTER_CSV.replace(';', ',').replace("Schäfer", "\"Schäfer\"");

		assertSampleRoster(read(csv.getBytes(StandardCharsets.UTF_8), "export.txt"));
	}

	@Test
	void readsTabSeparatedUtf16FromExcelUnicodeText() {
		byte[] text = ("\uFEFF" + RosterSamples.ROSTER_CSV.replace(';', '\t')).getBytes(StandardCharsets.UTF_16LE);

		assertSampleRoster(read(text, "export.txt"));
	}

	@Test
	void readsWithoutFileName() {
		assertSampleRoster(read(RosterSamples.ROSTER_CSV.getBytes(RosterSamples.WINDOWS_1252), null));
	}

	@Test
	void readsValuesThatContainTheDelimiterWhenQuoted() {
		String csv = "Quell-Id;Nachname;Vorname;Kontotyp\n1;\"Meier; geb. Schmidt\";\"Anna \"\"Anni\"\"\";Lehrerin\n";

		RosterFile roster = read(csv.getBytes(StandardCharsets.UTF_8), "a.csv");

		assertThat(roster.errors()).isEmpty();
		assertThat(roster.persons()).containsExactly(
				new RosterPerson(2, "1", "Anna \"Anni\"", "Meier; geb. Schmidt", PersonKind.TEACHER));
	}

	@Test
	void refusesFileWithoutRequiredColumn() {
		String csv = "Quell-Id;Nachname;Vorname;Klasse\n1;A;B;5a\n";

		assertFormatError(csv, "import.error.missingColumn", "Kontotyp");
	}

	@Test
	void refusesEmptyFileAndFileWithBlankLinesOnly() {
		assertFormatError("", "import.error.noHeader");
		assertFormatError("\r\n\r\n ; ;\r\n", "import.error.noHeader");
	}

	@Test
	void refusesUnclosedQuote() {
		String csv = "Quell-Id;Nachname;Vorname;Kontotyp\n1;\"Meier;Anna;Lehrkraft\n2;B;C;Lehrkraft\n";

		assertFormatError(csv, "import.error.csvBroken", 2L);
	}

	@Test
	void reportsDuplicateSourceIdAndKeepsTheFirstRow() {
		String csv = "Quell-Id;Nachname;Vorname;Kontotyp\nS-1;Erste;Anna;SuS\nS-2;Zweite;Ben;SuS\nS-1;Dritte;Cem;SuS\n";

		RosterFile roster = read(csv.getBytes(StandardCharsets.UTF_8), "a.csv");

		assertThat(roster.persons()).extracting(RosterPerson::lastName).containsExactly("Erste", "Zweite");
		assertThat(roster.errors())
			.containsExactly(new RowError(4, "S-1", "import.error.duplicateSourceId", List.of(2)));
	}

	@Test
	void reportsUnknownKindWithTheValue() {
		String csv = "Quell-Id;Nachname;Vorname;Kontotyp\nS-1;Muster;Max;Hausmeister\nS-2;Muster;Mia; schülerin \n";

		RosterFile roster = read(csv.getBytes(StandardCharsets.UTF_8), "a.csv");

		assertThat(roster.persons()).extracting(RosterPerson::sourceId, RosterPerson::kind)
			.containsExactly(tuple("S-2", PersonKind.PUPIL));
		assertThat(roster.errors())
			.containsExactly(new RowError(2, "S-1", "import.error.unknownKind", List.of("Hausmeister")));
	}

	@Test
	void reportsEveryProblemOfARowAndContinues() {
		String csv = String.join("\r\n", "Quell-Id;Nachname;Vorname;Klasse;Kontotyp", ";Muster;Max;;Lehrer",
				"S-2;;Mia;;Lehrer", "S-3;Muster;Mia;5a", "", "S-4;Muster\u0007;Mia;;Lehrer",
				"S-5;" + "x".repeat(101) + ";Mia;;Lehrer", "S-6;Muster;;;Quatsch", "S-7;Muster;Mia;;",
				"S-8;Ok;Olga;;extern;;", "S-9;Muster;Mia;;Lehrer;zu viel");

		RosterFile roster = read(csv.getBytes(StandardCharsets.UTF_8), "a.csv");

		assertThat(roster.persons()).extracting(RosterPerson::sourceId, RosterPerson::row)
			.containsExactly(tuple("S-8", 10));
		assertThat(roster.errors()).extracting(RowError::row, RowError::sourceId, RowError::messageKey)
			.containsExactly(tuple(2, null, "import.error.missingSourceId"),
					tuple(3, "S-2", "import.error.missingName"), tuple(4, "S-3", "import.error.fieldCount"),
					tuple(6, "S-4", "import.error.invalidName"), tuple(7, "S-5", "import.error.invalidName"),
					tuple(8, "S-6", "import.error.missingName"), tuple(8, "S-6", "import.error.unknownKind"),
					tuple(9, "S-7", "import.error.missingKind"), tuple(11, "S-9", "import.error.fieldCount"));
		assertThat(roster.errors().get(2).args()).containsExactly(5, 4);
	}

	@Test
	void makesGroupsAndMembershipsFromTheGroupColumn() {
		String csv = String.join("\n", "ID;Name;Vorname;Klasse/Gruppe;Rolle", "S-1;A;Anna;5a|Mathe-LK;Schülerin",
				"S-2;B;Ben; 5a , Chor ;Schüler", "L-1;C;Cleo;5a|5b;Lehrkraft", "P-1;D;Dora;Sekretariat;Personal",
				"L-2;E;Emil;Chor;Lehrer");

		RosterFile roster = read(csv.getBytes(StandardCharsets.UTF_8), "a.csv");

		assertThat(roster.errors()).isEmpty();
		assertThat(roster.groups()).containsExactly(new RosterGroup("5a", "5a", GroupKind.CLASS, null),
				new RosterGroup("Mathe-LK", "Mathe-LK", GroupKind.COURSE, null),
				new RosterGroup("Chor", "Chor", GroupKind.COURSE, null),
				new RosterGroup("5b", "5b", GroupKind.CLASS, null),
				new RosterGroup("Sekretariat", "Sekretariat", GroupKind.STAFF, null));
		assertThat(roster.memberships()).containsExactly(new RosterMembership("5a", "S-1", false),
				new RosterMembership("Mathe-LK", "S-1", false), new RosterMembership("5a", "S-2", false),
				new RosterMembership("Chor", "S-2", false), new RosterMembership("5a", "L-1", true),
				new RosterMembership("5b", "L-1", true), new RosterMembership("Sekretariat", "P-1", false),
				new RosterMembership("Chor", "L-2", true));
	}

	@Test
	void commaInGroupCellIsPartOfTheValueWhenCommaIsTheDelimiter() {
		String csv = "Quell-Id,Nachname,Vorname,Klasse,Kontotyp\nS-1,A,Anna,\"5a,Chor\",pupil\n";

		RosterFile roster = read(csv.getBytes(StandardCharsets.UTF_8), "a.csv");

		assertThat(roster.groups()).extracting(RosterGroup::name).containsExactly("5a,Chor");
	}

	@Test
	void usesAGivenMapping() {
		String csv = "Schüler-Nr;Familie;Rufname;Art;Lerngruppe\n17;Muster;Max;Schueler*in;7c\n";
		ColumnMapping mapping = new ColumnMapping("Schüler-Nr", "Familie", "Rufname", "Lerngruppe", "Art");

		RosterFile roster = this.reader.read(RosterSamples.stream(csv, StandardCharsets.UTF_8), "a.csv", mapping);

		assertThat(roster.persons()).containsExactly(new RosterPerson(2, "17", "Max", "Muster", PersonKind.PUPIL));
		assertThat(roster.memberships()).containsExactly(new RosterMembership("7c", "17", false));
	}

	@Test
	void refusesAGivenMappingThatNamesAMissingColumn() {
		ColumnMapping mapping = new ColumnMapping("Quell-Id", "Nachname", "Vorname", null, "Art");

		assertThatThrownBy(() -> this.reader.read(RosterSamples.stream(RosterSamples.ROSTER_CSV, StandardCharsets.UTF_8),
				"a.csv", mapping))
			.isInstanceOfSatisfying(RosterFormatException.class, (ex) -> {
				assertThat(ex.messageKey()).isEqualTo("import.error.missingColumn");
				assertThat(ex.args()).containsExactly("Art");
			});
	}

	@Test
	void previewShowsHeaderFirstRowsAndDetectedMapping() {
		StringBuilder csv = new StringBuilder("Quell-Id;Nachname;Vorname;Bemerkung\n");
		for (int i = 1; i <= 8; i++) {
			csv.append("S-").append(i).append(";Muster;Max\n");
		}

		TablePreview preview = this.reader.preview(RosterSamples.stream(csv.toString(), StandardCharsets.UTF_8),
				"a.csv");

		assertThat(preview.headers()).containsExactly("Quell-Id", "Nachname", "Vorname", "Bemerkung");
		assertThat(preview.rows()).hasSize(5).first().isEqualTo(List.of("S-1", "Muster", "Max", ""));
		assertThat(preview.mapping()).isEqualTo(new ColumnMapping("Quell-Id", "Nachname", "Vorname", null, null));
	}

	@Test
	void readsFiftyThousandRows() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write("Quell-Id;Nachname;Vorname;Klasse;Kontotyp\r\n".getBytes(RosterSamples.WINDOWS_1252));
		for (int i = 0; i < 50_000; i++) {
			String row = "S-" + i + ";Schäfer-" + i + ";Jörg;" + (5 + i % 8) + "abc".charAt(i % 3) + ";Schüler*in\r\n";
			out.write(row.getBytes(RosterSamples.WINDOWS_1252));
		}

		RosterFile roster = read(out.toByteArray(), "gross.csv");

		assertThat(roster.errors()).isEmpty();
		assertThat(roster.persons()).hasSize(50_000);
		assertThat(roster.persons().get(49_999))
			.isEqualTo(new RosterPerson(50_001, "S-49999", "Jörg", "Schäfer-49999", PersonKind.PUPIL));
		assertThat(roster.groups()).hasSize(24);
		assertThat(roster.memberships()).hasSize(50_000);
	}

	@Test
	void readsWindows1252BytesAfterAUtf8LookingStart() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write("Quell-Id;Nachname;Vorname;Kontotyp\n".getBytes(StandardCharsets.UTF_8));
		for (int i = 0; i < 5_000; i++) {
			out.write(("S-" + i + ";Muster;Max;Lehrkraft\n").getBytes(StandardCharsets.UTF_8));
		}
		out.write("X-1;Müller;Jörg;Lehrkraft\n".getBytes(StandardCharsets.UTF_8));
		out.write("X-2;Weiß;Änne;Lehrkraft\n".getBytes(RosterSamples.WINDOWS_1252));

		RosterFile roster = read(out.toByteArray(), "gemischt.csv");

		assertThat(roster.errors()).isEmpty();
		assertThat(roster.persons()).hasSize(5_002);
		assertThat(roster.persons().subList(5_000, 5_002)).extracting(RosterPerson::lastName, RosterPerson::firstName)
			.containsExactly(tuple("Müller", "Jörg"), tuple("Weiß", "Änne"));
	}

	@Test
	void refusesOldExcelFiles() {
		byte[] ole2 = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 };

		assertThatThrownBy(() -> read(ole2, "liste.xls")).isInstanceOfSatisfying(RosterFormatException.class,
				(ex) -> assertThat(ex.messageKey()).isEqualTo("import.error.unsupportedFormat"));
	}

	static void assertSampleRoster(RosterFile roster) {
		assertThat(roster.source()).isEqualTo(RosterSource.CSV);
		assertThat(roster.errors()).isEmpty();
		assertThat(roster.persons()).containsExactly(
				new RosterPerson(2, "S-200001", "Jörg", "Schäfer", PersonKind.PUPIL),
				new RosterPerson(3, "S-200002", "Änne", "Weiß", PersonKind.PUPIL),
				new RosterPerson(4, "L-3001", "Björn", "Krüger", PersonKind.TEACHER),
				new RosterPerson(5, "P-0007", "Renée", "Kühn", PersonKind.STAFF));
		assertThat(roster.groups()).containsExactly(new RosterGroup("07B", "07B", GroupKind.CLASS, null));
		assertThat(roster.memberships()).containsExactly(new RosterMembership("07B", "S-200001", false),
				new RosterMembership("07B", "S-200002", false));
	}

	private RosterFile read(byte[] bytes, String filename) {
		try (InputStream in = RosterSamples.stream(bytes)) {
			return this.reader.read(in, filename, null);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void assertFormatError(String csv, String key, Object... args) {
		assertThatThrownBy(() -> read(csv.getBytes(StandardCharsets.UTF_8), "a.csv"))
			.isInstanceOfSatisfying(RosterFormatException.class, (ex) -> {
				assertThat(ex.messageKey()).isEqualTo(key);
				assertThat(ex.args()).containsExactly(args);
			});
	}

}
