package de.schulhaus.mail.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import de.schulhaus.mail.MailProperties;

/**
 * How many recipients one person may still send to: a bucket per account that holds an hour's allowance
 * and fills up again evenly, for SMTP submission and webmail alike. Counted on this node only; a school
 * on several nodes gets the allowance once per node, which still stops a hijacked account's spam wave.
 */
@Component
class SendingRate {

	/** Buckets full again are dropped once this many are kept. */
	private static final int PRUNE_FROM = 10_000;

	private final double perHour;
	private final LongSupplier nanos;
	private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

	@Autowired
	SendingRate(MailProperties properties) {
		this(properties.limits().recipientsPerHour(), System::nanoTime);
	}

	SendingRate(int perHour, LongSupplier nanos) {
		this.perHour = perHour;
		this.nanos = nanos;
	}

	/** Takes one recipient from the person's allowance; false when it is used up. */
	boolean take(UUID accountId) {
		long now = nanos.getAsLong();
		if (buckets.size() > PRUNE_FROM) {
			buckets.values().removeIf(b -> b.level(now) >= perHour);
		}
		return buckets.computeIfAbsent(accountId, id -> new Bucket(perHour, now)).take(now);
	}

	private final class Bucket {

		private double tokens;
		private long at;

		Bucket(double tokens, long at) {
			this.tokens = tokens;
			this.at = at;
		}

		synchronized double level(long now) {
			return Math.min(perHour, tokens + (now - at) * perHour / 3_600_000_000_000.0);
		}

		synchronized boolean take(long now) {
			tokens = level(now);
			at = now;
			if (tokens < 1) {
				return false;
			}
			tokens -= 1;
			return true;
		}
	}
}
