package de.schulhaus.push.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.PlatformProperties;

/**
 * Where the server may post a push message: a push service on the internet, never this machine or a
 * network of the school's data centre. A subscription's endpoint is chosen by the browser, so a person
 * could name an internal address; the subscribe check refuses address literals, and this one, before every
 * send, refuses host names that resolve to such addresses (also names that changed their address after
 * subscribing). The HTTP client resolves the name again when it connects, so a name that flips between
 * the two look-ups within milliseconds is not caught; an outbound proxy or firewall is the complete answer
 * (docs/security.md). Outside production, plain-HTTP endpoints on this machine are allowed for tests.
 */
@Component
class PushDestinations {

	/** Looks a host name up: all its addresses, or {@link UnknownHostException}. */
	interface Resolver {
		InetAddress[] resolve(String host) throws UnknownHostException;
	}

	private final boolean production;
	private final Resolver resolver;

	@Autowired
	PushDestinations(PlatformProperties platform) {
		this(platform.production(), InetAddress::getAllByName);
	}

	PushDestinations(boolean production, Resolver resolver) {
		this.production = production;
		this.resolver = resolver;
	}

	/** What may be done with a message for this endpoint now. */
	enum Verdict {
		SEND,
		/** the name leads into the data centre, or the address is no push service's: never send there */
		REFUSE,
		/** the name did not resolve: maybe the resolver's hiccup, tried again like a network error */
		UNRESOLVED
	}

	Verdict check(URI endpoint) {
		String host = endpoint.getHost();
		if (host == null) {
			return Verdict.REFUSE;
		}
		String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (!production && "http".equalsIgnoreCase(endpoint.getScheme())) {
			return isLoopbackName(name) ? Verdict.SEND : Verdict.REFUSE;
		}
		if (!"https".equalsIgnoreCase(endpoint.getScheme())) {
			return Verdict.REFUSE;
		}
		try {
			for (InetAddress address : resolver.resolve(name)) {
				if (production && internal(address)) {
					return Verdict.REFUSE;
				}
			}
			return Verdict.SEND;
		}
		catch (UnknownHostException e) {
			return Verdict.UNRESOLVED;
		}
	}

	private static boolean isLoopbackName(String name) {
		return "localhost".equalsIgnoreCase(name) || "127.0.0.1".equals(name) || "::1".equals(name) || "0:0:0:0:0:0:0:1".equals(name);
	}

	/** Loopback, private (RFC 1918, RFC 4193), link-local, carrier-grade NAT (RFC 6598), unspecified or multicast. */
	static boolean internal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
				|| address.isMulticastAddress()) {
			return true;
		}
		byte[] raw = address.getAddress();
		if (raw.length == 4) {
			int first = raw[0] & 0xff;
			int second = raw[1] & 0xff;
			// 100.64.0.0/10 (shared address space), 0.0.0.0/8, 192.0.0.0/24 (protocol assignments)
			return first == 100 && (second & 0xc0) == 64 || first == 0 || first == 192 && second == 0 && (raw[2] & 0xff) == 0;
		}
		// fc00::/7: unique local addresses (Java's isSiteLocalAddress knows only the deprecated fec0::/10)
		return (raw[0] & 0xfe) == 0xfc;
	}
}
