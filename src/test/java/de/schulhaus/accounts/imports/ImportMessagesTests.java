package de.schulhaus.accounts.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message key the readers use has a German and an English text. */
class ImportMessagesTests {

	private static final Path SOURCES = Path.of("src/main/java/de/schulhaus/accounts/imports");

	/** The readers; other classes in this package have their own messages and tests. */
	private static final List<String> READERS = List.of("ByteBudget", "ColumnMapping", "CsvFieldLimits", "CsvTableRows",
			"OdsTableRows", "RosterImports", "SchildRosterBuilder", "SchildXmlReader", "SchildZip", "TableFormat",
			"TableRosterBuilder", "TableRosterReader", "UploadTooLargeException", "XlsxPackage", "XlsxSharedStrings",
			"XlsxTableRows");

	@Test
	void bundlesHaveEveryKeyTheReadersUse() throws IOException {
		Set<String> used = usedKeys();
		Properties german = load("i18n/imports_de.properties");
		Properties english = load("i18n/imports_en.properties");

		assertThat(used).isNotEmpty().contains("import.error.unknownKind", "import.error.notSchildXml",
				"import.error.uploadTooLarge", "import.error.unpackedTooLarge", "import.error.tooManyPersons",
				"import.error.fieldTooLong");
		assertThat(german.stringPropertyNames()).containsAll(used);
		assertThat(english.stringPropertyNames()).containsAll(used);
		assertThat(german.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
	}

	@Test
	void germanTextsAreReadAsUtf8() throws IOException {
		Properties german = load("i18n/imports_de.properties");

		assertThat(german.getProperty("import.error.unknownKind"))
			.isEqualTo("Unbekannter Kontotyp „{0}“ – erlaubt sind Lehrkraft, Schüler*in, Personal, Extern.");
		assertThat(german.getProperty("import.error.zipPassword")).contains("für", "Sie");
	}

	private static Set<String> usedKeys() throws IOException {
		Set<String> keys = new TreeSet<>();
		Pattern key = Pattern.compile("\"(import\\.error\\.[A-Za-z]+)\"");
		for (String reader : READERS) {
			Matcher matcher = key.matcher(Files.readString(SOURCES.resolve(reader + ".java")));
			while (matcher.find()) {
				keys.add(matcher.group(1));
			}
		}
		return keys;
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = ImportMessagesTests.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
