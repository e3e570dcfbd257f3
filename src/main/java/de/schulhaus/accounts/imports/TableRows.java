package de.schulhaus.accounts.imports;

import java.io.IOException;
import java.util.List;

/**
 * The rows of a table file (CSV, XLSX or ODS), pushed one by one so that large files are never held as a whole
 * where the format allows it.
 */
interface TableRows {

	/**
	 * Calls the handler for each row in file order until it returns {@code false} or the rows end.
	 * @throws RosterFormatException when the file cannot be read
	 */
	void forEach(RowHandler handler) throws IOException;

	/**
	 * Whether a row with more or fewer fields than the header is an error. In CSV it usually means a stray
	 * delimiter that shifts all values; in spreadsheets, empty trailing cells are simply not stored.
	 */
	boolean strictWidth();

	/** Whether a comma may separate several groups in one cell; not when the comma is the CSV delimiter. */
	boolean commaSeparatesGroups();

	/** One row; {@code number} is what the user sees in the spreadsheet program (the first row is 1). */
	record TableRow(int number, List<String> cells) {

		boolean isBlank() {
			for (String cell : this.cells) {
				if (cell != null && !FieldChecks.clean(cell).isEmpty()) {
					return false;
				}
			}
			return true;
		}

		String cell(int index) {
			return (index >= 0 && index < this.cells.size()) ? FieldChecks.clean(this.cells.get(index)) : "";
		}

	}

	@FunctionalInterface
	interface RowHandler {

		/** Returns {@code false} to stop reading. */
		boolean row(TableRow row);

	}

}
