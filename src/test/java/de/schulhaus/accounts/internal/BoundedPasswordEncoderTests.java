package de.schulhaus.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedPasswordEncoderTests {

	/** Remembers on which thread it ran and how many ran at once. */
	static final class SlowEncoder implements PasswordEncoder {

		final AtomicInteger running = new AtomicInteger();
		final AtomicInteger mostAtOnce = new AtomicInteger();
		final List<String> threads = new CopyOnWriteArrayList<>();

		@Override
		public String encode(CharSequence raw) {
			return "hash:" + raw;
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			if (encoded == null || !encoded.startsWith("hash:")) {
				throw new IllegalArgumentException("not a hash of this kind");
			}
			mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
			threads.add(Thread.currentThread().getName());
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			running.decrementAndGet();
			return encoded.equals("hash:" + raw);
		}
	}

	@Test
	void hashesOnItsOwnThreadsAtMostOnePerPermitAndAnswersLikeTheDelegate() throws Exception {
		SlowEncoder slow = new SlowEncoder();
		try (var bounded = new PasswordConfig.BoundedPasswordEncoder(slow, 2)) {
			List<CompletableFuture<Boolean>> checks = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String password = "pw" + i;
				String stored = i % 2 == 0 ? "hash:" + password : "hash:wrong";
				checks.add(CompletableFuture.supplyAsync(() -> bounded.matches(password, stored)));
			}
			List<Boolean> results = checks.stream().map(CompletableFuture::join).toList();

			assertThat(results).containsExactly(true, false, true, false, true, false, true, false);
			assertThat(slow.mostAtOnce.get()).isEqualTo(2);
			assertThat(slow.threads).allMatch(name -> name.startsWith("argon2-"));
			assertThat(bounded.encode("geheim")).isEqualTo("hash:geheim");
		}
	}

	@Test
	void aBrokenStoredHashFailsAsItWouldWithoutTheBound() {
		try (var bounded = new PasswordConfig.BoundedPasswordEncoder(new SlowEncoder(), 1)) {
			assertThatThrownBy(() -> bounded.matches("pw", "{bcrypt}xyz")).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("not a hash of this kind");
		}
	}
}
