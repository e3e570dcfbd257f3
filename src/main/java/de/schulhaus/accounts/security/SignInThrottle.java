package de.schulhaus.accounts.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.scheduling.annotation.Scheduled;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.AddressFailureRepository;
import de.schulhaus.platform.SchulhausUser;

/**
 * Slows down password guessing: failed sign-ins are counted per account and per network address.
 * Only failures count, so a whole school signing in at 08:00 from behind one NAT address is never
 * throttled, while guessing stops after a few tries.
 * <p>
 * Both counts live in the database, so that behind a load balancer the limits hold for all nodes
 * together. An account's failures are in its row, which sign-in reads anyway (no extra query); an
 * address's in a row of its own, read once per attempt by primary key. Both are written only on a
 * failure (and an account's on the first success after failures). Each count runs in a window that
 * starts with the first failure: a locked account or address is free again when that window ends.
 */
@Component
public class SignInThrottle {

	static final int ACCOUNT_FAILURES = 10;
	static final Duration ACCOUNT_WINDOW = Duration.ofMinutes(15);
	static final int ADDRESS_FAILURES = 100;
	static final Duration ADDRESS_WINDOW = Duration.ofMinutes(5);

	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

	private final AccountRepository accounts;
	private final AddressFailureRepository addresses;

	SignInThrottle(AccountRepository accounts, AddressFailureRepository addresses) {
		this.accounts = accounts;
		this.addresses = addresses;
	}

	/** Whether the address may try another sign-in now (an account's lock comes with the account). */
	public boolean allowed(String ip) {
		return addresses.failuresSince(addressKey(ip), Instant.now().minus(ADDRESS_WINDOW)) < ADDRESS_FAILURES;
	}

	public void failed(String login, String ip) {
		Instant now = Instant.now();
		addresses.record(addressKey(ip), now, now.minus(ADDRESS_WINDOW));
		if (login != null && !login.isBlank() && login.length() <= 320) {
			accounts.recordSignInFailure(login.strip().toLowerCase(Locale.ROOT), now, now.minus(ACCOUNT_WINDOW));
		}
	}

	/** A wrong second-factor code: counted for the address here (the account counts its codes on its own). */
	public void failedAddress(String ip) {
		Instant now = Instant.now();
		addresses.record(addressKey(ip), now, now.minus(ADDRESS_WINDOW));
	}

	/**
	 * A finished sign-in (password, and the second factor where there is one): the account's counts
	 * start again. Never called after the password alone when a second factor follows, so a guessed
	 * password does not buy another round of guessing codes.
	 */
	public void succeeded(SchulhausUser user) {
		if (user.recentSignInFailures() > 0 || user.twoFactorEnabled()) {
			accounts.clearAllSignInFailures(user.accountId());
		}
	}

	/** The person as met at sign-in, with the failures all nodes counted in the current window. */
	public SchulhausUser withSharedFailures(SchulhausUser user, int failures, Instant since) {
		int recent = since != null && since.isAfter(Instant.now().minus(ACCOUNT_WINDOW)) ? failures : 0;
		return user.withSignInFailures(recent, recent >= ACCOUNT_FAILURES);
	}

	// once per cluster (deleting twice would do no harm, but need not happen on every node)
	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
	@SchedulerLock(name = "accounts.sign-in-address-failures", lockAtMostFor = "PT4M")
	void forgetEndedWindows() {
		addresses.deleteOlderThan(Instant.now().minus(ADDRESS_WINDOW));
	}

	/**
	 * The counted unit of a client address: an IPv4 address, or an IPv6 address's /64 network,
	 * since one IPv6 connection usually holds a whole /64 and could otherwise rotate through it.
	 */
	static String addressKey(String ip) {
		if (ip == null || ip.isBlank()) {
			return "-";
		}
		String literal = ip.strip();
		if (literal.startsWith("[") && literal.endsWith("]")) {
			literal = literal.substring(1, literal.length() - 1);
		}
		if (IPV6_LITERAL.matcher(literal).matches()) {
			try {
				// a literal: parsed without any name lookup
				InetAddress parsed = InetAddress.getByName(literal);
				if (parsed instanceof Inet6Address) {
					byte[] b = parsed.getAddress();
					return String.format("%x:%x:%x:%x::/64", word(b, 0), word(b, 2), word(b, 4), word(b, 6));
				}
				return parsed.getHostAddress();
			}
			catch (UnknownHostException e) {
				// not an address after all: counted as it came
			}
		}
		return literal.length() <= 64 ? literal : literal.substring(0, 64);
	}

	private static int word(byte[] b, int i) {
		return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
	}
}
