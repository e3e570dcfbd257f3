package de.schulhaus.accounts.imports;

import java.util.List;

/**
 * The start of a table file, for the step where the user checks which column holds what.
 *
 * @param headers the header names as they appear in the file
 * @param rows the first data rows, each with exactly one cell per header
 * @param mapping the detected default mapping; columns that were not found are {@code null}
 */
public record TablePreview(List<String> headers, List<List<String>> rows, ColumnMapping mapping) {

	public TablePreview {
		headers = List.copyOf(headers);
		rows = rows.stream().map(List::copyOf).toList();
	}

}
