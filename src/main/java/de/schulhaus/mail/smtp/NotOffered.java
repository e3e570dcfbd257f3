package de.schulhaus.mail.smtp;

import java.io.IOException;

import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/** A command the library knows but this server does not announce (BDAT without CHUNKING): a clear refusal instead. */
final class NotOffered extends BaseCommand {

	NotOffered(String verb) {
		super(verb, "Not offered here.");
	}

	@Override
	public void execute(String command, Session session) throws IOException {
		session.sendResponse("502 5.5.1 " + getName() + " is not offered here");
	}
}
