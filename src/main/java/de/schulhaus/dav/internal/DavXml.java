package de.schulhaus.dav.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * XML for WebDAV bodies, which come from any client: no DTDs, no external entities, at most
 * {@link #MAX_DEPTH} nested elements and a bounded body. Factories are not specified to be thread-safe,
 * and finding one (the service look-up through every jar) cost more than reading a small body: made and
 * configured once, they are lent to one thread at a time. (Not per thread: requests run on virtual
 * threads, a new one each time, so a thread's own factory was looked up again for every request.)
 */
public final class DavXml {

	public static final String DAV = "DAV:";
	/** PROPFIND and PROPPATCH bodies are small; a megabyte is plenty for dead properties. */
	public static final long MAX_BODY = 1024 * 1024;
	static final int MAX_DEPTH = 64;

	private DavXml() {
	}

	private static final Queue<XMLInputFactory> INPUT = new ConcurrentLinkedQueue<>();
	private static final Queue<XMLOutputFactory> OUTPUT = new ConcurrentLinkedQueue<>();

	public static XMLStreamReader reader(InputStream in) throws XMLStreamException {
		XMLInputFactory factory = INPUT.poll();
		if (factory == null) {
			factory = inputFactory();
		}
		try {
			return factory.createXMLStreamReader(in);
		}
		finally {
			INPUT.offer(factory);
		}
	}

	/** A writer of fragments onto {@code out}, which declares every namespace itself. */
	static XMLStreamWriter fragmentWriter(Writer out) throws XMLStreamException {
		XMLOutputFactory factory = OUTPUT.poll();
		if (factory == null) {
			// the JDK's own (not a provider found on the class path): DavXmlWriter relies on how it escapes and buffers
			factory = XMLOutputFactory.newDefaultFactory();
		}
		try {
			return factory.createXMLStreamWriter(out);
		}
		finally {
			OUTPUT.offer(factory);
		}
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
	 * multiget of 1,000 events); here it writes its markup into a buffer that encodes whole runs as UTF-8,
	 * and character data is escaped there too ({@link Utf8Sink}). {@code flush()} empties the buffers.
	 */
	public static XMLStreamWriter writer(OutputStream out) throws XMLStreamException {
		Utf8Sink sink = new Utf8Sink(out);
		return new DavXmlWriter(fragmentWriter(sink), sink);
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
