package de.schulhaus.mail.imap;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many IMAP connections are open, in all and per client address: a client that opens hundreds is
 * turned away beyond its share while others still get in. A school behind one NAT address shares the
 * per-address limit, so it is set well above what a staff room of mail apps opens.
 */
final class ConnectionLimits {

	private final int total;
	private final int perAddress;
	private final AtomicInteger open = new AtomicInteger();
	private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

	ConnectionLimits(int total, int perAddress) {
		this.total = total;
		this.perAddress = perAddress;
	}

	/** Takes a place for the address, or answers false when it or the server is full. */
	boolean tryOpen(InetAddress address) {
		if (open.incrementAndGet() > total) {
			open.decrementAndGet();
			return false;
		}
		boolean[] allowed = { false };
		byAddress.compute(address, (a, count) -> {
			int current = count == null ? 0 : count;
			if (current >= perAddress) {
				return count;
			}
			allowed[0] = true;
			return current + 1;
		});
		if (!allowed[0]) {
			open.decrementAndGet();
		}
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
