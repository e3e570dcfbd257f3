package de.schulhaus.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** libsodium's argon2id reads and writes the same hashes as the other implementations. */
class SodiumArgon2PasswordEncoderTests {

	private static final String PASSWORD = "Grüße-aus-Köln-ß-2026";

	private final PasswordEncoder javaArgon2 = new Argon2PasswordEncoder(16, 32, 1, 8192, 2);
	private final PasswordEncoder referenceArgon2 = NativeArgon2PasswordEncoder.load(8192, 2).orElseThrow();
	private PasswordEncoder sodium;

	@BeforeEach
	void loadLibsodium() {
		Optional<PasswordEncoder> loaded = SodiumArgon2PasswordEncoder.load(8192, 2, javaArgon2);
		// .ci/run installs libsodium23, so CI must test it; elsewhere the platform simply uses the next implementation
		if (!"true".equals(System.getenv("CI"))) {
			assumeThat(loaded).as("libsodium on this machine").isPresent();
		}
		sodium = loaded.get();
	}

	@Test
	void readsTheOtherImplementationsHashesAndTheyReadItsHashes() {
		String fromSodium = sodium.encode(PASSWORD);

		assertThat(fromSodium).startsWith("$argon2id$v=19$m=8192,t=2,p=1$");
		for (PasswordEncoder other : new PasswordEncoder[] { javaArgon2, referenceArgon2 }) {
			String fromOther = other.encode(PASSWORD);
			assertThat(sodium.matches(PASSWORD, fromOther)).isTrue();
			assertThat(other.matches(PASSWORD, fromSodium)).isTrue();
			assertThat(sodium.matches("Grüsse-aus-Köln-ß-2026", fromOther)).isFalse();
			assertThat(other.matches("Grüsse-aus-Köln-ß-2026", fromSodium)).isFalse();
		}
	}

	@Test
	void leavesHashesWithSeveralLanesToTheFallback() {
		String twoLanes = new Argon2PasswordEncoder(16, 32, 2, 8192, 2).encode(PASSWORD);

		assertThat(sodium.matches(PASSWORD, twoLanes)).isTrue();
		assertThat(sodium.matches("falsch", twoLanes)).isFalse();
	}

	@Test
	void rejectsWhatIsNoArgon2idHash() {
		assertThat(sodium.matches(PASSWORD, null)).isFalse();
		assertThat(sodium.matches(PASSWORD, "")).isFalse();
		assertThat(sodium.matches(PASSWORD, "$2a$10$abcdefghijklmnopqrstuu")).isFalse();
		assertThat(sodium.matches(PASSWORD, "$argon2id$v=19$m=8192,t=2,p=1$kaputt")).isFalse();
	}

	@Test
	void asksForARehashWhenTheStoredHashIsCheaperThanConfigured() {
		assertThat(sodium.upgradeEncoding(new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(PASSWORD))).isTrue();
		assertThat(sodium.upgradeEncoding(sodium.encode(PASSWORD))).isFalse();
	}
}
