package de.schulhaus.dav;

/**
 * The quota of a tree as RFC 4331 reports it on its collections.
 *
 * @param usedBytes bytes counted against the quota
 * @param availableBytes bytes that may still be added, never negative
 */
public record DavQuota(long usedBytes, long availableBytes) {

	public static DavQuota of(long usedBytes, long limitBytes) {
		return new DavQuota(usedBytes, Math.max(0, limitBytes - usedBytes));
	}
}
