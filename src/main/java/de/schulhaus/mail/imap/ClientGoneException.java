package de.schulhaus.mail.imap;

import java.io.IOException;

/** The client closed the connection in the middle of a command. */
final class ClientGoneException extends IOException {

	ClientGoneException() {
		super("client closed the connection");
	}
}
