package de.schulhaus.dav.internal;

import java.io.IOException;

import javax.xml.namespace.NamespaceContext;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The JDK's StAX writer for markup, {@link Utf8Sink} for character data: what {@link DavXml#writer} hands out.
 * Text goes to the sink after the writer has closed a pending start tag and emptied its buffer into it,
 * so the order of the document is kept.
 */
final class DavXmlWriter implements XMLStreamWriter {

	private final XMLStreamWriter xml;
	private final Utf8Sink sink;

	DavXmlWriter(XMLStreamWriter xml, Utf8Sink sink) {
		this.xml = xml;
		this.sink = sink;
	}

	@Override
	public void writeCharacters(String text) throws XMLStreamException {
		if (text == null || text.isEmpty()) {
			xml.writeCharacters(text);
			return;
		}
		// closes a start tag that is still open, then moves what the writer buffered into the sink
		xml.writeCharacters("");
		sink.hold(true);
		try {
			xml.flush();
		}
		finally {
			sink.hold(false);
		}
		try {
			sink.text(text);
		}
		catch (IOException ex) {
			throw new XMLStreamException(ex);
		}
	}

	@Override
	public void writeCharacters(char[] text, int start, int len) throws XMLStreamException {
		writeCharacters(new String(text, start, len));
	}

	@Override
	public void writeStartElement(String localName) throws XMLStreamException {
		xml.writeStartElement(localName);
	}

	@Override
	public void writeStartElement(String namespaceURI, String localName) throws XMLStreamException {
		xml.writeStartElement(namespaceURI, localName);
	}

	@Override
	public void writeStartElement(String prefix, String localName, String namespaceURI) throws XMLStreamException {
		xml.writeStartElement(prefix, localName, namespaceURI);
	}

	@Override
	public void writeEmptyElement(String namespaceURI, String localName) throws XMLStreamException {
		xml.writeEmptyElement(namespaceURI, localName);
	}

	@Override
	public void writeEmptyElement(String prefix, String localName, String namespaceURI) throws XMLStreamException {
		xml.writeEmptyElement(prefix, localName, namespaceURI);
	}

	@Override
	public void writeEmptyElement(String localName) throws XMLStreamException {
		xml.writeEmptyElement(localName);
	}

	@Override
	public void writeEndElement() throws XMLStreamException {
		xml.writeEndElement();
	}

	@Override
	public void writeEndDocument() throws XMLStreamException {
		xml.writeEndDocument();
	}

	@Override
	public void close() throws XMLStreamException {
		xml.close();
	}

	@Override
	public void flush() throws XMLStreamException {
		xml.flush();
	}

	@Override
	public void writeAttribute(String localName, String value) throws XMLStreamException {
		xml.writeAttribute(localName, value);
	}

	@Override
	public void writeAttribute(String prefix, String namespaceURI, String localName, String value) throws XMLStreamException {
		xml.writeAttribute(prefix, namespaceURI, localName, value);
	}

	@Override
	public void writeAttribute(String namespaceURI, String localName, String value) throws XMLStreamException {
		xml.writeAttribute(namespaceURI, localName, value);
	}

	@Override
	public void writeNamespace(String prefix, String namespaceURI) throws XMLStreamException {
		xml.writeNamespace(prefix, namespaceURI);
	}

	@Override
	public void writeDefaultNamespace(String namespaceURI) throws XMLStreamException {
		xml.writeDefaultNamespace(namespaceURI);
	}

	@Override
	public void writeComment(String data) throws XMLStreamException {
		xml.writeComment(data);
	}

	@Override
	public void writeProcessingInstruction(String target) throws XMLStreamException {
		xml.writeProcessingInstruction(target);
	}

	@Override
	public void writeProcessingInstruction(String target, String data) throws XMLStreamException {
		xml.writeProcessingInstruction(target, data);
	}

	@Override
	public void writeCData(String data) throws XMLStreamException {
		xml.writeCData(data);
	}

	@Override
	public void writeDTD(String dtd) throws XMLStreamException {
		xml.writeDTD(dtd);
	}

	@Override
	public void writeEntityRef(String name) throws XMLStreamException {
		xml.writeEntityRef(name);
	}

	@Override
	public void writeStartDocument() throws XMLStreamException {
		xml.writeStartDocument();
	}

	@Override
	public void writeStartDocument(String version) throws XMLStreamException {
		xml.writeStartDocument(version);
	}

	@Override
	public void writeStartDocument(String encoding, String version) throws XMLStreamException {
		xml.writeStartDocument(encoding, version);
	}

	@Override
	public String getPrefix(String uri) throws XMLStreamException {
		return xml.getPrefix(uri);
	}

	@Override
	public void setPrefix(String prefix, String uri) throws XMLStreamException {
		xml.setPrefix(prefix, uri);
	}

	@Override
	public void setDefaultNamespace(String uri) throws XMLStreamException {
		xml.setDefaultNamespace(uri);
	}

	@Override
	public void setNamespaceContext(NamespaceContext context) throws XMLStreamException {
		xml.setNamespaceContext(context);
	}

	@Override
	public NamespaceContext getNamespaceContext() {
		return xml.getNamespaceContext();
	}

	@Override
	public Object getProperty(String name) {
		return xml.getProperty(name);
	}
}
