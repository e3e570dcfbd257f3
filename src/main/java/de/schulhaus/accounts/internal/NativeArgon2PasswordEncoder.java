package de.schulhaus.accounts.internal;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;

/**
 * argon2id through the reference C implementation (argon2-jvm, via JNA). It verifies about half as
 * fast again as BouncyCastle's Java code on the same core and keeps the 8 MiB work area off the
 * Java heap, which matters in a sign-in storm. Hashes are the standard PHC strings, the same as
 * Spring's {@code Argon2PasswordEncoder} writes, so either encoder reads the other's.
 */
final class NativeArgon2PasswordEncoder implements PasswordEncoder {

	private static final Logger log = LoggerFactory.getLogger(NativeArgon2PasswordEncoder.class);
	private static final int SALT_BYTES = 16;
	private static final int HASH_BYTES = 32;

	private final Argon2 argon2;
	private final int memoryKib;
	private final int iterations;

	private NativeArgon2PasswordEncoder(Argon2 argon2, int memoryKib, int iterations) {
		this.argon2 = argon2;
		this.memoryKib = memoryKib;
		this.iterations = iterations;
	}

	/** The native encoder if the library loads and passes a self-test on this machine, else empty. */
	static Optional<PasswordEncoder> load(int memoryKib, int iterations) {
		try {
			var encoder = new NativeArgon2PasswordEncoder(Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES),
					memoryKib, iterations);
			String probe = encoder.encode("Selbsttest-Прове-ß");
			if (!encoder.matches("Selbsttest-Прове-ß", probe) || encoder.matches("Selbsttest", probe)) {
				log.warn("Native argon2 failed its self-test; using the Java implementation");
				return Optional.empty();
			}
			return Optional.of(encoder);
		}
		catch (LinkageError | RuntimeException e) {
			log.warn("Native argon2 is not available on this machine ({}); using the Java implementation", e.toString());
			return Optional.empty();
		}
	}

	@Override
	public String encode(CharSequence rawPassword) {
		char[] chars = chars(rawPassword);
		try {
			return argon2.hash(iterations, memoryKib, 1, chars);
		}
		finally {
			argon2.wipeArray(chars);
		}
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || Argon2Cost.of(encodedPassword).isEmpty()) {
			return false;
		}
		char[] chars = chars(rawPassword);
		try {
			return argon2.verify(encodedPassword, chars);
		}
		finally {
			argon2.wipeArray(chars);
		}
	}

	/** Re-hash after sign-in when the stored hash is cheaper than the configured cost. */
	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return Argon2Cost.of(encodedPassword).map(cost -> cost.cheaperThan(memoryKib, iterations)).orElse(false);
	}

	private static char[] chars(CharSequence s) {
		char[] chars = new char[s.length()];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = s.charAt(i);
		}
		return chars;
	}
}
