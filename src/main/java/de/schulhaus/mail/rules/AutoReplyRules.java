package de.schulhaus.mail.rules;

import java.util.Locale;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;

/**
 * Whether an absence note may answer a message (RFC 3834 section 2): never mail without a return path,
 * from mailer daemons and list software, automatic or bulk mail, mail from lists, nor mail that does not
 * name the person among its recipients (a list's copy, a Bcc).
 */
final class AutoReplyRules {

	private static final Set<String> MACHINES = Set.of("mailer-daemon", "postmaster", "listserv", "majordomo", "mailman", "noreply",
			"no-reply", "donotreply", "do-not-reply", "bounce", "bounces", "nobody");
	private static final Set<String> LIST_HEADERS = Set.of("List-Id", "List-Post", "List-Unsubscribe", "List-Help", "List-Owner",
			"List-Subscribe", "List-Archive");

	private AutoReplyRules() {
	}

	static boolean mayAnswer(InternetHeaders headers, String envelopeFrom, Set<String> ownAddresses) {
		String sender = envelopeFrom == null ? "" : envelopeFrom.strip().toLowerCase(Locale.ROOT);
		int at = sender.lastIndexOf('@');
		if (at <= 0) {
			return false;
		}
		String local = sender.substring(0, at);
		if (MACHINES.contains(local) || local.startsWith("owner-") || local.endsWith("-request") || local.endsWith("-bounces")
				|| local.startsWith("bounce")) {
			return false;
		}
		String autoSubmitted = first(headers, "Auto-Submitted");
		if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
			return false;
		}
		String precedence = first(headers, "Precedence");
		if (precedence != null && Set.of("bulk", "list", "junk").contains(precedence.strip().toLowerCase(Locale.ROOT))) {
			return false;
		}
		for (String header : LIST_HEADERS) {
			if (headers.getHeader(header) != null) {
				return false;
			}
		}
		String suppress = first(headers, "X-Auto-Response-Suppress");
		if (suppress != null && (suppress.contains("OOF") || suppress.contains("All"))) {
			return false;
		}
		return namesOneOf(headers, ownAddresses);
	}

	private static boolean namesOneOf(InternetHeaders headers, Set<String> ownAddresses) {
		for (String name : new String[] { "To", "Cc" }) {
			String[] values = headers.getHeader(name);
			if (values == null) {
				continue;
			}
			for (String value : values) {
				try {
					for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
						if (address.getAddress() != null && ownAddresses.contains(address.getAddress().toLowerCase(Locale.ROOT))) {
							return true;
						}
					}
				} catch (AddressException unreadable) {
					// a header we cannot read names nobody we know
				}
			}
		}
		return false;
	}

	private static String first(InternetHeaders headers, String name) {
		String[] values = headers.getHeader(name);
		return values == null || values.length == 0 ? null : values[0];
	}
}
