package de.schulhaus.accounts.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Slows down password guessing: failed sign-ins are counted per account and per IP address. Only
 * failures count, so a whole school signing in at 08:00 from behind one NAT address is never
 * throttled, while guessing stops after a few tries.
 */
@Component
public class SignInThrottle {

	private static final int MAX_TRACKED = 200_000;

	private final Map<String, Bucket> accounts = new ConcurrentHashMap<>();
	private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();

	/** Whether another attempt is allowed now. */
	public boolean allowed(String login, String ip) {
		Bucket account = accounts.get(key(login));
		Bucket address = addresses.get(ip == null ? "-" : ip);
		return (account == null || account.getAvailableTokens() > 0) && (address == null || address.getAvailableTokens() > 0);
	}

	public void failed(String login, String ip) {
		trim();
		accounts.computeIfAbsent(key(login), k -> bucket(10, Duration.ofMinutes(15))).tryConsume(1);
		addresses.computeIfAbsent(ip == null ? "-" : ip, k -> bucket(100, Duration.ofMinutes(5))).tryConsume(1);
	}

	public void succeeded(String login) {
		accounts.remove(key(login));
	}

	private static Bucket bucket(int failures, Duration period) {
		return Bucket.builder().addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, period).build()).build();
	}

	private static String key(String login) {
		return login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
	}

	// crude bound on memory when somebody sprays random names; forgetting counters only helps guessing briefly
	private void trim() {
		if (accounts.size() > MAX_TRACKED) {
			accounts.clear();
		}
		if (addresses.size() > MAX_TRACKED) {
			addresses.clear();
		}
	}
}
