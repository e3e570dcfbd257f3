package de.schulhaus.dav.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.namespace.QName;

import de.schulhaus.dav.DavElement;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavExtension;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;
import de.schulhaus.dav.DeadProperty;

/** MKCOL, DELETE, COPY and MOVE: the Overwrite and Depth rules, missing parents, locks on both ends. */
public final class TreeHandler {

	static final String CALDAV = "urn:ietf:params:xml:ns:caldav";

	private TreeHandler() {
	}

	public static void mkcol(DavExchange x) throws IOException {
		boolean body = x.request().getContentLengthLong() > 0 || x.request().getHeader("Transfer-Encoding") != null;
		boolean extended = body && x.repo().extension() != DavExtension.NONE;
		if (body && !extended) {
			throw new DavException(415, "MKCOL takes no body.");
		}
		if (x.target().isPresent()) {
			throw new DavException(405, "Something is at " + x.path() + " already.");
		}
		requireParent(x, x.path());
		Preconditions.checkUnlocked(x, x.path(), true, false);
		if (extended) {
			// RFC 5689: the body names the collection's type and first properties
			List<DeadProperty> properties = DavRequests.collectionProperties(DavRequests.body(x.request().getInputStream()), DavXml.DAV, "mkcol");
			List<QName> types = new ArrayList<>();
			for (DeadProperty property : properties) {
				if (property.name().equals(new QName(DavXml.DAV, "resourcetype"))) {
					DavElement.parse(("<t xmlns=\"x:\">" + property.xml() + "</t>").getBytes(StandardCharsets.UTF_8)).children().stream()
						.map(DavElement::name)
						.filter(n -> !n.equals(new QName(DavXml.DAV, "collection")))
						.forEach(types::add);
				}
			}
			properties.removeIf(p -> p.name().equals(new QName(DavXml.DAV, "resourcetype")));
			if (types.isEmpty()) {
				x.repo().createCollection(x.path());
			}
			else {
				x.repo().extension().makeCollection(x.path(), types, properties);
			}
		}
		else {
			x.repo().createCollection(x.path());
		}
		x.response().setStatus(201);
	}

	/** MKCALENDAR (RFC 4791 5.3.1): a calendar collection with the properties the body sets. */
	public static void mkcalendar(DavExchange x) throws IOException {
		if (x.target().isPresent()) {
			throw new DavException(405, "Something is at " + x.path() + " already.", "resource-must-be-null");
		}
		requireParent(x, x.path());
		Preconditions.checkUnlocked(x, x.path(), true, false);
		byte[] body = DavRequests.body(x.request().getInputStream());
		List<DeadProperty> properties = body.length == 0 ? new ArrayList<>()
				: DavRequests.collectionProperties(body, CALDAV, "mkcalendar");
		x.repo().extension().makeCollection(x.path(), List.of(new QName(CALDAV, "calendar")), properties);
		x.response().setStatus(201);
	}

	public static void delete(DavExchange x) {
		DavResource resource = x.existing();
		if (resource.path().isRoot()) {
			throw new DavException(403, "The root cannot be deleted.");
		}
		Preconditions.checkUnlocked(x, x.path(), true, resource.collection());
		x.repo().delete(resource);
		x.lockStore().removeAt(x.repo().schoolId(), x.repo().lockSpace(), x.locks(), x.path());
		x.response().setStatus(204);
	}

	public static void copyOrMove(DavExchange x, boolean move) {
		DavResource source = x.existing();
		DavPath target = Hrefs.destination(x.request().getHeader("Destination"), x.prefix());
		String depth = x.request().getHeader("Depth");
		boolean deep = depth == null || depth.equalsIgnoreCase("infinity");
		if (!deep && (move && source.collection() || !depth.equals("0"))) {
			throw new DavException(400, move ? "A collection moves with Depth infinity." : "COPY takes Depth 0 or infinity.");
		}
		if (source.path().isRoot() || target.isRoot()) {
			throw new DavException(403, "The root cannot be copied, moved or replaced.");
		}
		if (target.within(source.path()) || source.path().within(target)) {
			throw new DavException(403, "Source and destination overlap.");
		}
		requireParent(x, target);
		Optional<DavResource> existing = x.repo().find(target);
		String overwrite = x.request().getHeader("Overwrite");
		if (existing.isPresent() && overwrite != null && overwrite.trim().equalsIgnoreCase("F")) {
			throw new DavException(412, "The destination exists and Overwrite is F.");
		}
		if (move) {
			Preconditions.checkUnlocked(x, source.path(), true, source.collection());
		}
		Preconditions.checkUnlocked(x, target, true, existing.map(DavResource::collection).orElse(false));
		if (move) {
			x.repo().move(source, target);
			x.lockStore().removeAt(x.repo().schoolId(), x.repo().lockSpace(), x.locks(), source.path());
		}
		else {
			x.repo().copy(source, target, deep);
		}
		if (existing.isPresent()) {
			x.lockStore().removeAt(x.repo().schoolId(), x.repo().lockSpace(), x.locks(), target);
		}
		x.response().setStatus(existing.isPresent() ? 204 : 201);
	}

	/** 409 unless the parent of {@code path} is a collection (RFC 4918: PUT, MKCOL, COPY and MOVE into nowhere). */
	static void requireParent(DavExchange x, DavPath path) {
		DavPath parent = path.parent();
		boolean collection = parent.equals(x.path()) ? x.target().map(DavResource::collection).orElse(false)
				: x.repo().find(parent).map(DavResource::collection).orElse(false);
		if (!collection) {
			throw new DavException(409, "The parent collection " + parent + " does not exist.");
		}
	}
}
