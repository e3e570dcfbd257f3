package de.schulhaus.accounts.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Rows of the first sheet of an ODS file (LibreOffice), streamed from its {@code content.xml} with StAX. SODS is
 * not used for reading: it holds every cell as an object and looks cells up by scanning, so 50,000 rows took
 * about 25 seconds, and a sheet whose rows end in formatted empty cells ran out of memory. ODS stores repeated
 * rows and cells as one element with a count; empty ones only move the row number, which keeps the millions of
 * empty rows LibreOffice writes below the data cheap. Every byte unpacked, of {@code content.xml} and of the entries
 * before it, counts towards {@link ImportLimits#maxUnpacked()}.
 */
final class OdsTableRows implements TableRows {

	static final int MAX_COLUMNS = 1024;

	private static final String TABLE = OdsCells.TABLE;

	private final InputStream in;

	private final ImportLimits limits;

	private final List<String> cells = new ArrayList<>();

	/** Empty cells seen but not yet added: they only count if a non-empty cell follows in the row. */
	private int pendingEmpty;

	private int nextRow = 1;

	OdsTableRows(InputStream in, ImportLimits limits) {
		this.in = in;
		this.limits = limits;
	}

	@Override
	public void forEach(RowHandler handler) {
		ByteBudget unpacked = ByteBudget.unpacked(this.limits);
		try {
			ZipInputStream zip = new ZipInputStream(this.in);
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				if (entry.getName().equals("content.xml")) {
					readFirstTable(SafeXml.open(unpacked.wrap(zip)), handler);
					return;
				}
				unpacked.drain(zip);
			}
			throw new RosterFormatException("import.error.unreadableFile");
		}
		catch (IOException | XMLStreamException | IllegalArgumentException ex) {
			// also an ODS saved with a password: its content.xml is encrypted and no XML
			throw new RosterFormatException(ex, "import.error.unreadableFile");
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

	private void readFirstTable(XMLStreamReader xml, RowHandler handler) throws XMLStreamException {
		while (xml.hasNext()) {
			if (xml.next() == XMLStreamConstants.START_ELEMENT && is(xml, TABLE, "table")) {
				break;
			}
		}
		int depth = 1;
		int rowRepeat = 1;
		while (depth > 0 && xml.hasNext()) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				if (is(xml, TABLE, "table-cell") || is(xml, TABLE, "covered-table-cell")) {
					int repeat = OdsCells.repeat(xml, TABLE, "number-columns-repeated");
					addCell(OdsCells.read(xml, this.limits.maxFieldLength() + 1), repeat);
					continue;
				}
				depth++;
				if (is(xml, TABLE, "table-row")) {
					rowRepeat = OdsCells.repeat(xml, TABLE, "number-rows-repeated");
					this.cells.clear();
					this.pendingEmpty = 0;
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				depth--;
				if (is(xml, TABLE, "table-row") && !endRow(rowRepeat, handler)) {
					return;
				}
			}
		}
	}

	private boolean endRow(int repeat, RowHandler handler) {
		if (this.cells.isEmpty()) {
			this.nextRow += repeat;
			return true;
		}
		List<String> row = List.copyOf(this.cells);
		for (int i = 0; i < repeat; i++) {
			if (!handler.row(new TableRow(this.nextRow++, row))) {
				return false;
			}
		}
		return true;
	}

	private void addCell(String value, int repeat) {
		if (FieldChecks.clean(value).isEmpty()) {
			this.pendingEmpty = Math.min(this.pendingEmpty + repeat, MAX_COLUMNS);
			return;
		}
		for (; this.pendingEmpty > 0 && this.cells.size() < MAX_COLUMNS; this.pendingEmpty--) {
			this.cells.add("");
		}
		this.pendingEmpty = 0;
		for (int i = 0; i < repeat && this.cells.size() < MAX_COLUMNS; i++) {
			this.cells.add(value);
		}
	}

	private static boolean is(XMLStreamReader xml, String namespace, String name) {
		return OdsCells.is(xml, namespace, name);
	}

}
