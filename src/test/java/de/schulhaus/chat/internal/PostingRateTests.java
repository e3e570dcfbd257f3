package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import de.schulhaus.platform.NotFoundException;

/** The flood limit: a burst in a row, then the steady rate, per person and room. */
class PostingRateTests {

	final AtomicLong now = new AtomicLong(1_000_000_000L);
	final PostingRate rate = new PostingRate(new ChatProperties(3, 60, 1024, Duration.ofSeconds(1), "", "schulhaus:chat", org.springframework.util.unit.DataSize.ofMegabytes(25), Duration.ofMinutes(30), 20, 2), now::get);
	final UUID pupil = UUID.randomUUID();
	final UUID room = UUID.randomUUID();

	@Test
	void aBurstPassesThenTheNextPostWaitsForItsToken() {
		assertThat(rate.tryPost(pupil, room)).isTrue();
		assertThat(rate.tryPost(pupil, room)).isTrue();
		assertThat(rate.tryPost(pupil, room)).isTrue();
		assertThat(rate.tryPost(pupil, room)).isFalse();

		now.addAndGet(Duration.ofMillis(500).toNanos());
		assertThat(rate.tryPost(pupil, room)).as("half a second at 60 a minute is half a token").isFalse();
		now.addAndGet(Duration.ofMillis(500).toNanos());
		assertThat(rate.tryPost(pupil, room)).isTrue();
		assertThat(rate.tryPost(pupil, room)).isFalse();
	}

	@Test
	void otherRoomsAndOtherPeopleHaveTheirOwnLimit() {
		for (int i = 0; i < 3; i++) {
			rate.tryPost(pupil, room);
		}
		assertThat(rate.tryPost(pupil, room)).isFalse();
		assertThat(rate.tryPost(pupil, UUID.randomUUID())).isTrue();
		assertThat(rate.tryPost(UUID.randomUUID(), room)).isTrue();
	}

	@Test
	void aLongPauseRefillsNoMoreThanTheBurst() {
		now.addAndGet(Duration.ofHours(1).toNanos());
		for (int i = 0; i < 3; i++) {
			assertThat(rate.tryPost(pupil, room)).isTrue();
		}
		assertThat(rate.tryPost(pupil, room)).isFalse();
	}

	@Test
	void aPostCheckedByItsWriteIsCountedAfterwardsUnlessItsRoomWasNotFound() {
		assertThat(rate.allows(pupil, room)).isTrue();
		for (int i = 0; i < 3; i++) {
			assertThat(rate.counted(pupil, room, () -> "gepostet")).isEqualTo("gepostet");
		}
		assertThat(rate.allows(pupil, room)).isFalse();
		assertThat(rate.allows(pupil, room)).as("asking counts nothing").isFalse();
		now.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(rate.allows(pupil, room)).isTrue();

		UUID missing = UUID.randomUUID();
		for (int i = 0; i < 10; i++) {
			assertThatThrownBy(() -> rate.counted(pupil, missing, () -> {
				throw new NotFoundException("room");
			})).isInstanceOf(NotFoundException.class);
		}
		assertThat(rate.allows(pupil, missing)).as("a room that is not there is not counted").isTrue();

		UUID locked = UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> rate.counted(pupil, locked, () -> {
				throw new PostingNotAllowedException("chat.error.locked", null);
			})).isInstanceOf(PostingNotAllowedException.class);
		}
		assertThat(rate.allows(pupil, locked)).as("refused posts count like posted ones").isFalse();
	}
}
