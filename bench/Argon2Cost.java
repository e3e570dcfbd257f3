import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/** How many argon2id verifications a second this box manages, for the parameter choice. */
public class Argon2Cost {

	public static void main(String[] args) throws Exception {
		int[][] params = { { 19 * 1024, 2 }, { 12 * 1024, 3 }, { 9 * 1024, 4 }, { 7 * 1024, 5 }, { 8 * 1024, 2 }, { 6 * 1024, 2 } };
		Argon2PasswordEncoder warm = new Argon2PasswordEncoder(16, 32, 1, 8 * 1024, 2);
		String warmHash = warm.encode("x");
		for (int i = 0; i < 200; i++) {
			warm.matches("y", warmHash);
		}
		int threads = Runtime.getRuntime().availableProcessors();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		for (int[] p : params) {
			Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, p[0], p[1]);
			String hash = encoder.encode("x");
			int n = 40;
			long t0 = System.nanoTime();
			for (int i = 0; i < n; i++) {
				encoder.matches("Bench-Passwort-2026", hash);
			}
			double single = (System.nanoTime() - t0) / 1e6 / n;
			t0 = System.nanoTime();
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < n * threads; i++) {
				futures.add(pool.submit(() -> encoder.matches("Bench-Passwort-2026", hash)));
			}
			for (Future<?> f : futures) {
				f.get();
			}
			double perSecond = n * threads / ((System.nanoTime() - t0) / 1e9);
			System.out.printf("argon2id m=%dMiB t=%d: %.1f ms per verify, %.0f verifies/s on %d threads%n", p[0] / 1024, p[1], single,
					perSecond, threads);
		}
		pool.shutdown();
	}
}
