package de.schulhaus.dav.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DeadProperty;

/** Parses PROPFIND and PROPPATCH bodies with the hardened reader; malformed XML is a 400. */
public final class DavRequests {

	public enum PropfindKind {
		ALLPROP, PROPNAME, PROP
	}

	public record Propfind(PropfindKind kind, List<QName> names) {
	}

	/** One instruction of a PROPPATCH, in document order: a set ({@code property}) or a remove ({@code name}). */
	public record Patch(QName name, DeadProperty property) {

		public boolean remove() {
			return property == null;
		}
	}

	private DavRequests() {
	}

	public static byte[] body(InputStream in) throws IOException {
		byte[] body = in.readNBytes((int) DavXml.MAX_BODY + 1);
		if (body.length > DavXml.MAX_BODY) {
			throw new DavException(413, "The request body is larger than " + DavXml.MAX_BODY + " bytes.");
		}
		return body;
	}

	public static Propfind propfind(byte[] body) {
		if (body.length == 0) {
			return new Propfind(PropfindKind.ALLPROP, List.of());
		}
		try {
			XMLStreamReader in = DavXml.reader(new ByteArrayInputStream(body));
			expect(in, "propfind");
			PropfindKind kind = null;
			List<QName> names = new ArrayList<>();
			while (in.nextTag() == XMLStreamReader.START_ELEMENT) {
				if (isDav(in, "prop")) {
					kind = PropfindKind.PROP;
					while (in.nextTag() == XMLStreamReader.START_ELEMENT) {
						names.add(in.getName());
						skip(in);
					}
				}
				else {
					if (isDav(in, "allprop")) {
						kind = PropfindKind.ALLPROP;
					}
					else if (isDav(in, "propname")) {
						kind = PropfindKind.PROPNAME;
					}
					skip(in);
				}
			}
			drain(in);
			if (kind == null) {
				throw new DavException(400, "A propfind names prop, allprop or propname.");
			}
			return new Propfind(kind, names);
		}
		catch (XMLStreamException | RuntimeException ex) {
			throw ex instanceof DavException d ? d : new DavException(400, "The request body is not well-formed XML: " + ex.getMessage());
		}
	}

	public static List<Patch> proppatch(byte[] body) {
		try {
			XMLStreamReader in = DavXml.reader(new ByteArrayInputStream(body));
			expect(in, "propertyupdate");
			List<Patch> patches = new ArrayList<>();
			while (in.nextTag() == XMLStreamReader.START_ELEMENT) {
				boolean set = isDav(in, "set");
				if (!set && !isDav(in, "remove")) {
					skip(in);
					continue;
				}
				while (in.nextTag() == XMLStreamReader.START_ELEMENT) {
					if (!isDav(in, "prop")) {
						skip(in);
						continue;
					}
					while (in.nextTag() == XMLStreamReader.START_ELEMENT) {
						QName name = in.getName();
						if (set) {
							patches.add(new Patch(name, new DeadProperty(name, XmlFragments.capture(in))));
						}
						else {
							patches.add(new Patch(name, null));
							skip(in);
						}
					}
				}
			}
			drain(in);
			if (patches.isEmpty()) {
				throw new DavException(400, "A propertyupdate sets or removes at least one property.");
			}
			return patches;
		}
		catch (XMLStreamException | RuntimeException ex) {
			throw ex instanceof DavException d ? d : new DavException(400, "The request body is not well-formed XML: " + ex.getMessage());
		}
	}

	private static void expect(XMLStreamReader in, String root) throws XMLStreamException {
		expect(in, DavXml.DAV, root);
	}

	private static void expect(XMLStreamReader in, String ns, String root) throws XMLStreamException {
		if (in.nextTag() != XMLStreamReader.START_ELEMENT || !ns.equals(in.getNamespaceURI()) || !root.equals(in.getLocalName())) {
			throw new DavException(400, "The body's root element is not " + ns + root + ".");
		}
	}

	/**
	 * The properties an MKCALENDAR ({@code CALDAV:mkcalendar}) or extended MKCOL ({@code DAV:mkcol}, RFC 5689)
	 * body sets, {@code DAV:resourcetype} included.
	 */
	public static List<DeadProperty> collectionProperties(byte[] body, String ns, String root) {
		try {
			XMLStreamReader in = DavXml.reader(new ByteArrayInputStream(body));
			expect(in, ns, root);
			List<DeadProperty> set = new ArrayList<>();
			while (in.nextTag() == XMLStreamReader.START_ELEMENT) {
				if (!isDav(in, "set")) {
					skip(in);
					continue;
				}
				while (in.nextTag() == XMLStreamReader.START_ELEMENT) {
					if (!isDav(in, "prop")) {
						skip(in);
						continue;
					}
					while (in.nextTag() == XMLStreamReader.START_ELEMENT) {
						QName name = in.getName();
						set.add(new DeadProperty(name, XmlFragments.capture(in)));
					}
				}
			}
			drain(in);
			return set;
		}
		catch (XMLStreamException | RuntimeException ex) {
			throw ex instanceof DavException d ? d : new DavException(400, "The request body is not well-formed XML: " + ex.getMessage());
		}
	}

	private static boolean isDav(XMLStreamReader in, String local) {
		return DavXml.DAV.equals(in.getNamespaceURI()) && local.equals(in.getLocalName());
	}

	/** Skips the element the reader is on, leaving it on its end tag. */
	private static void skip(XMLStreamReader in) throws XMLStreamException {
		int depth = 1;
		while (depth > 0) {
			int event = in.next();
			if (event == XMLStreamReader.START_ELEMENT) {
				depth++;
			}
			else if (event == XMLStreamReader.END_ELEMENT) {
				depth--;
			}
		}
	}

	/** Reads to the end so that a malformed tail is noticed too. */
	private static void drain(XMLStreamReader in) throws XMLStreamException {
		while (in.hasNext()) {
			in.next();
		}
	}
}
