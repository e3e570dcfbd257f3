package de.schulhaus.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** An hour's allowance of recipients per person, filling up again evenly; one person's use is not another's. */
class SendingRateTests {

	private static final long MINUTE = 60_000_000_000L;

	@Test
	void theAllowanceRunsOutAndComesBackOverTheHour() {
		AtomicLong clock = new AtomicLong(5 * MINUTE);
		SendingRate rate = new SendingRate(60, clock::get);
		UUID anna = UUID.randomUUID();
		UUID ben = UUID.randomUUID();
		for (int i = 0; i < 60; i++) {
			assertThat(rate.take(anna)).as("recipient %d", i + 1).isTrue();
		}
		assertThat(rate.take(anna)).isFalse();
		assertThat(rate.take(ben)).as("another person").isTrue();
		// one a minute comes back
		clock.addAndGet(MINUTE / 2);
		assertThat(rate.take(anna)).isFalse();
		clock.addAndGet(MINUTE / 2);
		assertThat(rate.take(anna)).isTrue();
		assertThat(rate.take(anna)).isFalse();
		// after an hour (or more) the whole allowance, not more
		clock.addAndGet(180 * MINUTE);
		for (int i = 0; i < 60; i++) {
			assertThat(rate.take(anna)).isTrue();
		}
		assertThat(rate.take(anna)).isFalse();
	}
}
