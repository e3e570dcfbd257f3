package de.schulhaus.accounts.internal;

import java.util.Map;
import java.util.concurrent.Semaphore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * argon2id for people's passwords, with parameters chosen for the morning sign-in storm: on the
 * 2-core reference box one verification with m=8 MiB, t=2 costs about 10-17 ms of CPU, so two cores
 * check 80-130 passwords a second, enough for 5,000 sign-ins a minute (83/s). OWASP's minimum
 * (m=19 MiB, t=2 or equivalent) measured 28-43 verifications a second here, which would turn
 * such a morning into a queue of minutes (bench/RESULTS.md). Nodes with more cores should raise
 * the parameters (SCHULHAUS_ARGON2_MEMORY_KIB, SCHULHAUS_ARGON2_ITERATIONS); hashes carry their
 * parameters and are upgraded at the next sign-in.
 */
@Configuration
class PasswordConfig {

	static final String ID = "argon2id";

	@Bean
	PasswordEncoder passwordEncoder(@Value("${schulhaus.accounts.argon2.memory-kib:8192}") int memoryKib,
			@Value("${schulhaus.accounts.argon2.iterations:2}") int iterations) {
		Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, memoryKib, iterations);
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(ID, Map.of(ID, argon2));
		return new BoundedPasswordEncoder(encoder, Runtime.getRuntime().availableProcessors());
	}

	/**
	 * At most one hash per core at a time: under a sign-in storm the others wait their turn instead
	 * of 200 threads thrashing memory and caches, which made every request time out.
	 */
	static final class BoundedPasswordEncoder implements PasswordEncoder {

		private final PasswordEncoder delegate;
		private final Semaphore permits;

		BoundedPasswordEncoder(PasswordEncoder delegate, int concurrency) {
			this.delegate = delegate;
			this.permits = new Semaphore(Math.max(1, concurrency), true);
		}

		@Override
		public String encode(CharSequence rawPassword) {
			permits.acquireUninterruptibly();
			try {
				return delegate.encode(rawPassword);
			}
			finally {
				permits.release();
			}
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			permits.acquireUninterruptibly();
			try {
				return delegate.matches(rawPassword, encodedPassword);
			}
			finally {
				permits.release();
			}
		}

		@Override
		public boolean upgradeEncoding(String encodedPassword) {
			return delegate.upgradeEncoding(encodedPassword);
		}
	}
}
