import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiPredicate;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import com.sun.jna.Library;
import com.sun.jna.Native;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;

/**
 * How many argon2id verifications a second this box manages, for the parameter choice: BouncyCastle's
 * Java code, the native reference implementation (argon2-jvm) and libsodium (where installed), which
 * the platform prefers in the reverse order.
 */
public class Argon2Cost {

	private static final String PASSWORD = "Bench-Passwort-2026";

	/** libsodium's password hash verification, as the platform calls it. */
	public interface Sodium extends Library {

		int sodium_init();

		int crypto_pwhash_str_verify(byte[] str, byte[] passwd, long passwdlen);
	}

	public static void main(String[] args) throws Exception {
		int[][] params = { { 19 * 1024, 2 }, { 12 * 1024, 3 }, { 9 * 1024, 4 }, { 7 * 1024, 5 }, { 8 * 1024, 2 }, { 6 * 1024, 2 } };
		Argon2 nativeArgon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
		Sodium sodium = null;
		try {
			sodium = Native.load("sodium", Sodium.class);
			sodium.sodium_init();
		}
		catch (UnsatisfiedLinkError e) {
			System.out.println("libsodium not installed (apt-get install libsodium23): not measured");
		}
		int threads = Runtime.getRuntime().availableProcessors();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		for (int[] p : params) {
			Argon2PasswordEncoder java = new Argon2PasswordEncoder(16, 32, 1, p[0], p[1]);
			String hash = java.encode(PASSWORD);
			measure("java  ", p, hash, (password, h) -> java.matches(password, h), threads, pool);
			measure("native", p, hash, (password, h) -> nativeArgon2.verify(h, password.toCharArray()), threads, pool);
			if (sodium != null) {
				Sodium s = sodium;
				measure("sodium", p, hash, (password, h) -> {
					byte[] pw = password.getBytes(StandardCharsets.UTF_8);
					return s.crypto_pwhash_str_verify(Arrays.copyOf(h.getBytes(StandardCharsets.US_ASCII), 128), pw, pw.length) == 0;
				}, threads, pool);
			}
		}
		pool.shutdown();
	}

	private static void measure(String name, int[] p, String hash, BiPredicate<String, String> verify, int threads, ExecutorService pool)
			throws Exception {
		for (int i = 0; i < 30; i++) {
			verify.test("warm-up", hash);
		}
		int n = 40;
		long t0 = System.nanoTime();
		for (int i = 0; i < n; i++) {
			if (!verify.test(PASSWORD, hash)) {
				throw new IllegalStateException(name + " does not verify the hash");
			}
		}
		double single = (System.nanoTime() - t0) / 1e6 / n;
		t0 = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < n * threads; i++) {
			futures.add(pool.submit(() -> verify.test(PASSWORD, hash)));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		double perSecond = n * threads / ((System.nanoTime() - t0) / 1e9);
		System.out.printf("argon2id %s m=%dMiB t=%d: %.1f ms per verify, %.0f verifies/s on %d threads%n", name, p[0] / 1024, p[1], single,
				perSecond, threads);
	}
}
