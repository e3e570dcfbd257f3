package de.schulhaus.accounts.security;

import java.util.function.Supplier;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import de.schulhaus.accounts.internal.SecretHashes;

/**
 * One argon2id verification against a hash nobody's password matches, for the paths that would
 * otherwise answer without hashing (unknown login, locked or disabled account, a role that may not
 * use its password there): every refusal then costs what a wrong password costs, so response times
 * do not tell which addresses exist.
 */
@Component
public class DummyHash {

	private final PasswordEncoder passwords;
	private final Supplier<String> hash;

	DummyHash(PasswordEncoder passwords) {
		this.passwords = passwords;
		this.hash = SingletonSupplier.of(() -> passwords.encode(SecretHashes.token(24)));
	}

	/** Verifies against the dummy; always false. */
	public boolean spend(CharSequence presented) {
		passwords.matches(presented == null ? "" : presented, hash.get());
		return false;
	}
}
