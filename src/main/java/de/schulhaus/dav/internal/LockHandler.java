package de.schulhaus.dav.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;

/**
 * LOCK (new write locks, exclusive or shared, depth 0 or infinity; refreshes through the If header;
 * a lock on an unmapped path creates an empty file) and UNLOCK.
 */
public final class LockHandler {

	/** As long as the column that keeps it. */
	static final int MAX_OWNER = 4000;

	private LockHandler() {
	}

	public static void lock(DavExchange x) throws IOException, XMLStreamException {
		Duration timeout = DavLocks.timeout(x.request().getHeader("Timeout"));
		byte[] body = DavRequests.body(x.request().getInputStream());
		if (body.length == 0) {
			refresh(x, timeout);
			return;
		}
		LockInfo info = parse(body);
		String depth = x.request().getHeader("Depth");
		boolean deep = depth == null || depth.equalsIgnoreCase("infinity");
		if (!deep && !depth.equals("0")) {
			throw new DavException(400, "LOCK takes Depth 0 or infinity.");
		}
		for (ActiveLock lock : x.locks()) {
			boolean overlaps = lock.covers(x.path()) || (deep && lock.path().within(x.path()));
			if (overlaps && (lock.exclusive() || info.exclusive())) {
				throw new DavException(423, "The resource is locked already.", "no-conflicting-lock");
			}
		}
		boolean created = false;
		if (x.target().isEmpty()) {
			DavResource parent = x.repo().find(x.path().parent()).filter(DavResource::collection)
				.orElseThrow(() -> new DavException(409, "The parent collection does not exist."));
			Preconditions.checkUnlocked(x, parent.path(), false, false);
			x.repo().write(x.path(), new ByteArrayInputStream(new byte[0]), "application/octet-stream", 0);
			created = true;
		}
		// stored at its place in the whole tree: a view of part of it (a share) and the tree's owner see the same lock
		ActiveLock lock = x.lockStore().create(x.repo().schoolId(), x.repo().lockSpace(), x.path().rebase(DavPath.ROOT, x.repo().lockRoot()),
				deep, info.exclusive(), info.ownerXml(), timeout).at(x.path());
		x.response().setHeader("Lock-Token", "<" + lock.token() + ">");
		answer(x, lock, created ? 201 : 200);
	}

	private static void refresh(DavExchange x, Duration timeout) throws IOException, XMLStreamException {
		Optional<ActiveLock> refreshed = Optional.empty();
		for (String token : x.ifHeader().submittedTokens()) {
			Optional<ActiveLock> lock = x.locks().stream().filter(l -> l.token().equals(token) && l.covers(x.path())).findFirst();
			if (lock.isPresent()) {
				DavPath seen = lock.get().path();
				refreshed = x.lockStore().refresh(x.repo().schoolId(), x.repo().lockSpace(), token, timeout).map(l -> l.at(seen));
			}
		}
		if (refreshed.isEmpty()) {
			throw new DavException(412, "A refresh names a lock of this resource in the If header.", "lock-token-matches-request-uri");
		}
		answer(x, refreshed.get(), 200);
	}

	private static void answer(DavExchange x, ActiveLock lock, int status) throws IOException, XMLStreamException {
		x.response().setStatus(status);
		x.response().setContentType("application/xml;charset=UTF-8");
		XMLStreamWriter xml = DavXml.writer(x.response().getOutputStream());
		xml.writeStartDocument("UTF-8", "1.0");
		xml.writeStartElement("D", "prop", DavXml.DAV);
		xml.writeNamespace("D", DavXml.DAV);
		xml.writeStartElement("D", "lockdiscovery", DavXml.DAV);
		LockDiscovery.activeLock(lock, new Multistatus(xml), x.prefix());
		xml.writeEndElement();
		xml.writeEndElement();
		xml.writeEndDocument();
		xml.flush();
	}

	public static void unlock(DavExchange x) {
		String header = x.request().getHeader("Lock-Token");
		String token = header == null ? "" : header.trim().replaceAll("^<|>$", "");
		List<ActiveLock> matching = x.locks().stream().filter(l -> l.token().equals(token) && l.covers(x.path())).toList();
		if (matching.isEmpty() || !x.lockStore().remove(x.repo().schoolId(), x.repo().lockSpace(), token)) {
			throw new DavException(409, "No lock with this token covers the resource.", "lock-token-matches-request-uri");
		}
		x.response().setStatus(204);
	}

	record LockInfo(boolean exclusive, String ownerXml) {
	}

	private static LockInfo parse(byte[] body) {
		try {
			XMLStreamReader in = DavXml.reader(new ByteArrayInputStream(body));
			if (in.nextTag() != XMLStreamReader.START_ELEMENT || !isDav(in, "lockinfo")) {
				throw new DavException(400, "A LOCK body is a DAV:lockinfo.");
			}
			Boolean exclusive = null;
			String owner = null;
			while (in.nextTag() == XMLStreamReader.START_ELEMENT) {
				if (isDav(in, "owner")) {
					owner = XmlFragments.capture(in);
					if (owner.length() > MAX_OWNER) {
						throw new DavException(400, "The lock's owner is longer than " + MAX_OWNER + " characters.");
					}
					continue;
				}
				boolean scope = isDav(in, "lockscope");
				while (in.nextTag() == XMLStreamReader.START_ELEMENT) {
					if (scope) {
						exclusive = isDav(in, "exclusive");
					}
					in.nextTag();
				}
			}
			if (exclusive == null) {
				throw new DavException(400, "A lockinfo names its lockscope.");
			}
			return new LockInfo(exclusive, owner);
		}
		catch (XMLStreamException | RuntimeException ex) {
			throw ex instanceof DavException d ? d : new DavException(400, "The lockinfo is not well-formed XML.");
		}
	}

	private static boolean isDav(XMLStreamReader in, String local) {
		return DavXml.DAV.equals(in.getNamespaceURI()) && local.equals(in.getLocalName());
	}
}
