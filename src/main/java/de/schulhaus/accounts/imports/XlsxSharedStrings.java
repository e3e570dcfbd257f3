package de.schulhaus.accounts.imports;

import java.io.InputStream;
import java.util.Arrays;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;

/**
 * The shared strings of an XLSX file, which cells refer to by number. POI's read-only table keeps each as a string
 * of any length; here each keeps at most {@code maxFieldLength + 1} characters, all of them sit in one buffer, and
 * their number and total length are bounded, so a hostile table of millions of strings is refused instead of
 * filling the heap.
 */
final class XlsxSharedStrings implements SharedStrings {

	static final SharedStrings NONE = new XlsxSharedStrings(new StringBuilder(), new int[] { 0 }, 0);

	private final StringBuilder text;

	/** Where string i starts in {@code text}; string i ends where i + 1 starts. */
	private final int[] starts;

	private final int count;

	private XlsxSharedStrings(StringBuilder text, int[] starts, int count) {
		this.text = text;
		this.starts = starts;
		this.count = count;
	}

	/**
	 * Reads the shared strings part. At most 20 strings and 200 characters per person of
	 * {@link ImportLimits#maxPersons()}: far more than a roster needs, far less than the heap holds.
	 */
	static SharedStrings read(InputStream in, ImportLimits limits) throws XMLStreamException {
		long maxStrings = 20L * limits.maxPersons();
		long maxChars = 200L * limits.maxPersons();
		int keep = limits.maxFieldLength() + 1;
		StringBuilder text = new StringBuilder();
		int[] starts = new int[1024];
		int count = 0;
		XMLStreamReader xml = SafeXml.open(in);
		try {
			int item = -1;
			int phonetic = 0;
			boolean inText = false;
			while (xml.hasNext()) {
				int event = xml.next();
				if (event == XMLStreamConstants.START_ELEMENT) {
					String name = xml.getLocalName();
					if (name.equals("si")) {
						if (count >= maxStrings || text.length() > maxChars) {
							throw new ImportLimitException("import.error.tooMuchText", maxChars);
						}
						if (count + 1 >= starts.length) {
							starts = Arrays.copyOf(starts, starts.length * 2);
						}
						starts[count++] = text.length();
						item = text.length();
					}
					phonetic += name.equals("rPh") ? 1 : 0;
					// the reading aid of Japanese text (rPh) is no part of the value
					inText = name.equals("t") && phonetic == 0 && item >= 0;
				}
				else if (event == XMLStreamConstants.END_ELEMENT) {
					String name = xml.getLocalName();
					phonetic -= name.equals("rPh") ? 1 : 0;
					inText = false;
				}
				else if (inText && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
						|| event == XMLStreamConstants.SPACE)) {
					int room = keep - (text.length() - item);
					if (room > 0) {
						text.append(xml.getTextCharacters(), xml.getTextStart(), Math.min(room, xml.getTextLength()));
					}
				}
			}
		}
		finally {
			xml.close();
		}
		starts[count] = text.length();
		return new XlsxSharedStrings(text, starts, count);
	}

	@Override
	public RichTextString getItemAt(int index) {
		if (index < 0 || index >= this.count) {
			return new XSSFRichTextString("");
		}
		return new XSSFRichTextString(this.text.substring(this.starts[index], this.starts[index + 1]));
	}

	@Override
	public int getCount() {
		return this.count;
	}

	@Override
	public int getUniqueCount() {
		return this.count;
	}

}
