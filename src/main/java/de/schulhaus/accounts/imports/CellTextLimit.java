package de.schulhaus.accounts.imports;

import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;

/**
 * Passes at most {@code keep} characters of each cell of a sheet to POI's handler, which would collect a cell's
 * text of any length; longer cells reach the builder as an error of their row. Outside cells (header and footer
 * texts), the count starts again at each element.
 */
final class CellTextLimit implements ContentHandler {

	private final ContentHandler cells;

	private final int keep;

	private boolean inCell;

	private int passed;

	CellTextLimit(ContentHandler cells, int keep) {
		this.cells = cells;
		this.keep = keep;
	}

	@Override
	public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
		if (!this.inCell) {
			this.passed = 0;
			this.inCell = "c".equals(localName);
		}
		this.cells.startElement(uri, localName, qName, atts);
	}

	@Override
	public void endElement(String uri, String localName, String qName) throws SAXException {
		if (!this.inCell || "c".equals(localName)) {
			this.inCell = false;
			this.passed = 0;
		}
		this.cells.endElement(uri, localName, qName);
	}

	@Override
	public void characters(char[] ch, int start, int length) throws SAXException {
		int room = this.keep - this.passed;
		if (room > 0) {
			this.cells.characters(ch, start, Math.min(room, length));
		}
		this.passed = (int) Math.min((long) this.passed + length, Integer.MAX_VALUE);
	}

	@Override
	public void setDocumentLocator(Locator locator) {
		this.cells.setDocumentLocator(locator);
	}

	@Override
	public void startDocument() throws SAXException {
		this.cells.startDocument();
	}

	@Override
	public void endDocument() throws SAXException {
		this.cells.endDocument();
	}

	@Override
	public void startPrefixMapping(String prefix, String uri) throws SAXException {
		this.cells.startPrefixMapping(prefix, uri);
	}

	@Override
	public void endPrefixMapping(String prefix) throws SAXException {
		this.cells.endPrefixMapping(prefix);
	}

	@Override
	public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
		this.cells.ignorableWhitespace(ch, start, length);
	}

	@Override
	public void processingInstruction(String target, String data) throws SAXException {
		this.cells.processingInstruction(target, data);
	}

	@Override
	public void skippedEntity(String name) throws SAXException {
		this.cells.skippedEntity(name);
	}

}
