package de.schulhaus.accounts.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * argon2id for people's passwords, with parameters chosen for the morning sign-in storm: on the
 * 2-core reference box one verification with m=8 MiB, t=2 costs about 10 ms of CPU with libsodium
 * (12-17 ms with argon2's reference code), so two cores check 140-190 passwords a second, enough
 * for 5,000 sign-ins a minute (83/s) next to the rest of each sign-in. OWASP's minimum (m=19 MiB,
 * t=2, or m=7 MiB, t=5) measured 36-133 verifications a second here, depending on implementation
 * (bench/RESULTS.md). Nodes with more cores should raise the parameters
 * (SCHULHAUS_ARGON2_MEMORY_KIB, SCHULHAUS_ARGON2_ITERATIONS); hashes carry their parameters and
 * are upgraded at the next sign-in.
 */
@Configuration
class PasswordConfig {

	private static final Logger log = LoggerFactory.getLogger(PasswordConfig.class);

	static final String ID = "argon2id";
	/** Meter counting password verifications. */
	static final String VERIFIED = "schulhaus.passwords.verified";

	@Bean
	PasswordEncoder passwordEncoder(@Value("${schulhaus.accounts.argon2.memory-kib:8192}") int memoryKib,
			@Value("${schulhaus.accounts.argon2.iterations:2}") int iterations,
			@Value("${schulhaus.accounts.argon2.native:true}") boolean preferNative, ObjectProvider<MeterRegistry> meters) {
		// the fastest implementation that loads here: libsodium, argon2's reference C code, Java code
		PasswordEncoder reference = (preferNative ? NativeArgon2PasswordEncoder.load(memoryKib, iterations) : Optional.<PasswordEncoder>empty())
			.orElseGet(() -> new Argon2PasswordEncoder(16, 32, 1, memoryKib, iterations));
		PasswordEncoder argon2 = (preferNative ? SodiumArgon2PasswordEncoder.load(memoryKib, iterations, reference) : Optional.<PasswordEncoder>empty())
			.orElse(reference);
		log.info("Passwords: argon2id m={} KiB, t={}, p=1 ({})", memoryKib, iterations,
				argon2 instanceof SodiumArgon2PasswordEncoder ? "libsodium"
						: argon2 instanceof NativeArgon2PasswordEncoder ? "native reference implementation" : "BouncyCastle");
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(ID, Map.of(ID, argon2));
		BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(encoder, Runtime.getRuntime().availableProcessors());
		meters.ifAvailable(registry -> bounded.countOn(registry));
		return bounded;
	}

	/**
	 * At most one hash per core at a time: under a sign-in storm the others wait their turn instead
	 * of 200 threads thrashing memory and caches, which made every request time out. The hashes run
	 * on platform threads of their own: requests are virtual threads, and a native argon2 call would
	 * pin the carrier thread it runs on for the whole hash, so with one carrier per core every other
	 * request (pages, the rest of a sign-in) had to wait until a hash was done.
	 */
	static final class BoundedPasswordEncoder implements PasswordEncoder, AutoCloseable {

		private final PasswordEncoder delegate;
		private final ExecutorService hashing;
		// how many hashes sign-ins cost: an operator's figure, and how tests prove a path hashes once
		private Counter verified = new SimpleMeterRegistry().counter(VERIFIED);

		BoundedPasswordEncoder(PasswordEncoder delegate, int concurrency) {
			this.delegate = delegate;
			AtomicInteger number = new AtomicInteger();
			this.hashing = Executors.newFixedThreadPool(Math.max(1, concurrency), task -> {
				Thread thread = new Thread(task, "argon2-" + number.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			});
		}

		@Override
		public String encode(CharSequence rawPassword) {
			return onHashingThread(() -> delegate.encode(rawPassword));
		}

		void countOn(MeterRegistry registry) {
			this.verified = Counter.builder(VERIFIED).description("argon2id password verifications").register(registry);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			verified.increment();
			return onHashingThread(() -> delegate.matches(rawPassword, encodedPassword));
		}

		@Override
		public boolean upgradeEncoding(String encodedPassword) {
			return delegate.upgradeEncoding(encodedPassword);
		}

		// waits like the lock it replaces: an interrupt does not abandon a sign-in half-way
		private <T> T onHashingThread(Callable<T> hash) {
			Future<T> result = hashing.submit(hash);
			boolean interrupted = false;
			try {
				while (true) {
					try {
						return result.get();
					}
					catch (InterruptedException e) {
						interrupted = true;
					}
					catch (ExecutionException e) {
						if (e.getCause() instanceof RuntimeException runtime) {
							throw runtime;
						}
						throw new IllegalStateException("password hashing failed", e.getCause());
					}
				}
			}
			finally {
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public void close() {
			hashing.shutdownNow();
		}
	}
}
