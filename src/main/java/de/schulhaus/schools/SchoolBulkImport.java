package de.schulhaus.schools;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;

import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Creates many schools from a CSV (name, number, type, domain), idempotently: a school whose number
 * exists already is left as it is, so running the same file twice changes nothing.
 */
@Service
public class SchoolBulkImport {

	private final SchoolManagement schools;

	SchoolBulkImport(SchoolManagement schools) {
		this.schools = schools;
	}

	public Result run(Reader csv, SchulhausUser actor) {
		List<String> lines = readAll(csv);
		java.util.Set<String> existing = new java.util.HashSet<>();
		schools.list().forEach(s -> existing.add(s.schoolNumber()));
		Result result = new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		if (lines.isEmpty()) {
			return result;
		}
		char delimiter = lines.get(0).chars().filter(c -> c == ';').count() >= lines.get(0).chars().filter(c -> c == ',').count() ? ';' : ',';
		CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true).setIgnoreEmptyLines(true).get();
		try {
			List<CSVRecord> records = format.parse(new java.io.StringReader(String.join("\n", lines))).getRecords();
			for (CSVRecord record : records) {
				int row = (int) record.getRecordNumber();
				if (row == 1 && looksLikeHeader(record)) {
					continue;
				}
				importRow(record, row, actor, result, existing);
			}
		}
		catch (IOException | UncheckedIOException e) {
			result.errors().add(new RowError(0, "schools.error.csvUnreadable", List.of()));
		}
		return result;
	}

	private void importRow(CSVRecord record, int row, SchulhausUser actor, Result result, java.util.Set<String> existing) {
		if (record.size() < 3) {
			result.errors().add(new RowError(row, "schools.error.csvColumns", List.of()));
			return;
		}
		String number = record.get(1).strip();
		if (existing.contains(number)) {
			result.unchanged().add(number);
			return;
		}
		var type = SchoolType.parse(record.get(2));
		if (type.isEmpty()) {
			result.errors().add(new RowError(row, "schools.error.typeUnknown", List.of(record.get(2))));
			return;
		}
		String domain = record.size() > 3 ? record.get(3) : null;
		try {
			result.created().add(schools.create(new NewSchool(record.get(0), number, type.get(), domain), actor));
			existing.add(number);
		}
		catch (InvalidInputException e) {
			result.errors().add(new RowError(row, e.messageKey(), List.of(e.args())));
		}
	}

	private static boolean looksLikeHeader(CSVRecord record) {
		String second = record.size() > 1 ? record.get(1).toLowerCase(Locale.ROOT) : "";
		return !second.matches("\\d+");
	}

	private static List<String> readAll(Reader reader) {
		try (var buffered = new java.io.BufferedReader(reader)) {
			List<String> lines = new ArrayList<>();
			String line;
			while ((line = buffered.readLine()) != null) {
				if (lines.isEmpty() && line.startsWith("\uFEFF")) {
					line = line.substring(1);
				}
				lines.add(line);
			}
			return lines;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public record Result(List<School> created, List<String> unchanged, List<RowError> errors) {
	}

	public record RowError(int row, String messageKey, List<Object> args) {
	}
}
