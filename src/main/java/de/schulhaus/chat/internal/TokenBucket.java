package de.schulhaus.chat.internal;

/**
 * A token bucket: {@code capacity} actions in a row, then one per {@code nanosPerToken}. Thread-safe;
 * the time comes from the caller so that tests need no sleeping.
 */
final class TokenBucket {

	private final long capacity;
	private final long nanosPerToken;
	private double tokens;
	private long refilledAt;

	TokenBucket(long capacity, long nanosPerToken, long now) {
		this.capacity = capacity;
		this.nanosPerToken = nanosPerToken;
		this.tokens = capacity;
		this.refilledAt = now;
	}

	/** How long until the next action is allowed (0: now). */
	synchronized long nanosUntilNext(long now) {
		double missing = 1 - Math.min(capacity, tokens + (double) Math.max(0, now - refilledAt) / nanosPerToken);
		return missing <= 0 ? 0 : Math.round(missing * nanosPerToken);
	}

	synchronized boolean tryTake(long now) {
		if (now > refilledAt) {
			tokens = Math.min(capacity, tokens + (double) (now - refilledAt) / nanosPerToken);
			refilledAt = now;
		}
		if (tokens >= 1) {
			tokens -= 1;
			return true;
		}
		return false;
	}
}
