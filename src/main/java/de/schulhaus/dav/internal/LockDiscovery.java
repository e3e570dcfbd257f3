package de.schulhaus.dav.internal;

import java.time.Instant;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import de.schulhaus.dav.DavPath;

/** Writes {@code lockdiscovery} and {@code supportedlock} from the locks of a tree, loaded once per request. */
public final class LockDiscovery {

	private final List<ActiveLock> locks;
	private final String hrefPrefix;

	public LockDiscovery(List<ActiveLock> locks, String hrefPrefix) {
		this.locks = locks;
		this.hrefPrefix = hrefPrefix;
	}

	public void write(DavPath path, Multistatus out) throws XMLStreamException {
		for (ActiveLock lock : locks) {
			if (lock.covers(path)) {
				activeLock(lock, out, hrefPrefix);
			}
		}
	}

	static void activeLock(ActiveLock lock, Multistatus out, String hrefPrefix) throws XMLStreamException {
		var xml = out.writer();
		out.dav("activelock");
		out.dav("locktype");
		out.dav("write");
		xml.writeEndElement();
		xml.writeEndElement();
		out.dav("lockscope");
		out.dav(lock.exclusive() ? "exclusive" : "shared");
		xml.writeEndElement();
		xml.writeEndElement();
		out.dav("depth");
		xml.writeCharacters(lock.deep() ? "infinity" : "0");
		xml.writeEndElement();
		if (lock.ownerXml() != null) {
			out.dav("owner");
			XmlFragments.replay(lock.ownerXml(), xml);
			xml.writeEndElement();
		}
		out.dav("timeout");
		xml.writeCharacters("Second-" + lock.secondsLeft(Instant.now()));
		xml.writeEndElement();
		out.dav("locktoken");
		out.dav("href");
		xml.writeCharacters(lock.token());
		xml.writeEndElement();
		xml.writeEndElement();
		out.dav("lockroot");
		out.dav("href");
		xml.writeCharacters(Hrefs.href(hrefPrefix, lock.path(), false));
		xml.writeEndElement();
		xml.writeEndElement();
		xml.writeEndElement();
	}

	static void supportedLock(Multistatus out) throws XMLStreamException {
		var xml = out.writer();
		for (String scope : List.of("exclusive", "shared")) {
			out.dav("lockentry");
			out.dav("lockscope");
			out.dav(scope);
			xml.writeEndElement();
			xml.writeEndElement();
			out.dav("locktype");
			out.dav("write");
			xml.writeEndElement();
			xml.writeEndElement();
			xml.writeEndElement();
		}
	}
}
