package de.schulhaus.dav.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A 207 Multi-Status body streamed onto the response with StAX: one {@code response} per resource,
 * written as it is ready, never a whole document in memory.
 */
public final class Multistatus implements AutoCloseable {

	private final XMLStreamWriter out;

	public Multistatus(HttpServletResponse response) throws IOException, XMLStreamException {
		response.setStatus(207);
		response.setContentType("application/xml;charset=UTF-8");
		out = DavXml.writer(response.getOutputStream());
		out.writeStartDocument("UTF-8", "1.0");
		out.setPrefix("D", DavXml.DAV);
		out.writeStartElement("D", "multistatus", DavXml.DAV);
		out.writeNamespace("D", DavXml.DAV);
	}

	/** Writes elements into a document someone else opened (the LOCK answer's {@code prop}). */
	Multistatus(XMLStreamWriter out) {
		this.out = out;
	}

	public XMLStreamWriter writer() {
		return out;
	}

	public void startResponse(String href) throws XMLStreamException {
		dav("response");
		dav("href");
		out.writeCharacters(href);
		out.writeEndElement();
	}

	public void startPropstat() throws XMLStreamException {
		dav("propstat");
		dav("prop");
	}

	/** Closes {@code prop} and the propstat with its status. */
	public void endPropstat(int status) throws XMLStreamException {
		out.writeEndElement();
		status(status);
		out.writeEndElement();
	}

	public void status(int status) throws XMLStreamException {
		dav("status");
		out.writeCharacters("HTTP/1.1 " + status + " " + reason(status));
		out.writeEndElement();
	}

	public void endResponse() throws XMLStreamException {
		out.writeEndElement();
	}

	/** An empty property element, as propname and 404 propstats list them. */
	public void emptyProperty(QName name) throws XMLStreamException {
		XmlFragments.startElement(name.getPrefix(), name.getLocalPart(), name.getNamespaceURI(), out);
		out.writeEndElement();
	}

	public void dav(String local) throws XMLStreamException {
		out.writeStartElement("D", local, DavXml.DAV);
	}

	@Override
	public void close() throws XMLStreamException {
		out.writeEndElement();
		out.writeEndDocument();
		out.flush();
	}

	static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 409 -> "Conflict";
			case 423 -> "Locked";
			case 424 -> "Failed Dependency";
			case 507 -> "Insufficient Storage";
			default -> "Status";
		};
	}

	static byte[] utf8(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}
}
