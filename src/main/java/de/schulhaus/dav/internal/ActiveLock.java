package de.schulhaus.dav.internal;

import java.time.Instant;

import de.schulhaus.dav.DavPath;

/** A lock as stored: its token, the path it was taken on, depth, scope, owner XML and expiry. */
public record ActiveLock(String token, DavPath path, boolean deep, boolean exclusive, String ownerXml, Instant expires) {

	/** Whether the lock covers a resource at {@code other}: its own path, or below it for a deep lock. */
	public boolean covers(DavPath other) {
		return other.equals(path) || (deep && other.within(path));
	}

	/**
	 * Whether a change at {@code other} needs this lock's token: the lock covers it, or its folder when
	 * {@code membership} changes, or it lies below {@code other} when {@code members} change too.
	 */
	public boolean protects(DavPath other, boolean membership, boolean members) {
		return covers(other) || (membership && !other.isRoot() && covers(other.parent())) || (members && path.within(other));
	}

	public long secondsLeft(Instant now) {
		return Math.max(0, expires.getEpochSecond() - now.getEpochSecond());
	}
}
