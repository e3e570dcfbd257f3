package de.schulhaus.chat.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The flood limit on starting chats: {@code schulhaus.chat.rooms-per-hour} new direct and group chats per person,
 * that many in a row and then one per share of the hour. Per node, like {@link PostingRate}.
 */
@Component
class RoomCreationRate {

	private final Cache<UUID, TokenBucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(2)).maximumSize(100_000).build();
	private final ChatProperties properties;
	private final LongSupplier clock;

	@Autowired
	RoomCreationRate(ChatProperties properties) {
		this(properties, System::nanoTime);
	}

	RoomCreationRate(ChatProperties properties, LongSupplier clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** Counts a new room of the person, or refuses it with how long to wait. */
	void take(UUID accountId) {
		long now = clock.getAsLong();
		int perHour = Math.max(1, properties.roomsPerHour());
		TokenBucket bucket = buckets.get(accountId, k -> new TokenBucket(perHour, Duration.ofHours(1).toNanos() / perHour, now));
		if (!bucket.tryTake(now)) {
			throw new TooManyRoomsException(Duration.ofNanos(bucket.nanosUntilNext(now)));
		}
	}
}
