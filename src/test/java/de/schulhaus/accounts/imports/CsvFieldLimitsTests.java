package de.schulhaus.accounts.imports;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the CSV parser gets to see of short and of overlong fields. */
class CsvFieldLimitsTests {

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setDelimiter(';').setIgnoreEmptyLines(false).get();

	@Test
	void changesNothingInFieldsWithinTheLimit() throws IOException {
		String csv = "Quell-Id;Name\r\nS-1;\"Müller; Anna\"\r\nS-2;\"Er sagte \"\"Hallo\"\"\nund ging\"\r\n;\r\n\"\";x\"y\"\n";

		assertThat(parse(new CsvFieldLimits(new StringReader(csv), ';', 200))).isEqualTo(parse(new StringReader(csv)));
	}

	@Test
	void keepsOneCharacterMoreThanTheLimitOfLongerFields() throws IOException {
		String csv = "a".repeat(500) + ";\"" + "b\"\"".repeat(300) + "\"\n\"\";" + "c\n".repeat(2) + "\n";

		List<List<String>> records = parse(new CsvFieldLimits(new StringReader(csv), ';', 10));

		assertThat(records.get(0)).containsExactly("a".repeat(11), "b\"b\"b\"b\"b\"b");
		assertThat(records.get(1)).containsExactly("", "c");
		assertThat(records).hasSize(4);
	}

	@Test
	void aQuoteNeverClosedCostsElevenCharactersNotTheRestOfTheFile() throws IOException {
		Reader hostile = new InputStreamReader(HostileFiles.repeated("Quell-Id;Name\nS-1;\"", (byte) 'x', 50_000_000, ""),
				StandardCharsets.UTF_8);
		CSVParser parser = CSVParser.parse(new CsvFieldLimits(hostile, ';', 10), FORMAT);

		assertThat(parser.iterator().next().values()).containsExactly("Quell-Id", "Name");
		assertThatThrownBy(() -> parser.iterator().next()).hasMessageContaining("EOF");
	}

	@Test
	void refusesRecordsWithMoreThanTheColumnsOfASpreadsheet() throws IOException {
		String wide = "x;".repeat(CsvFieldLimits.MAX_COLUMNS) + "\n";

		assertThatThrownBy(() -> parse(new CsvFieldLimits(new StringReader(wide), ';', 200)))
			.isInstanceOfSatisfying(RosterFormatException.class,
					(ex) -> assertThat(ex.messageKey()).isEqualTo("import.error.tooManyColumns"));
		String quoted = "\"" + ";".repeat(5000) + "\"\n";
		assertThat(parse(new CsvFieldLimits(new StringReader(quoted), ';', 200)).get(0)).hasSize(1);
	}

	private static List<List<String>> parse(Reader in) throws IOException {
		List<List<String>> records = new ArrayList<>();
		try (CSVParser parser = CSVParser.parse(in, FORMAT)) {
			for (CSVRecord record : parser) {
				records.add(List.of(record.values()));
			}
		}
		return records;
	}

}
