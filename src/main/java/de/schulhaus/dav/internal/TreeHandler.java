package de.schulhaus.dav.internal;

import java.io.IOException;
import java.util.Optional;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;

/** MKCOL, DELETE, COPY and MOVE: the Overwrite and Depth rules, missing parents, locks on both ends. */
public final class TreeHandler {

	private TreeHandler() {
	}

	public static void mkcol(DavExchange x) throws IOException {
		if (x.request().getContentLengthLong() > 0 || x.request().getHeader("Transfer-Encoding") != null) {
			throw new DavException(415, "MKCOL takes no body.");
		}
		if (x.target().isPresent()) {
			throw new DavException(405, "Something is at " + x.path() + " already.");
		}
		requireParent(x, x.path());
		Preconditions.checkUnlocked(x, x.path(), true, false);
		x.repo().createCollection(x.path());
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
