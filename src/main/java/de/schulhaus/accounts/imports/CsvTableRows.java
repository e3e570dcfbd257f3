package de.schulhaus.accounts.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Rows of a CSV file. Encoding and delimiter are guessed from the first kilobytes, the rest is streamed, so a file
 * with 50,000 rows never sits in memory as a whole, and {@link CsvFieldLimits} keeps single fields short.
 */
final class CsvTableRows implements TableRows {

	static final int SAMPLE_SIZE = 64 * 1024;

	private final BufferedInputStream in;

	private final CsvEncoding encoding;

	private final char delimiter;

	private final int maxFieldLength;

	CsvTableRows(InputStream in, int maxFieldLength) throws IOException {
		this.maxFieldLength = maxFieldLength;
		this.in = (in instanceof BufferedInputStream buffered) ? buffered : new BufferedInputStream(in, SAMPLE_SIZE);
		this.in.mark(SAMPLE_SIZE);
		byte[] sample = this.in.readNBytes(SAMPLE_SIZE);
		this.in.reset();
		this.encoding = CsvEncoding.detect(sample);
		this.delimiter = detectDelimiter(this.encoding.decode(sample));
	}

	@Override
	public void forEach(RowHandler handler) throws IOException {
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setDelimiter(this.delimiter)
			// empty lines are kept so that record numbers match the row numbers a spreadsheet program shows
			.setIgnoreEmptyLines(false)
			.get();
		try (CSVParser parser = CSVParser.parse(
				new CsvFieldLimits(this.encoding.reader(this.in), this.delimiter, this.maxFieldLength), format)) {
			try {
				for (CSVRecord record : parser) {
					List<String> cells = new ArrayList<>(record.size());
					record.forEach(cells::add);
					if (!handler.row(new TableRow((int) record.getRecordNumber(), cells))) {
						return;
					}
				}
			}
			catch (UncheckedIOException | IllegalStateException ex) {
				// e.g. a quote that is never closed: everything after it would be one field
				throw new RosterFormatException(ex, "import.error.csvBroken", parser.getRecordNumber() + 1);
			}
		}
	}

	@Override
	public boolean strictWidth() {
		return true;
	}

	@Override
	public boolean commaSeparatesGroups() {
		return this.delimiter != ',';
	}

	char delimiter() {
		return this.delimiter;
	}

	CsvEncoding encoding() {
		return this.encoding;
	}

	/**
	 * German Excel writes ";", other programs ",", "Unicode-Text" uses tabs. The character found most often in the
	 * first line, outside quotes, wins; ";" when none is found, which then fails on the missing columns.
	 */
	static char detectDelimiter(String sample) {
		int semicolons = 0;
		int commas = 0;
		int tabs = 0;
		boolean quoted = false;
		boolean content = false;
		for (int i = 0; i < sample.length(); i++) {
			char c = sample.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && (c == '\n' || c == '\r')) {
				if (content) {
					break;
				}
			}
			else if (!quoted) {
				content |= !Character.isWhitespace(c);
				semicolons += (c == ';') ? 1 : 0;
				commas += (c == ',') ? 1 : 0;
				tabs += (c == '\t') ? 1 : 0;
			}
		}
		if (tabs > semicolons && tabs > commas) {
			return '\t';
		}
		return (commas > semicolons) ? ',' : ';';
	}

}
