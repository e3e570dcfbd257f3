package de.schulhaus.dav.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;

import de.schulhaus.dav.DavExtension;
import de.schulhaus.dav.DavQuota;
import de.schulhaus.dav.DavResource;
import de.schulhaus.dav.DavXmlOut;
import de.schulhaus.dav.DeadProperty;

/**
 * The propstats of one resource, for PROPFIND and REPORT alike: RFC 4918's live properties, the tree's
 * extension's, values a report computed, dead properties; what the resource lacks goes into a 404 propstat.
 */
final class PropertyWriter {

	private final DavExtension extension;
	private final LockDiscovery locks;
	private final Optional<DavQuota> quota;

	PropertyWriter(DavExtension extension, LockDiscovery locks, Optional<DavQuota> quota) {
		this.extension = extension;
		this.locks = locks;
		this.quota = quota;
	}

	boolean isLive(QName name) {
		return LiveProperties.isLive(name) || extension.isLive(name);
	}

	void write(DavResource resource, List<DeadProperty> dead, DavRequests.Propfind query, Map<QName, String> values, Multistatus out)
			throws XMLStreamException {
		switch (query.kind()) {
			case PROPNAME -> names(resource, dead, out);
			case ALLPROP -> all(resource, dead, out);
			case PROP -> some(resource, dead, query.names(), values, out);
		}
	}

	private List<QName> live(DavResource resource) {
		List<QName> names = new ArrayList<>(LiveProperties.of(resource));
		names.addAll(extension.liveProperties(resource));
		return names;
	}

	private void names(DavResource resource, List<DeadProperty> dead, Multistatus out) throws XMLStreamException {
		out.startPropstat();
		for (QName name : live(resource)) {
			out.emptyProperty(name);
		}
		for (DeadProperty property : dead) {
			out.emptyProperty(property.name());
		}
		out.endPropstat(200);
	}

	private void all(DavResource resource, List<DeadProperty> dead, Multistatus out) throws XMLStreamException {
		out.startPropstat();
		for (QName name : live(resource)) {
			writeLive(name, resource, out);
		}
		for (DeadProperty property : dead) {
			deadValue(property, out);
		}
		out.endPropstat(200);
	}

	private void some(DavResource resource, List<DeadProperty> dead, List<QName> names, Map<QName, String> values, Multistatus out)
			throws XMLStreamException {
		Map<QName, DeadProperty> byName = new LinkedHashMap<>();
		dead.forEach(p -> byName.put(p.name(), p));
		List<QName> missing = new ArrayList<>();
		out.startPropstat();
		for (QName name : names) {
			boolean written;
			if (values.containsKey(name)) {
				new DavXmlOut(out.writer()).element(name, values.get(name));
				written = true;
			}
			else if (LiveProperties.isQuota(name)) {
				written = LiveProperties.writeQuota(name, resource, quota, out);
			}
			else if (isLive(name)) {
				written = writeLive(name, resource, out);
			}
			else if (byName.containsKey(name)) {
				deadValue(byName.get(name), out);
				written = true;
			}
			else {
				written = false;
			}
			if (!written) {
				missing.add(name);
			}
		}
		out.endPropstat(200);
		if (!missing.isEmpty()) {
			out.startPropstat();
			for (QName name : missing) {
				out.emptyProperty(name);
			}
			out.endPropstat(404);
		}
	}

	private boolean writeLive(QName name, DavResource resource, Multistatus out) throws XMLStreamException {
		if (extension.isLive(name)) {
			return extension.writeProperty(name, resource, new DavXmlOut(out.writer()));
		}
		if (name.getNamespaceURI().equals(DavXml.DAV) && name.getLocalPart().equals("resourcetype")) {
			DavXmlOut xml = new DavXmlOut(out.writer());
			out.dav("resourcetype");
			if (resource.collection()) {
				out.dav("collection");
				out.writer().writeEndElement();
			}
			for (QName type : extension.resourceTypes(resource)) {
				xml.empty(type);
			}
			out.writer().writeEndElement();
			return true;
		}
		return LiveProperties.write(name, resource, out, locks);
	}

	private static void deadValue(DeadProperty property, Multistatus out) throws XMLStreamException {
		QName name = property.name();
		XmlFragments.startElement(name.getPrefix(), name.getLocalPart(), name.getNamespaceURI(), out.writer());
		XmlFragments.replay(property.xml(), out.writer());
		out.writer().writeEndElement();
	}
}
