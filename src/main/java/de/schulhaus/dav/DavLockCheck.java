package de.schulhaus.dav;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import de.schulhaus.dav.internal.ActiveLock;
import de.schulhaus.dav.internal.DavLocks;

/**
 * The locks of a tree for writers that are no WebDAV client (a browser, an upload API, a drop box): they
 * hold no lock token, so every lock that protects what they change keeps them out, by the same rule as
 * the engine's (the resource, a deep lock above it, its folder's when a name comes or goes, any below it).
 */
@Component
public class DavLockCheck {

	private final DavLocks locks;

	DavLockCheck(DavLocks locks) {
		this.locks = locks;
	}

	/**
	 * The lock that refuses a change at {@code path} of the tree {@code lockSpace}, if any; the one expiring last
	 * where several do, so the writer learns when it can try again.
	 *
	 * @param membership whether a name comes or goes in the folder of {@code path} (creating, deleting, moving)
	 * @param members whether what is below {@code path} changes too (a folder deleted or moved)
	 */
	public Optional<DavLock> blocking(UUID school, String lockSpace, DavPath path, boolean membership, boolean members) {
		return locks.active(school, lockSpace).stream()
			.filter(lock -> lock.protects(path, membership, members))
			.max(java.util.Comparator.comparing(ActiveLock::expires))
			.map(lock -> new DavLock(lock.path(), lock.expires()));
	}
}
