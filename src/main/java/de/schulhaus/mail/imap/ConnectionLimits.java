package de.schulhaus.mail.imap;

import java.net.InetAddress;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many IMAP connections are open, in all and per client address: a client that opens hundreds is
 * turned away beyond its share while others still get in. A school behind one NAT address shares the
 * per-address limit, so it is set well above what a staff room of mail apps opens. Signed-in sessions are
 * also counted per account (on this node): one person's misconfigured app cannot take the school's share.
 */
final class ConnectionLimits {

	private final int total;
	private final int perAddress;
	private final int perAccount;
	private final AtomicInteger open = new AtomicInteger();
	private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();
	private final ConcurrentHashMap<UUID, Integer> byAccount = new ConcurrentHashMap<>();

	ConnectionLimits(int total, int perAddress, int perAccount) {
		this.total = total;
		this.perAddress = perAddress;
		this.perAccount = perAccount;
	}

	/** Takes a place for the address, or answers false when it or the server is full. */
	boolean tryOpen(InetAddress address) {
		if (open.incrementAndGet() > total) {
			open.decrementAndGet();
			return false;
		}
		boolean allowed = take(byAddress, address, perAddress);
		if (!allowed) {
			open.decrementAndGet();
		}
		return allowed;
	}

	/** Takes a place for a signed-in session of the account, or answers false when it has all of its own. */
	boolean trySignIn(UUID accountId) {
		return take(byAccount, accountId, perAccount);
	}

	void signOut(UUID accountId) {
		byAccount.computeIfPresent(accountId, (a, count) -> count <= 1 ? null : count - 1);
	}

	/** One atomic step per key, so that two connections arriving together cannot both take the last place. */
	private static <K> boolean take(ConcurrentHashMap<K, Integer> counts, K key, int limit) {
		boolean[] allowed = { false };
		counts.compute(key, (k, count) -> {
			int current = count == null ? 0 : count;
			if (current >= limit) {
				return count;
			}
			allowed[0] = true;
			return current + 1;
		});
		return allowed[0];
	}

	void close(InetAddress address) {
		open.decrementAndGet();
		byAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
	}

	int open() {
		return open.get();
	}
}
