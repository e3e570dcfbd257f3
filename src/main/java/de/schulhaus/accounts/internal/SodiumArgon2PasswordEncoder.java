package de.schulhaus.accounts.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * argon2id through libsodium (the system's {@code libsodium.so.23}, Debian's {@code libsodium23},
 * via JNA). libsodium fills argon2's memory with SIMD code chosen for the CPU at run time, where the
 * argon2 library in Linux distributions is the portable reference code: on the 2-core reference box
 * it verified 190-205 hashes a second against 150-157 (bench/RESULTS.md), and the morning sign-in
 * storm is mostly hashing. Hashes are the same standard PHC strings, so every encoder reads every
 * other's. libsodium reads only hashes with one lane (p=1, which is all Schulhaus writes); others
 * go to the fallback.
 */
final class SodiumArgon2PasswordEncoder implements PasswordEncoder {

	private static final Logger log = LoggerFactory.getLogger(SodiumArgon2PasswordEncoder.class);
	private static final int STRING_BYTES = 128; // crypto_pwhash_STRBYTES, NUL included

	/** The part of libsodium's C API used here (64-bit platforms: size_t maps to long). */
	public interface Sodium extends Library {

		int sodium_init();

		int crypto_pwhash_alg_argon2id13();

		int crypto_pwhash_str_alg(byte[] out, byte[] passwd, long passwdlen, long opslimit, long memlimit, int alg);

		int crypto_pwhash_str_verify(byte[] str, byte[] passwd, long passwdlen);
	}

	private final Sodium sodium;
	private final int argon2id;
	private final PasswordEncoder fallback;
	private final int memoryKib;
	private final int iterations;

	private SodiumArgon2PasswordEncoder(Sodium sodium, PasswordEncoder fallback, int memoryKib, int iterations) {
		this.sodium = sodium;
		this.argon2id = sodium.crypto_pwhash_alg_argon2id13();
		this.fallback = fallback;
		this.memoryKib = memoryKib;
		this.iterations = iterations;
	}

	/**
	 * The libsodium encoder if the library loads and passes a self-test (including reading and being
	 * read by the fallback), else empty.
	 */
	static Optional<PasswordEncoder> load(int memoryKib, int iterations, PasswordEncoder fallback) {
		if (Native.SIZE_T_SIZE != 8) {
			return Optional.empty();
		}
		try {
			Sodium sodium = Native.load("sodium", Sodium.class);
			if (sodium.sodium_init() < 0) {
				return Optional.empty();
			}
			var encoder = new SodiumArgon2PasswordEncoder(sodium, fallback, memoryKib, iterations);
			String probe = encoder.encode("Selbsttest-Прове-ß");
			String other = fallback.encode("Selbsttest-Прове-ß");
			if (!encoder.matches("Selbsttest-Прове-ß", probe) || encoder.matches("Selbsttest", probe)
					|| !fallback.matches("Selbsttest-Прове-ß", probe) || !encoder.verify("Selbsttest-Прове-ß", other)) {
				log.warn("libsodium's argon2id failed its self-test; not using it");
				return Optional.empty();
			}
			return Optional.of(encoder);
		}
		catch (LinkageError | RuntimeException e) {
			log.debug("libsodium is not available on this machine ({})", e.toString());
			return Optional.empty();
		}
	}

	@Override
	public String encode(CharSequence rawPassword) {
		byte[] password = utf8(rawPassword);
		byte[] out = new byte[STRING_BYTES];
		try {
			if (sodium.crypto_pwhash_str_alg(out, password, password.length, iterations, memoryKib * 1024L, argon2id) != 0) {
				throw new IllegalStateException("libsodium could not hash the password (out of memory?)");
			}
			return Native.toString(out, StandardCharsets.US_ASCII.name());
		}
		finally {
			Arrays.fill(password, (byte) 0);
		}
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null) {
			return false;
		}
		Optional<Argon2Cost> cost = Argon2Cost.of(encodedPassword);
		if (cost.isEmpty()) {
			return false;
		}
		if (cost.get().parallelism() != 1 || encodedPassword.length() >= STRING_BYTES) {
			return fallback.matches(rawPassword, encodedPassword);
		}
		return verify(rawPassword, encodedPassword);
	}

	private boolean verify(CharSequence rawPassword, String encodedPassword) {
		// a NUL-terminated copy in a buffer of libsodium's fixed string size
		byte[] hash = Arrays.copyOf(encodedPassword.getBytes(StandardCharsets.US_ASCII), STRING_BYTES);
		byte[] password = utf8(rawPassword);
		try {
			return sodium.crypto_pwhash_str_verify(hash, password, password.length) == 0;
		}
		finally {
			Arrays.fill(password, (byte) 0);
		}
	}

	/** Re-hash after sign-in when the stored hash is cheaper than the configured cost. */
	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return Argon2Cost.of(encodedPassword).map(cost -> cost.cheaperThan(memoryKib, iterations)).orElse(false);
	}

	private static byte[] utf8(CharSequence s) {
		ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(s));
		byte[] bytes = new byte[encoded.remaining()];
		encoded.get(bytes);
		if (encoded.hasArray()) {
			Arrays.fill(encoded.array(), (byte) 0);
		}
		return bytes;
	}
}
