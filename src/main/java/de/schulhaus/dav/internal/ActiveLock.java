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

	/** The same lock seen at another path (the tree's locks as a view of part of it sees them). */
	public ActiveLock at(DavPath other) {
		return new ActiveLock(token, other, deep, exclusive, ownerXml, expires);
	}

	/**
	 * The tree's locks as a view rooted at {@code root} sees them: those inside it at their paths there, a deep lock
	 * above it as one on the view's root; others concern nothing the view can change.
	 */
	public static java.util.List<ActiveLock> inView(java.util.List<ActiveLock> tree, DavPath root) {
		if (root.isRoot() || tree.isEmpty()) {
			return tree;
		}
		java.util.List<ActiveLock> seen = new java.util.ArrayList<>();
		for (ActiveLock lock : tree) {
			if (lock.path().within(root)) {
				seen.add(lock.at(lock.path().rebase(root, DavPath.ROOT)));
			}
			else if (lock.deep() && root.within(lock.path())) {
				seen.add(lock.at(DavPath.ROOT));
			}
		}
		return seen;
	}

	public long secondsLeft(Instant now) {
		return Math.max(0, expires.getEpochSecond() - now.getEpochSecond());
	}
}
