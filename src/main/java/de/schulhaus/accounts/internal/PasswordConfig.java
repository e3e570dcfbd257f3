package de.schulhaus.accounts.internal;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * argon2id for people's passwords. Parameters follow OWASP's equal-strength table (m=12 MiB, t=3,
 * p=1): on the 2-core reference box one hash takes about 25 ms, which lets a 2-core node check
 * roughly 80 sign-ins per second at full load — the morning storm of 5,000 sign-ins a minute —
 * while an offline attacker still pays 12 MiB and three passes per guess. See bench/RESULTS.md.
 * Hashes carry their parameters, so raising them later re-hashes on the next sign-in.
 */
@Configuration
class PasswordConfig {

	static final String ID = "argon2id";

	@Bean
	PasswordEncoder passwordEncoder() {
		Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 12 * 1024, 3);
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(ID, Map.of(ID, argon2));
		return encoder;
	}
}
