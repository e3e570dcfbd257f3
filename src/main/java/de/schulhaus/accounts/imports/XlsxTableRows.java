package de.schulhaus.accounts.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Rows of the first sheet of an XLSX file, read with POI's event API: the sheet XML is streamed, so no cell
 * objects are built for the whole workbook. Cells are formatted like Excel shows them, so an id typed as
 * 100231 stays "100231" and does not become "100231.0".
 */
final class XlsxTableRows implements TableRows {

	private final InputStream in;

	XlsxTableRows(InputStream in) {
		this.in = in;
	}

	@Override
	public void forEach(RowHandler handler) {
		OPCPackage workbook = null;
		try {
			workbook = OPCPackage.open(this.in);
			XSSFReader reader = new XSSFReader(workbook);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
			StylesTable styles = reader.getStylesTable();
			Iterator<InputStream> sheets = reader.getSheetsData();
			if (!sheets.hasNext()) {
				return;
			}
			try (InputStream sheet = sheets.next()) {
				XMLReader parser = XMLHelper.newXMLReader();
				parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, new Rows(handler),
						new DataFormatter(Locale.GERMANY), false));
				parser.parse(new InputSource(sheet));
			}
		}
		catch (StopReading ex) {
			// the handler has all it wanted
		}
		catch (RosterFormatException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// POI reports broken or foreign files with many exception types, checked and unchecked
			RosterFormatException cause = causeOfType(ex);
			throw (cause != null) ? cause : new RosterFormatException(ex, "import.error.unreadableFile");
		}
		finally {
			if (workbook != null) {
				// revert, not close: close would try to save the package
				workbook.revert();
			}
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

	// SAX parsers may wrap exceptions thrown from a content handler.
	private static RosterFormatException causeOfType(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RosterFormatException format) {
				return format;
			}
			if (cause instanceof StopReading) {
				return null;
			}
		}
		return null;
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
