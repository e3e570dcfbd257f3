package de.schulhaus.mail.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.util.SMTPResponseHelper;
import org.subethamail.smtp.server.Session;

/**
 * DATA, but a client that sends the message before the {@code 354} is refused and dropped (RFC 2920:
 * DATA ends a pipelined group); otherwise its text would be read as commands. The message is read by
 * {@link DotTerminatedData}; the transaction ends with the answer, whichever it is.
 */
final class SynchronizedData extends BaseCommand {

	SynchronizedData() {
		super("DATA", "Following text is collected as the message.");
	}

	@Override
	public void execute(String command, Session session) throws IOException, DropConnectionException {
		if (!session.isMailTransactionInProgress()) {
			session.sendResponse("503 5.5.1 Error: need MAIL command");
			return;
		}
		if (session.getRecipientCount() == 0) {
			session.sendResponse("554 5.5.1 No valid recipients");
			return;
		}
		if (session.getRawInput().available() > 0) {
			throw new DropConnectionException(554, "5.5.0 SMTP synchronization error: message text sent before the 354");
		}
		session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
		InputStream message = new DotTerminatedData(session.getRawInput());
		String answer;
		try {
			answer = session.getMessageHandler().data(message);
			// what the handler left unread is still part of the message, not commands
			message.transferTo(OutputStream.nullOutputStream());
		} catch (RejectException refused) {
			message.transferTo(OutputStream.nullOutputStream());
			session.sendResponse(refused.getErrorResponse());
			session.resetMailTransaction();
			return;
		}
		session.sendResponse(answer == null ? "250 Ok" : SMTPResponseHelper.buildResponse("250", answer));
		session.resetMailTransaction();
	}
}
