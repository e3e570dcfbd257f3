package de.schulhaus.mail.smtp;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Open connections of one listener, overall and per client address: a client that opens hundreds of
 * connections gets {@code 421 4.7.0} before the greeting instead of taking every thread.
 */
final class ConnectionLimits implements SessionHandler {

	private final int max;
	private final int perClient;
	private final Map<InetAddress, Integer> open = new HashMap<>();
	private int total;

	ConnectionLimits(int max, int perClient) {
		this.max = max;
		this.perClient = perClient;
	}

	@Override
	public synchronized SessionAcceptance accept(Session session) {
		InetAddress client = session.getRealRemoteAddress().getAddress();
		if (total >= max) {
			return SessionAcceptance.failure(421, "4.7.0 Too many connections, try again later");
		}
		if (open.getOrDefault(client, 0) >= perClient) {
			return SessionAcceptance.failure(421, "4.7.0 Too many connections from your address, try again later");
		}
		open.merge(client, 1, Integer::sum);
		total++;
		return SessionAcceptance.success();
	}

	@Override
	public synchronized void onSessionEnd(Session session) {
		InetAddress client = session.getRealRemoteAddress().getAddress();
		open.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
		total--;
	}
}
