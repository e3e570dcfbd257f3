package de.schulhaus.accounts.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.platform.SchulhausUser;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Slows down password guessing: failed sign-ins are counted per account and per IP address. Only
 * failures count, so a whole school signing in at 08:00 from behind one NAT address is never
 * throttled, while guessing stops after a few tries.
 * <p>
 * The counts per address and per name live in this node's memory (Bucket4j). A real account's
 * failures are also counted in its row, so that behind a load balancer the limit holds for all
 * nodes together: the sign-in reads that count with the account anyway (no extra query), and
 * writes only on a failure or on the first success after failures.
 */
@Component
public class SignInThrottle {

	private static final int MAX_TRACKED = 200_000;
	static final int ACCOUNT_FAILURES = 10;
	static final Duration ACCOUNT_WINDOW = Duration.ofMinutes(15);

	private final Map<String, Bucket> accounts = new ConcurrentHashMap<>();
	private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();
	private final AccountRepository shared;

	SignInThrottle(AccountRepository shared) {
		this.shared = shared;
	}

	/** Whether another attempt is allowed now. */
	public boolean allowed(String login, String ip) {
		Bucket account = accounts.get(key(login));
		Bucket address = addresses.get(ip == null ? "-" : ip);
		return (account == null || account.getAvailableTokens() > 0) && (address == null || address.getAvailableTokens() > 0);
	}

	public void failed(String login, String ip) {
		trim();
		accounts.computeIfAbsent(key(login), k -> bucket(ACCOUNT_FAILURES, ACCOUNT_WINDOW)).tryConsume(1);
		addresses.computeIfAbsent(ip == null ? "-" : ip, k -> bucket(100, Duration.ofMinutes(5))).tryConsume(1);
		if (login != null && !login.isBlank() && login.length() <= 320) {
			Instant now = Instant.now();
			shared.recordSignInFailure(key(login), now, now.minus(ACCOUNT_WINDOW));
		}
	}

	public void succeeded(SchulhausUser user) {
		accounts.remove(key(user.login()));
		if (user.recentSignInFailures() > 0) {
			shared.clearSignInFailures(user.accountId());
		}
	}

	/** The person as met at sign-in, with the failures all nodes counted in the current window. */
	public SchulhausUser withSharedFailures(SchulhausUser user, int failures, Instant since) {
		int recent = since != null && since.isAfter(Instant.now().minus(ACCOUNT_WINDOW)) ? failures : 0;
		return user.withSignInFailures(recent, recent >= ACCOUNT_FAILURES);
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
