package de.schulhaus.dav.internal;

import java.io.InputStream;
import java.io.OutputStream;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * XML for WebDAV bodies, which come from any client: no DTDs, no external entities, at most
 * {@link #MAX_DEPTH} nested elements and a bounded body. Factories are made per use because they are
 * not specified to be thread-safe.
 */
public final class DavXml {

	public static final String DAV = "DAV:";
	/** PROPFIND and PROPPATCH bodies are small; a megabyte is plenty for dead properties. */
	public static final long MAX_BODY = 1024 * 1024;
	static final int MAX_DEPTH = 64;

	private DavXml() {
	}

	public static XMLStreamReader reader(InputStream in) throws XMLStreamException {
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
		trySet(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
		trySet(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		trySet(factory, "jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
		return factory.createXMLStreamReader(in);
	}

	/**
	 * A writer that declares every namespace itself (non-repairing): see {@link XmlFragments}. The JDK's
	 * writer hands the stream one byte at a time, and each byte through the servlet's stream and its
	 * wrappers cost more than the XML itself (a multiget of 1,000 events): so it writes into a buffer,
	 * which {@code flush()} empties.
	 */
	public static XMLStreamWriter writer(OutputStream out) throws XMLStreamException {
		return XMLOutputFactory.newFactory().createXMLStreamWriter(new java.io.BufferedOutputStream(out, 32 * 1024), "UTF-8");
	}

	private static void trySet(XMLInputFactory factory, String name, Object value) {
		try {
			factory.setProperty(name, value);
		}
		catch (IllegalArgumentException ex) {
			// an implementation without the JAXP property; the settings above are the ones that count
		}
	}
}
