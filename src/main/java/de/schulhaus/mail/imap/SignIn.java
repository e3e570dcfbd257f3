package de.schulhaus.mail.imap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import de.schulhaus.accounts.Scope;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.platform.SchulhausUser;

/**
 * STARTTLS, LOGIN and AUTHENTICATE PLAIN (with SASL-IR) through {@code accounts.ProtocolSignIn}, scope
 * mail. A password is looked at only inside TLS or from a loopback address.
 */
final class SignIn {

	private final ImapSession session;

	SignIn(ImapSession session) {
		this.session = session;
	}

	private ImapReader in() {
		return session.in();
	}

	private ImapWriter out() {
		return session.out();
	}

	void startTls(String tag) throws IOException {
		in().end();
		if (session.connection.secure()) {
			throw new BadCommandException("TLS is on already");
		}
		if (session.user != null) {
			throw new BadCommandException("STARTTLS only before signing in");
		}
		session.ok(tag, "Begin TLS negotiation now");
		out().flush();
		session.connection.upgrade();
	}

	void login(String tag) throws IOException {
		in().space();
		String login = in().astring();
		in().space();
		String password = in().astring();
		in().end();
		signIn(tag, login, password);
	}

	void authenticate(String tag) throws IOException {
		in().space();
		String mechanism = in().atom();
		String initial = null;
		if (in().more()) {
			initial = in().atom();
		}
		in().end();
		if (!mechanism.equalsIgnoreCase("PLAIN")) {
			throw new NoException("CANNOT", "only AUTHENTICATE PLAIN is offered");
		}
		if (initial == null) {
			out().line("+ ").flush();
			initial = in().restOfLine();
		}
		if (initial.equals("*")) {
			throw new BadCommandException("authentication cancelled");
		}
		String[] parts;
		try {
			parts = new String(Base64.getDecoder().decode(initial.equals("=") ? "" : initial), StandardCharsets.UTF_8).split("\0", -1);
		} catch (IllegalArgumentException e) {
			throw new BadCommandException("the PLAIN response is not Base64");
		}
		if (parts.length != 3 || (!parts[0].isEmpty() && !parts[0].equals(parts[1]))) {
			throw new NoException("AUTHENTICATIONFAILED", "PLAIN needs an empty or matching authorization identity, a login and a password");
		}
		signIn(tag, parts[1], parts[2]);
	}

	private void signIn(String tag, String login, String password) throws IOException {
		if (session.user != null) {
			throw new BadCommandException("signed in already");
		}
		if (!session.plainAllowed()) {
			throw new NoException("PRIVACYREQUIRED", "sign in only after STARTTLS (or on port 993 with TLS)");
		}
		Optional<SchulhausUser> found = session.services.signIn().authenticate(login, password, Scope.MAIL, "imap",
				session.connection.clientAddress().getHostAddress());
		if (found.isEmpty()) {
			throw new NoException("AUTHENTICATIONFAILED", "wrong login or password, or not allowed for mail");
		}
		if (!session.connection.holdPlaceFor(found.get().accountId())) {
			// RFC 5530: the client may try again later; it stays connected to say LOGOUT
			throw new NoException("LIMIT", "Too many connections for this account");
		}
		session.user = found.get();
		session.connection.signedIn();
		SchulhausUser user = session.user;
		Mailbox personal = session.services.mailboxes().personal(user.schoolId(), user.accountId(), user.displayName());
		session.folders = new ImapFolders(session.services.mailboxes(), session.services.folders(), user.schoolId(), user.accountId(), personal);
		session.ok(tag, "[CAPABILITY " + session.capabilities() + "] signed in");
	}
}
