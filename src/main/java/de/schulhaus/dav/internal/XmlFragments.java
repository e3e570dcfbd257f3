package de.schulhaus.dav.internal;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * A dead property's value kept as an XML fragment in which every element declares its own namespace,
 * so that it means the same wherever it is written back, whatever prefixes surround it.
 */
public final class XmlFragments {

	private XmlFragments() {
	}

	/** The content of the element the reader is on, up to and including its end tag, as a fragment. */
	public static String capture(XMLStreamReader in) throws XMLStreamException {
		StringWriter text = new StringWriter();
		XMLStreamWriter out = DavXml.fragmentWriter(text);
		// a wrapper element: writers (Woodstox) refuse text outside an element
		out.writeStartElement("v");
		copyContent(in, out);
		out.writeEndElement();
		out.flush();
		String wrapped = text.toString();
		return wrapped.equals("<v/>") || wrapped.length() < 7 ? "" : wrapped.substring(3, wrapped.length() - 4);
	}

	/** Writes a captured fragment into {@code out}. */
	public static void replay(String fragment, XMLStreamWriter out) throws XMLStreamException {
		if (fragment == null || fragment.isEmpty()) {
			return;
		}
		byte[] wrapped = ("<v>" + fragment + "</v>").getBytes(StandardCharsets.UTF_8);
		XMLStreamReader in = DavXml.reader(new ByteArrayInputStream(wrapped));
		in.nextTag();
		copyContent(in, out);
		in.close();
	}

	/** Copies everything inside the current element and leaves the reader on its end tag. */
	static void copyContent(XMLStreamReader in, XMLStreamWriter out) throws XMLStreamException {
		int depth = 0;
		while (in.hasNext()) {
			int event = in.next();
			switch (event) {
				case XMLStreamConstants.START_ELEMENT -> {
					depth++;
					startElement(in.getPrefix(), in.getLocalName(), in.getNamespaceURI(), out);
					for (int i = 0; i < in.getAttributeCount(); i++) {
						String ns = in.getAttributeNamespace(i);
						if (ns == null || ns.isEmpty()) {
							out.writeAttribute(in.getAttributeLocalName(i), in.getAttributeValue(i));
						}
						else {
							out.writeNamespace("a" + i, ns);
							out.writeAttribute("a" + i, ns, in.getAttributeLocalName(i), in.getAttributeValue(i));
						}
					}
				}
				case XMLStreamConstants.END_ELEMENT -> {
					if (depth == 0) {
						return;
					}
					depth--;
					out.writeEndElement();
				}
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA -> out.writeCharacters(in.getText());
				default -> {
					// comments and processing instructions are no part of a value
				}
			}
		}
	}

	/** An element that declares its namespace on itself: {@code <p:x xmlns:p="…">} or {@code <x xmlns="…">}. */
	public static void startElement(String prefix, String local, String ns, XMLStreamWriter out) throws XMLStreamException {
		String uri = ns == null ? "" : ns;
		if (prefix == null || prefix.isEmpty() || uri.isEmpty()) {
			out.writeStartElement("", local, uri);
			out.writeDefaultNamespace(uri);
		}
		else {
			out.writeStartElement(prefix, local, uri);
			out.writeNamespace(prefix, uri);
		}
	}
}
