package de.schulhaus.accounts.imports;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.util.XMLHelper;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * XML parsers for uploaded files, which are untrusted: no DTDs or external entities, text handed on in pieces
 * instead of whole (a text node of 150 MB would otherwise be one string), at most {@link #MAX_DEPTH} nested
 * elements, and every tag, comment and instruction bounded by {@link MarkupGuard}. A new factory is made for each
 * file because factories are not specified to be thread-safe, and the readers may be shared beans.
 */
final class SafeXml {

	/** Roster formats nest a dozen levels at most. */
	static final int MAX_DEPTH = 64;

	private static final String DEPTH_PROPERTY = "jdk.xml.maxElementDepth";

	private SafeXml() {
	}

	static XMLInputFactory inputFactory() {
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, false);
		trySetProperty(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
		trySetProperty(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		trySetProperty(factory, DEPTH_PROPERTY, String.valueOf(MAX_DEPTH));
		return factory;
	}

	/**
	 * A StAX reader over a guarded stream. Only encodings in which a {@code '<'} byte is always the character are
	 * accepted, see {@link MarkupGuard}: UTF-8, US-ASCII, ISO-8859-* and windows-125*, which is what SchILD-NRW
	 * and office programs write.
	 * @throws XMLStreamException when the file does not start like XML in one of these encodings
	 */
	static XMLStreamReader open(InputStream in) throws XMLStreamException {
		XMLStreamReader reader = inputFactory().createXMLStreamReader(new MarkupGuard(in));
		if (!acceptedEncoding(reader.getEncoding())) {
			reader.close();
			throw new XMLStreamException("Encoding not accepted: " + reader.getEncoding());
		}
		return reader;
	}

	/** A SAX reader as POI sets it up, with the depth limit; feed it {@link #utf8(InputStream)}. */
	static XMLReader saxReader() throws SAXException, ParserConfigurationException {
		XMLReader reader = XMLHelper.newXMLReader();
		try {
			reader.setProperty(DEPTH_PROPERTY, String.valueOf(MAX_DEPTH));
		}
		catch (SAXException ex) {
			// a parser that does not know the property; the markup guard still bounds each tag
		}
		return reader;
	}

	/**
	 * Office Open XML and OpenDocument parts are UTF-8. Decoding them here means the parser never switches to an
	 * encoding named in the file, in which the guard's bytes would mean something else.
	 */
	static InputSource utf8(InputStream in) {
		return new InputSource(new InputStreamReader(new MarkupGuard(in), StandardCharsets.UTF_8));
	}

	static boolean acceptedEncoding(String name) {
		if (name == null) {
			return true;
		}
		try {
			String canonical = Charset.forName(name).name().toUpperCase(Locale.ROOT);
			return canonical.equals("UTF-8") || canonical.equals("US-ASCII") || canonical.startsWith("ISO-8859-")
					|| canonical.startsWith("WINDOWS-125");
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	// Not every StAX implementation knows the JAXP access properties; the settings above are the ones that count.
	private static void trySetProperty(XMLInputFactory factory, String name, Object value) {
		try {
			factory.setProperty(name, value);
		}
		catch (IllegalArgumentException ex) {
			// not supported by this implementation
		}
	}

}
