package de.schulhaus.mail.smtp;

import java.io.IOException;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.command.DataCommand;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * DATA, but a client that sends the message before the {@code 354} is refused and dropped (RFC 2920:
 * DATA ends a pipelined group); otherwise its text would be read as commands.
 */
final class SynchronizedData extends BaseCommand {

	private final DataCommand data = new DataCommand();

	SynchronizedData() {
		super("DATA", "Following text is collected as the message.");
	}

	@Override
	public void execute(String command, Session session) throws IOException, DropConnectionException {
		if (session.isMailTransactionInProgress() && session.getRecipientCount() > 0 && session.getRawInput().available() > 0) {
			throw new DropConnectionException(554, "5.5.0 SMTP synchronization error: message text sent before the 354");
		}
		if (session.isMailTransactionInProgress() && session.getRecipientCount() == 0) {
			session.sendResponse("554 5.5.1 No valid recipients");
			return;
		}
		data.execute(command, session);
	}
}
