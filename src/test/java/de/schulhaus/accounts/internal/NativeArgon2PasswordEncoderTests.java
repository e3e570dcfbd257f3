package de.schulhaus.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class NativeArgon2PasswordEncoderTests {

	private static final String PASSWORD = "Grüße-aus-Köln-ß-2026";

	private final PasswordEncoder nativeArgon2 = NativeArgon2PasswordEncoder.load(8192, 2).orElseThrow();
	private final PasswordEncoder javaArgon2 = new Argon2PasswordEncoder(16, 32, 1, 8192, 2);

	@Test
	void readsTheJavaImplementationsHashesAndTheOtherWayRound() {
		String fromJava = javaArgon2.encode(PASSWORD);
		String fromNative = nativeArgon2.encode(PASSWORD);

		assertThat(fromNative).startsWith("$argon2id$v=19$m=8192,t=2,p=1$");
		assertThat(nativeArgon2.matches(PASSWORD, fromJava)).isTrue();
		assertThat(javaArgon2.matches(PASSWORD, fromNative)).isTrue();
		assertThat(nativeArgon2.matches("Grüsse-aus-Köln-ß-2026", fromJava)).isFalse();
		assertThat(javaArgon2.matches("Grüsse-aus-Köln-ß-2026", fromNative)).isFalse();
	}

	@Test
	void rejectsWhatIsNoArgon2idHash() {
		assertThat(nativeArgon2.matches(PASSWORD, null)).isFalse();
		assertThat(nativeArgon2.matches(PASSWORD, "")).isFalse();
		assertThat(nativeArgon2.matches(PASSWORD, "$2a$10$abcdefghijklmnopqrstuu")).isFalse();
	}

	@Test
	void asksForARehashWhenTheStoredHashIsCheaperThanConfigured() {
		String cheap = new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(PASSWORD);
		String current = nativeArgon2.encode(PASSWORD);

		assertThat(nativeArgon2.upgradeEncoding(cheap)).isTrue();
		assertThat(nativeArgon2.upgradeEncoding(current)).isFalse();
		assertThat(NativeArgon2PasswordEncoder.load(16384, 2).orElseThrow().upgradeEncoding(current)).isTrue();
	}
}
