package de.schulhaus.dav.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;

import de.schulhaus.dav.DavQuota;
import de.schulhaus.dav.DavResource;

/** The properties the server computes (RFC 4918 section 15); clients cannot set them. */
public final class LiveProperties {

	static final List<String> NAMES = List.of("creationdate", "getlastmodified", "getetag", "getcontentlength", "getcontenttype",
			"resourcetype", "supportedlock", "lockdiscovery");

	/**
	 * RFC 4331's quota properties: protected like the others, but computed only when named, since they
	 * cost the repository queries and RFC 4331 keeps them out of allprop.
	 */
	static final List<String> QUOTA = List.of("quota-available-bytes", "quota-used-bytes");

	private LiveProperties() {
	}

	public static boolean isLive(QName name) {
		return DavXml.DAV.equals(name.getNamespaceURI()) && (NAMES.contains(name.getLocalPart()) || QUOTA.contains(name.getLocalPart()));
	}

	public static boolean isQuota(QName name) {
		return DavXml.DAV.equals(name.getNamespaceURI()) && QUOTA.contains(name.getLocalPart());
	}

	/** Writes a quota property of a collection; false for a file or a tree without quota. */
	public static boolean writeQuota(QName name, DavResource resource, Optional<DavQuota> quota, Multistatus out) throws XMLStreamException {
		if (!resource.collection() || quota.isEmpty()) {
			return false;
		}
		out.dav(name.getLocalPart());
		long value = name.getLocalPart().equals("quota-used-bytes") ? quota.get().usedBytes() : quota.get().availableBytes();
		out.writer().writeCharacters(String.valueOf(value));
		out.writer().writeEndElement();
		return true;
	}

	/** The live properties this resource has. */
	public static List<QName> of(DavResource resource) {
		List<QName> names = new ArrayList<>();
		for (String name : NAMES) {
			if (!resource.collection() || !name.startsWith("getcontent")) {
				names.add(new QName(DavXml.DAV, name));
			}
		}
		return names;
	}

	/** Writes the property's element with its value; false if the resource has no such live property. */
	public static boolean write(QName name, DavResource resource, Multistatus out, LockDiscovery locks) throws XMLStreamException {
		if (!isLive(name) || isQuota(name) || (resource.collection() && name.getLocalPart().startsWith("getcontent"))) {
			return false;
		}
		var xml = out.writer();
		out.dav(name.getLocalPart());
		switch (name.getLocalPart()) {
			case "creationdate" -> xml.writeCharacters(DateTimeFormatter.ISO_INSTANT.format(resource.created().truncatedTo(ChronoUnit.SECONDS)));
			case "getlastmodified" -> xml.writeCharacters(httpDate(resource));
			case "getetag" -> xml.writeCharacters("\"" + resource.etag() + "\"");
			case "getcontentlength" -> xml.writeCharacters(String.valueOf(resource.length()));
			case "getcontenttype" -> xml.writeCharacters(resource.contentType());
			case "resourcetype" -> {
				if (resource.collection()) {
					out.dav("collection");
					xml.writeEndElement();
				}
			}
			case "supportedlock" -> LockDiscovery.supportedLock(out);
			case "lockdiscovery" -> locks.write(resource.path(), out);
			default -> throw new IllegalStateException(name.toString());
		}
		xml.writeEndElement();
		return true;
	}

	public static String httpDate(DavResource resource) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(resource.modified().atOffset(ZoneOffset.UTC));
	}
}
