package de.schulhaus.dav;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Whether a tree holds an unexpired lock, as a boolean SQL expression that a repository adds to the query it
 * makes for a request anyway (its path look-up): most trees have no locks, and then the engine needs no query
 * of its own for them ({@link DavRepository#knownLocks}). The table stays this module's: only this text names it.
 */
public record DavLockProbe(UUID schoolId, String space, Instant now) {

	/** Named parameters {@code lock_school}, {@code lock_space}, {@code lock_now}: see {@link #parameters}. */
	public static final String SQL = "exists (select 1 from dav_lock where school_id = :lock_school and space = :lock_space "
			+ "and expires_at > :lock_now)";

	public Map<String, Object> parameters() {
		return Map.of("lock_school", schoolId, "lock_space", space, "lock_now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
	}
}
