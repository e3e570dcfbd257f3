package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The limit on starting chats: so many per hour per person, then one per share of the hour, with how long to wait. */
class RoomCreationRateTests {

	final AtomicLong now = new AtomicLong(5_000_000_000L);
	final RoomCreationRate rate = new RoomCreationRate(
			new ChatProperties(10, 30, 1024, Duration.ofSeconds(1), "", "schulhaus:chat", DataSize.ofMegabytes(25), Duration.ofMinutes(30), 4, 2), now::get);
	final UUID teacher = UUID.randomUUID();

	@Test
	void fourInARowThenOneEveryFifteenMinutes() {
		for (int i = 0; i < 4; i++) {
			rate.take(teacher);
		}
		assertThatThrownBy(() -> rate.take(teacher)).isInstanceOfSatisfying(TooManyRoomsException.class,
				e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(15)));

		now.addAndGet(Duration.ofMinutes(10).toNanos());
		assertThatThrownBy(() -> rate.take(teacher)).isInstanceOfSatisfying(TooManyRoomsException.class,
				e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(5)));
		now.addAndGet(Duration.ofMinutes(5).toNanos());
		rate.take(teacher);
		assertThatThrownBy(() -> rate.take(teacher)).isInstanceOf(TooManyRoomsException.class);

		// someone else has their own
		rate.take(UUID.randomUUID());
	}
}
