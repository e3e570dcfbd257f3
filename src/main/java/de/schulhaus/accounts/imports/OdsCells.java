package de.schulhaus.accounts.imports;

import java.math.BigDecimal;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads single cells of an ODS {@code content.xml}; see {@link OdsTableRows}. */
final class OdsCells {

	static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";

	static final String OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

	static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

	/** ODS sheets have at most 1,048,576 rows; larger counts are broken or hostile. */
	private static final int MAX_REPEAT = 1 << 20;

	private OdsCells() {
	}

	/** Longer numbers are no ids, and reading them as numbers would cost time for nothing. */
	private static final int MAX_NUMBER = 64;

	/**
	 * Reads the cell the reader stands on (a START_ELEMENT) up to its end element and returns its value, of which
	 * at most {@code keep} characters are kept.
	 */
	static String read(XMLStreamReader xml, int keep) throws XMLStreamException {
		String type = xml.getAttributeValue(OFFICE, "value-type");
		String value = xml.getAttributeValue(OFFICE, "value");
		String date = xml.getAttributeValue(OFFICE, "date-value");
		StringBuilder text = new StringBuilder();
		int depth = 1;
		int paragraphs = 0;
		int inParagraph = 0;
		while (depth > 0) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				if (is(xml, OFFICE, "annotation")) {
					XmlElement.skip(xml); // a comment on the cell, not its value
					continue;
				}
				depth++;
				if (is(xml, TEXT, "p") || is(xml, TEXT, "h")) {
					append(text, (paragraphs++ > 0) ? "\n" : "", keep);
					inParagraph++;
				}
				else if (is(xml, TEXT, "s")) {
					append(text, " ".repeat(Math.min(repeat(xml, TEXT, "c"), 100)), keep);
				}
				else if (is(xml, TEXT, "tab")) {
					append(text, "\t", keep);
				}
				else if (is(xml, TEXT, "line-break")) {
					append(text, "\n", keep);
				}
			}
			else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && inParagraph > 0) {
				append(text, xml.getText(), keep);
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				depth--;
				inParagraph -= (is(xml, TEXT, "p") || is(xml, TEXT, "h")) ? 1 : 0;
			}
		}
		String result = value(type, value, date, text.toString());
		return (result.length() > keep) ? result.substring(0, keep) : result;
	}

	private static void append(StringBuilder text, String more, int keep) {
		if (text.length() < keep) {
			text.append(more, 0, Math.min(more.length(), keep - text.length()));
		}
	}

	/**
	 * Numbers come from the stored value, not the displayed text, so an id formatted as "4.711" stays "4711"; the
	 * displayed text is used for everything else.
	 */
	static String value(String type, String value, String date, String text) {
		boolean number = "float".equals(type) || "percentage".equals(type) || "currency".equals(type);
		if (number && value != null && value.length() <= MAX_NUMBER) {
			try {
				return new BigDecimal(value.strip()).stripTrailingZeros().toPlainString();
			}
			catch (NumberFormatException ex) {
				return text;
			}
		}
		return ("date".equals(type) && date != null && text.isEmpty()) ? date : text;
	}

	/** A repeat count attribute, 1 when absent or broken. */
	static int repeat(XMLStreamReader xml, String namespace, String attribute) {
		String value = xml.getAttributeValue(namespace, attribute);
		try {
			return (value != null) ? Math.max(1, Math.min(Integer.parseInt(value.strip()), MAX_REPEAT)) : 1;
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	static boolean is(XMLStreamReader xml, String namespace, String name) {
		return name.equals(xml.getLocalName()) && namespace.equals(xml.getNamespaceURI());
	}

}
