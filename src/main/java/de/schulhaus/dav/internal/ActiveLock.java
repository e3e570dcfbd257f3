package de.schulhaus.dav.internal;

import java.time.Instant;

import de.schulhaus.dav.DavPath;

/** A lock as stored: its token, the path it was taken on, depth, scope, owner XML and expiry. */
public record ActiveLock(String token, DavPath path, boolean deep, boolean exclusive, String ownerXml, Instant expires) {

	/** Whether the lock covers a resource at {@code other}: its own path, or below it for a deep lock. */
	public boolean covers(DavPath other) {
		return other.equals(path) || (deep && other.within(path));
	}

	public long secondsLeft(Instant now) {
		return Math.max(0, expires.getEpochSecond() - now.getEpochSecond());
	}
}
