package de.schulhaus.accounts.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import de.schulhaus.accounts.imports.TableRows.TableRow;

/**
 * Reads rosters from table files with a header row: CSV (any delimiter and encoding Excel or LibreOffice
 * writes), XLSX and ODS. The header is the first non-empty row; row numbers in errors are the ones the user sees
 * in the spreadsheet program.
 */
public class TableRosterReader {

	static final int PREVIEW_ROWS = 5;

	private final ImportLimits limits;

	public TableRosterReader(ImportLimits limits) {
		this.limits = limits;
	}

	/** A reader with the default limits. */
	public TableRosterReader() {
		this(ImportLimits.defaults());
	}

	/**
	 * Reads all rows. The stream is read to its end and may be closed here; closing it again is harmless.
	 * @param filename the uploaded file name, used to tell the format where the content does not
	 * @param mapping the columns to use, or {@code null} to {@link ColumnMapping#detect(List) detect} them
	 * @throws RosterFormatException when the file as a whole cannot be read or a required column is missing
	 */
	public RosterFile read(InputStream in, String filename, ColumnMapping mapping) {
		TableRows rows = open(in, filename);
		Import reading = new Import(rows, mapping, this.limits);
		forEach(rows, reading);
		return reading.builder.build();
	}

	/**
	 * Reads the header, the first data rows and the detected mapping, for the step where the user checks the
	 * columns. Never fails on missing columns: those are left {@code null} in the mapping for the user to choose.
	 * Reading stops after the preview rows, so large files are cheap to preview.
	 * @throws RosterFormatException when the file cannot be read or has no header row
	 */
	public TablePreview preview(InputStream in, String filename) {
		TableRows rows = open(in, filename);
		List<List<String>> firstRows = new ArrayList<>(PREVIEW_ROWS);
		List<String> headers = new ArrayList<>();
		forEach(rows, new RowsWithHeader() {

			@Override
			boolean header(List<String> names) {
				headers.addAll(names);
				return true;
			}

			@Override
			boolean data(TableRow row) {
				List<String> cells = new ArrayList<>(headers.size());
				for (int i = 0; i < headers.size(); i++) {
					cells.add(row.cell(i));
				}
				firstRows.add(cells);
				return firstRows.size() < PREVIEW_ROWS;
			}

		});
		return new TablePreview(headers, firstRows, ColumnMapping.guess(headers));
	}

	/**
	 * Reads the whole file without a column mapping, to refuse it at the upload when it breaks a limit: too large
	 * unpacked, more persons than allowed. Missing columns are left for the mapping step.
	 * @throws RosterFormatException when the file cannot be read, has no header or breaks a limit
	 */
	public void check(InputStream in, String filename) {
		TableRows rows = open(in, filename);
		int[] dataRows = { 0 };
		forEach(rows, new RowsWithHeader() {

			@Override
			boolean header(List<String> names) {
				return true;
			}

			@Override
			boolean data(TableRow row) {
				if (++dataRows[0] > TableRosterReader.this.limits.maxPersons()) {
					throw new ImportLimitException("import.error.tooManyPersons", TableRosterReader.this.limits.maxPersons());
				}
				return true;
			}

		});
	}

	private TableRows open(InputStream in, String filename) {
		try {
			return TableFormat.open(in, filename, this.limits);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void forEach(TableRows rows, RowsWithHeader handler) {
		try {
			rows.forEach(handler);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!handler.hasHeader()) {
			throw new RosterFormatException("import.error.noHeader");
		}
	}

	/** Splits the rows into the header (first non-empty row) and data rows; empty rows are passed over. */
	private abstract static class RowsWithHeader implements TableRows.RowHandler {

		private boolean headerSeen;

		@Override
		public final boolean row(TableRow row) {
			if (row.isBlank()) {
				return true;
			}
			if (!this.headerSeen) {
				this.headerSeen = true;
				List<String> names = new ArrayList<>(row.cells().size());
				for (int i = 0; i < row.cells().size(); i++) {
					// a BOM that slipped through (e.g. a UTF-8 file saved twice) would hide the first column
					names.add(row.cell(i).replace("\uFEFF", ""));
				}
				// empty header cells at the end are what a trailing delimiter leaves; they name no column
				while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
					names.remove(names.size() - 1);
				}
				return header(names);
			}
			return data(row);
		}

		boolean hasHeader() {
			return this.headerSeen;
		}

		abstract boolean header(List<String> headers);

		abstract boolean data(TableRow row);

	}

	/** Feeds the data rows to a builder set up from the header. */
	private static final class Import extends RowsWithHeader {

		private final TableRows rows;

		private final ColumnMapping mapping;

		private final ImportLimits limits;

		private TableRosterBuilder builder;

		Import(TableRows rows, ColumnMapping mapping, ImportLimits limits) {
			this.rows = rows;
			this.mapping = mapping;
			this.limits = limits;
		}

		@Override
		boolean header(List<String> headers) {
			ColumnMapping columns = (this.mapping != null) ? this.mapping : ColumnMapping.guess(headers);
			this.builder = new TableRosterBuilder(columns.resolve(headers), headers.size(), this.rows, this.limits);
			return true;
		}

		@Override
		boolean data(TableRow row) {
			this.builder.add(row);
			return true;
		}

	}

}
