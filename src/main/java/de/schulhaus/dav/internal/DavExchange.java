package de.schulhaus.dav.internal;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;

/** One request as the handlers see it: the tree, the path asked for, what is there, the tree's locks, the If header. */
public record DavExchange(HttpServletRequest request, HttpServletResponse response, DavRepository repo, String prefix, DavPath path,
		Optional<DavResource> target, List<ActiveLock> locks, IfHeader ifHeader, DavLocks lockStore) {

	public DavResource existing() {
		return target.orElseThrow(() -> new de.schulhaus.dav.DavException(404, "Nothing is at " + path + "."));
	}

	public LockDiscovery discovery() {
		return new LockDiscovery(locks, prefix);
	}
}
