package de.schulhaus.mail.smtp;

import java.io.IOException;

import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * EHLO with what this server really does: PIPELINING (commands are read one by one, so a client may
 * send them in groups), SIZE, 8BITMIME, STARTTLS until it is started and AUTH only inside TLS. Neither
 * CHUNKING nor SMTPUTF8, which the library would announce: BDAT is refused here, and the smarthost
 * may not take UTF-8 addresses.
 */
final class Capabilities extends BaseCommand {

	Capabilities() {
		super("EHLO", "Introduce yourself.", "<hostname>");
	}

	@Override
	public void execute(String command, Session session) throws IOException {
		String[] args = getArgs(command);
		if (args.length < 2) {
			session.sendResponse("501 5.5.4 Syntax: EHLO hostname");
			return;
		}
		session.resetMailTransaction();
		session.setHelo(args[1]);
		var server = session.getServer();
		StringBuilder reply = new StringBuilder("250-").append(server.getHostName());
		reply.append("\r\n250-PIPELINING\r\n250-SIZE ").append(server.getMaxMessageSize()).append("\r\n250-ENHANCEDSTATUSCODES");
		if (server.getEnableTLS() && !session.isTLSStarted()) {
			reply.append("\r\n250-STARTTLS");
		}
		if (server.getAuthenticationHandlerFactory().isPresent() && session.isTLSStarted() && !session.isAuthenticated()) {
			reply.append("\r\n250-AUTH ").append(String.join(" ", server.getAuthenticationHandlerFactory().get().getAuthenticationMechanisms()));
		}
		reply.append("\r\n250 8BITMIME");
		session.sendResponse(reply.toString());
	}
}
