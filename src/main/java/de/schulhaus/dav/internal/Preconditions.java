package de.schulhaus.dav.internal;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;

/**
 * What must hold before a method runs: the If header (412 when no list holds), the lock tokens for
 * every lock that protects what the method changes (423 otherwise), If-Match and If-None-Match.
 */
public final class Preconditions {

	private Preconditions() {
	}

	public static void checkIf(DavExchange x) {
		IfHeader header = x.ifHeader();
		if (!header.present()) {
			return;
		}
		for (IfHeader.ConditionList list : header.lists()) {
			if (holds(x, list)) {
				return;
			}
		}
		throw new DavException(412, "No list of the If header holds.");
	}

	private static boolean holds(DavExchange x, IfHeader.ConditionList list) {
		DavPath path = x.path();
		Optional<DavResource> resource = x.target();
		if (list.resource() != null) {
			try {
				path = Hrefs.parse(URI.create(list.resource()).getRawPath(), x.prefix());
			}
			catch (RuntimeException ex) {
				return false;
			}
			resource = x.repo().find(path);
		}
		for (IfHeader.Condition condition : list.conditions()) {
			boolean match;
			if (condition.token() != null) {
				DavPath at = path;
				match = x.locks().stream().anyMatch(l -> l.token().equals(condition.token()) && l.covers(at));
			}
			else {
				String tag = condition.etag().startsWith("W/") ? condition.etag().substring(2) : condition.etag();
				match = resource.isPresent() && tag.equals("\"" + resource.get().etag() + "\"");
			}
			if (match == condition.not()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Refuses a change at {@code path} unless the client submitted the token of every lock protecting it:
	 * locks covering it, its parent's when {@code membership} changes, and those below it for {@code members}.
	 */
	public static void checkUnlocked(DavExchange x, DavPath path, boolean membership, boolean members) {
		Set<String> tokens = x.ifHeader().submittedTokens();
		for (ActiveLock lock : x.locks()) {
			if (lock.protects(path, membership, members) && !tokens.contains(lock.token())) {
				throw new DavException(423, "The resource is locked; submit its lock token in an If header.", "lock-token-submitted");
			}
		}
	}

	/** If-Match and If-None-Match (RFC 9110) against the resource a PUT replaces. */
	public static void checkMatch(DavExchange x) {
		checkIfMatch(x);
		String ifNoneMatch = x.request().getHeader("If-None-Match");
		String current = x.target().map(r -> "\"" + r.etag() + "\"").orElse(null);
		if (ifNoneMatch != null && current != null && (ifNoneMatch.trim().equals("*") || listed(ifNoneMatch, current))) {
			throw new DavException(412, "If-None-Match names the current entity tag.");
		}
	}

	/**
	 * If-Match (RFC 9110 13.1.1) for any method: 412 unless it names the current entity tag. GNOME's gvfs
	 * asks with a HEAD and If-Match before it overwrites a file it has read, and says "externally modified" on 412.
	 */
	public static void checkIfMatch(DavExchange x) {
		String ifMatch = x.request().getHeader("If-Match");
		String current = x.target().map(r -> "\"" + r.etag() + "\"").orElse(null);
		if (ifMatch != null && (current == null || !(ifMatch.trim().equals("*") || listed(ifMatch, current)))) {
			throw new DavException(412, "If-Match does not name the current entity tag.");
		}
	}

	private static boolean listed(String header, String etag) {
		for (String tag : header.split(",")) {
			String t = tag.trim();
			if ((t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
				return true;
			}
		}
		return false;
	}
}
