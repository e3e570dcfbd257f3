package de.schulhaus.accounts.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.XMLReader;

/**
 * Rows of the first sheet of an XLSX file, read with POI's event API: the sheet XML is streamed, so no cell
 * objects are built for the whole workbook. Cells are formatted like Excel shows them, so an id typed as
 * 100231 stays "100231" and does not become "100231.0". How much is unpacked and kept is bounded, see
 * {@link XlsxPackage}, {@link XlsxSharedStrings} and {@link CellTextLimit}.
 */
final class XlsxTableRows implements TableRows {

	/**
	 * The styles are parsed into a tree by POI, at many times their size; larger ones than this are left out,
	 * which only changes how numbers and dates are formatted.
	 */
	static final int MAX_STYLES = 1024 * 1024;

	private final InputStream in;

	private final ImportLimits limits;

	XlsxTableRows(InputStream in, ImportLimits limits) {
		this.in = in;
		this.limits = limits;
	}

	@Override
	public void forEach(RowHandler handler) {
		try (XlsxPackage xlsx = XlsxPackage.open(this.in, this.limits)) {
			XlsxPackage.Parts parts = xlsx.parts();
			if (parts.sheet() == null) {
				return;
			}
			SharedStrings strings = XlsxSharedStrings.NONE;
			if (parts.sharedStrings() != null) {
				try (InputStream part = xlsx.part(parts.sharedStrings())) {
					strings = XlsxSharedStrings.read(part, this.limits);
				}
			}
			StylesTable styles = (parts.styles() != null) ? styles(xlsx.part(parts.styles())) : null;
			XMLReader parser = SafeXml.saxReader();
			XSSFSheetXMLHandler cells = new XSSFSheetXMLHandler(styles, strings, new Rows(handler),
					new DataFormatter(Locale.GERMANY), false);
			parser.setContentHandler(new CellTextLimit(cells, this.limits.maxFieldLength() + 1));
			try (InputStream sheet = xlsx.part(parts.sheet())) {
				parser.parse(SafeXml.utf8(sheet));
			}
		}
		catch (StopReading ex) {
			// the handler has all it wanted
		}
		catch (RosterFormatException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// POI and the parsers report broken or foreign files with many exception types, checked and unchecked
			RosterFormatException cause = causeOfType(ex);
			if (cause == null && isStop(ex)) {
				return;
			}
			throw (cause != null) ? cause : new RosterFormatException(ex, "import.error.unreadableFile");
		}
	}

	@Override
	public boolean strictWidth() {
		return false;
	}

	@Override
	public boolean commaSeparatesGroups() {
		return true;
	}

	private static StylesTable styles(InputStream part) throws IOException {
		byte[] bytes;
		try (part) {
			bytes = part.readNBytes(MAX_STYLES + 1);
		}
		if (bytes.length > MAX_STYLES) {
			return null;
		}
		StylesTable styles = new StylesTable();
		styles.readFrom(new ByteArrayInputStream(bytes));
		return styles;
	}

	// SAX parsers may wrap exceptions thrown from a content handler.
	private static RosterFormatException causeOfType(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RosterFormatException format) {
				return format;
			}
		}
		return null;
	}

	private static boolean isStop(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof StopReading) {
				return true;
			}
		}
		return false;
	}

	private static final class StopReading extends RuntimeException {

		private static final long serialVersionUID = 1L;

		StopReading() {
			super(null, null, false, false);
		}

	}

	/** Collects the cells of each row by column, because empty cells are not stored in the sheet XML. */
	private static final class Rows implements SheetContentsHandler {

		private final RowHandler handler;

		private final List<String> cells = new ArrayList<>();

		Rows(RowHandler handler) {
			this.handler = handler;
		}

		@Override
		public void startRow(int rowNum) {
			this.cells.clear();
		}

		@Override
		public void cell(String reference, String formattedValue, XSSFComment comment) {
			int column = (reference != null) ? new CellReference(reference).getCol() : this.cells.size();
			// like ODS: columns far to the right are no roster data
			if (column < 0 || column >= OdsTableRows.MAX_COLUMNS) {
				return;
			}
			while (this.cells.size() < column) {
				this.cells.add("");
			}
			if (this.cells.size() == column) {
				this.cells.add((formattedValue != null) ? formattedValue : "");
			}
		}

		@Override
		public void endRow(int rowNum) {
			if (!this.handler.row(new TableRow(rowNum + 1, List.copyOf(this.cells)))) {
				throw new StopReading();
			}
		}

	}

}
