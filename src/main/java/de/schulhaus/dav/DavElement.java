package de.schulhaus.dav;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import de.schulhaus.dav.internal.DavXml;

/**
 * A request body's element as a small tree, read with the hardened parser (no DTDs, bounded depth and
 * size): REPORT bodies are a few elements, and their filters are easier to follow as a tree.
 *
 * @param text the element's own text, trimmed; empty when it has only children
 */
public record DavElement(QName name, Map<String, String> attributes, String text, List<DavElement> children) {

	public static DavElement parse(byte[] body) {
		if (body.length == 0) {
			throw new DavException(400, "The request needs an XML body.");
		}
		try {
			XMLStreamReader in = DavXml.reader(new ByteArrayInputStream(body));
			in.nextTag();
			DavElement root = read(in);
			while (in.hasNext()) {
				in.next();
			}
			return root;
		}
		catch (XMLStreamException | RuntimeException ex) {
			throw ex instanceof DavException d ? d : new DavException(400, "The request body is not well-formed XML: " + ex.getMessage());
		}
	}

	private static DavElement read(XMLStreamReader in) throws XMLStreamException {
		QName name = new QName(in.getNamespaceURI() == null ? "" : in.getNamespaceURI(), in.getLocalName());
		Map<String, String> attributes = new LinkedHashMap<>();
		for (int i = 0; i < in.getAttributeCount(); i++) {
			attributes.put(in.getAttributeLocalName(i), in.getAttributeValue(i));
		}
		StringBuilder text = new StringBuilder();
		List<DavElement> children = new ArrayList<>();
		while (true) {
			int event = in.next();
			if (event == XMLStreamReader.START_ELEMENT) {
				children.add(read(in));
			}
			else if (event == XMLStreamReader.CHARACTERS || event == XMLStreamReader.CDATA || event == XMLStreamReader.SPACE) {
				text.append(in.getText());
			}
			else if (event == XMLStreamReader.END_ELEMENT) {
				return new DavElement(name, attributes, text.toString().strip(), children);
			}
		}
	}

	public boolean is(String namespace, String local) {
		return name.getNamespaceURI().equals(namespace) && name.getLocalPart().equals(local);
	}

	public Optional<DavElement> child(String namespace, String local) {
		return children.stream().filter(c -> c.is(namespace, local)).findFirst();
	}

	public List<DavElement> all(String namespace, String local) {
		return children.stream().filter(c -> c.is(namespace, local)).toList();
	}

	public Optional<String> attribute(String local) {
		return Optional.ofNullable(attributes.get(local));
	}

	/** The names inside a {@code DAV:prop} child, as PROPFIND and REPORT bodies list them. */
	public List<QName> requestedProperties() {
		return child(DavXml.DAV, "prop").map(p -> p.children().stream().map(DavElement::name).toList()).orElse(List.of());
	}
}
