package de.schulhaus.dav;

import java.util.Map;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes property values for an extension into the engine's answer. Elements outside {@code DAV:}
 * declare their namespace on themselves, so a value means the same wherever it stands.
 */
public final class DavXmlOut {

	public static final String DAV = "DAV:";

	private static final Map<String, String> PREFIXES = Map.of(DAV, "D", "urn:ietf:params:xml:ns:caldav", "C",
			"urn:ietf:params:xml:ns:carddav", "CR", "http://calendarserver.org/ns/", "CS", "http://apple.com/ns/ical/", "ICAL");

	private final XMLStreamWriter out;

	public DavXmlOut(XMLStreamWriter out) {
		this.out = out;
	}

	public DavXmlOut start(QName name) throws XMLStreamException {
		String ns = name.getNamespaceURI();
		if (DAV.equals(ns)) {
			out.writeStartElement("D", name.getLocalPart(), DAV);
			return this;
		}
		String prefix = PREFIXES.get(ns);
		if (prefix == null) {
			out.writeStartElement("", name.getLocalPart(), ns);
			out.writeDefaultNamespace(ns);
		}
		else {
			out.writeStartElement(prefix, name.getLocalPart(), ns);
			out.writeNamespace(prefix, ns);
		}
		return this;
	}

	public DavXmlOut end() throws XMLStreamException {
		out.writeEndElement();
		return this;
	}

	public DavXmlOut text(String text) throws XMLStreamException {
		out.writeCharacters(text);
		return this;
	}

	public DavXmlOut attribute(String name, String value) throws XMLStreamException {
		out.writeAttribute(name, value);
		return this;
	}

	/** An element with only text. */
	public DavXmlOut element(QName name, String text) throws XMLStreamException {
		return start(name).text(text).end();
	}

	public DavXmlOut empty(QName name) throws XMLStreamException {
		return start(name).end();
	}

	/**
	 * {@code DAV:current-user-privilege-set} (RFC 3744) as clients read it to tell a read-only collection:
	 * reading only, or reading and changing its members and properties.
	 */
	public DavXmlOut privileges(boolean write, QName... more) throws XMLStreamException {
		start(new QName(DAV, "current-user-privilege-set"));
		java.util.List<String> granted = write
				? java.util.List.of("read", "read-current-user-privilege-set", "write", "write-content", "write-properties", "bind", "unbind")
				: java.util.List.of("read", "read-current-user-privilege-set");
		for (String privilege : granted) {
			start(new QName(DAV, "privilege")).empty(new QName(DAV, privilege)).end();
		}
		if (write) {
			for (QName privilege : more) {
				start(new QName(DAV, "privilege")).empty(privilege).end();
			}
		}
		return end();
	}

	/** {@code <D:href>…</D:href>}. */
	public DavXmlOut href(String href) throws XMLStreamException {
		return element(new QName(DAV, "href"), href);
	}
}
