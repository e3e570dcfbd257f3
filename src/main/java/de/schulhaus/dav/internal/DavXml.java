package de.schulhaus.dav.internal;

import java.io.InputStream;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * XML for WebDAV bodies, which come from any client: no DTDs, no external entities, at most
 * {@link #MAX_DEPTH} nested elements and a bounded body. Factories are not specified to be thread-safe,
 * and finding one (the service look-up through every jar) cost more than reading a small body: each
 * thread makes and configures its own once.
 */
public final class DavXml {

	public static final String DAV = "DAV:";
	/** PROPFIND and PROPPATCH bodies are small; a megabyte is plenty for dead properties. */
	public static final long MAX_BODY = 1024 * 1024;
	static final int MAX_DEPTH = 64;

	private DavXml() {
	}

	private static final ThreadLocal<XMLInputFactory> INPUT = ThreadLocal.withInitial(DavXml::inputFactory);
	private static final ThreadLocal<XMLOutputFactory> OUTPUT = ThreadLocal.withInitial(XMLOutputFactory::newFactory);

	public static XMLStreamReader reader(InputStream in) throws XMLStreamException {
		return INPUT.get().createXMLStreamReader(in);
	}

	/** This thread's output factory, for writers of fragments. */
	static XMLOutputFactory output() {
		return OUTPUT.get();
	}

	private static XMLInputFactory inputFactory() {
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
		trySet(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
		trySet(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		trySet(factory, "jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
		return factory;
	}

	/**
	 * A writer that declares every namespace itself (non-repairing): see {@link XmlFragments}. The JDK's
	 * writer on a stream encodes one character at a time into it (a call and a lock per byte: most of a
	 * multiget of 1,000 events); on a writer it hands over whole runs of text, which a buffered UTF-8
	 * writer encodes at once. {@code flush()} empties the buffers.
	 */
	public static XMLStreamWriter writer(OutputStream out) throws XMLStreamException {
		Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
		return OUTPUT.get().createXMLStreamWriter(text);
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
