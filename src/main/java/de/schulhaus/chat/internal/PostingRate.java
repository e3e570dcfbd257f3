package de.schulhaus.chat.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import de.schulhaus.platform.NotFoundException;

/**
 * The flood limit per person and room ({@code schulhaus.chat.post-burst} in a row, then
 * {@code posts-per-minute}). Per node: behind a load balancer with sticky sessions that is per person.
 */
@Component
public class PostingRate {

	private final Cache<Key, TokenBucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();
	private final ChatProperties properties;
	private final LongSupplier clock;

	@Autowired
	PostingRate(ChatProperties properties) {
		this(properties, System::nanoTime);
	}

	PostingRate(ChatProperties properties, LongSupplier clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** Whether the person may post into the room now; counts the post if so. */
	public boolean tryPost(UUID accountId, UUID roomId) {
		long now = clock.getAsLong();
		long nanosPerToken = Duration.ofMinutes(1).toNanos() / Math.max(1, properties.postsPerMinute());
		return buckets.get(new Key(accountId, roomId), k -> new TokenBucket(properties.postBurst(), nanosPerToken, now)).tryTake(now);
	}

	/**
	 * Whether the person may post into the room now, without counting it: for a post whose room is checked by its write.
	 * A room the person has not posted to lately has no bucket yet, and gets none here.
	 */
	public boolean allows(UUID accountId, UUID roomId) {
		TokenBucket bucket = buckets.getIfPresent(new Key(accountId, roomId));
		return bucket == null || bucket.nanosUntilNext(clock.getAsLong()) == 0;
	}

	/**
	 * Runs the post and counts it, unless its room was not found ({@link NotFoundException}): the limit is counted for rooms
	 * the person reads, so ids of rooms that are not there fill no buckets. Refused posts count like accepted ones.
	 */
	public <T> T counted(UUID accountId, UUID roomId, Supplier<T> post) {
		try {
			T posted = post.get();
			tryPost(accountId, roomId);
			return posted;
		} catch (NotFoundException e) {
			throw e;
		} catch (RuntimeException e) {
			tryPost(accountId, roomId);
			throw e;
		}
	}

	private record Key(UUID accountId, UUID roomId) {
	}
}
