package de.schulhaus.mail.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.MessageTooLargeException;
import de.schulhaus.mail.internal.StagedMessage;
import de.schulhaus.mail.internal.Submission;

/**
 * One mail transaction (MAIL, RCPT..., DATA) on either listener. The message is streamed into the blob
 * store with the trace lines in front, then handed to {@link Submission}; the library answers {@code 250}
 * only when {@link #data} returns, and that is after the commit.
 */
abstract class SmtpTransaction implements MessageHandler {

	private static final Logger log = LoggerFactory.getLogger(SmtpTransaction.class);

	protected final SmtpServices services;
	protected final Session session;
	protected final List<Submission.Recipient> recipients = new ArrayList<>();
	protected String envelopeFrom;
	private int recipientCommands;

	SmtpTransaction(SmtpServices services, Session session) {
		this.services = services;
		this.session = session;
	}

	/** Checks the sender; {@code from} is empty for bounces. */
	protected abstract void sender(String from) throws RejectException;

	/** The verdict on one recipient, and where it leads. */
	protected abstract Submission.Recipient check(String recipient);

	/** The largest message this sender may send, in bytes. */
	protected abstract long sizeLimit();

	/** Hands the staged message on; answers what follows {@code 250}. */
	protected abstract Submission.Result deliver(StagedMessage message);

	@Override
	public final void from(String from) throws RejectException {
		sender(from);
		envelopeFrom = from;
	}

	@Override
	public final void recipient(String recipient) throws RejectException {
		// counted by command: a client repeating one address does not get past the limit
		if (++recipientCommands > services.properties().limits().maxRecipients()) {
			throw new RejectException(452, "4.5.3 Too many recipients");
		}
		Submission.Recipient checked = check(recipient);
		Submission.Verdict verdict = checked.verdict();
		if (!verdict.accepted()) {
			throw new RejectException(Integer.parseInt(verdict.code()), verdict.smtpReply().substring(4));
		}
		if (full(checked)) {
			throw new RejectException(552, "5.2.2 Mailbox full: " + verdict.address());
		}
		if (recipients.stream().noneMatch(r -> r.address().equals(checked.address()))) {
			recipients.add(checked);
		}
	}

	/** A person's mailbox that has no room for the announced size (or none at all) refuses at RCPT already. */
	private boolean full(Submission.Recipient recipient) {
		if (recipient.toList() || recipient.mailboxes().size() != 1 || !recipient.mailboxes().get(0).personal()) {
			return false;
		}
		Mailbox mailbox = recipient.mailboxes().get(0);
		return !services.quotas().mayAdd(BlobOwner.mail(mailbox.schoolId(), mailbox.accountId()), Math.max(1, session.getDeclaredMessageSize()));
	}

	@Override
	public final String data(InputStream data) throws RejectException, IOException {
		byte[] trace = TraceHeaders.of(session, envelopeFrom, recipients.size() == 1 ? recipients.get(0).address() : null, services.hostName());
		long limit = Math.min(sizeLimit(), services.properties().maxMessageSize().toBytes());
		Instant arrived = Instant.now();
		HeaderCopy header = new HeaderCopy(data);
		StagedMessage staged;
		try {
			staged = services.store().stage(new SequenceInputStream(new ByteArrayInputStream(trace), header), limit + trace.length);
		} catch (MessageTooLargeException e) {
			drain(data, limit);
			throw tooLarge(limit);
		} catch (UncheckedIOException e) {
			throw e.getCause();
		} catch (RuntimeException e) {
			log.warn("SMTP message from {} could not be stored: {}", session.getRemoteAddress(), e.toString());
			drain(data, limit);
			throw new RejectException(451, "4.3.0 Temporary failure, please try again later");
		}
		Submission.Result result;
		try {
			result = deliver(staged);
		} catch (MessageTooLargeException e) {
			throw tooLarge(e.limit());
		} catch (RuntimeException e) {
			log.warn("SMTP message from {} could not be delivered: {}", session.getRemoteAddress(), e.toString(), e);
			throw new RejectException(451, "4.3.0 Temporary failure, please try again later");
		}
		if (result.delivered() + result.queued() == 0) {
			throw result.full().isEmpty() ? new RejectException(554, "5.5.1 No valid recipients")
					: new RejectException(552, "5.2.2 Mailbox full");
		}
		if (!result.fullRecipients().isEmpty()) {
			// the 250 stands for the others; the full ones are told to the sender by a bounce
			MailboxFullBounce.send(services, schoolOf(result.fullRecipients()), envelopeFrom, result.fullRecipients(), staged.scan().subject(),
					arrived, header.header());
		}
		return "2.0.0 Ok: delivered " + result.delivered() + ", queued " + result.queued() + " id " + session.getSessionId();
	}

	private UUID schoolOf(List<String> addresses) {
		return recipients.stream().filter(r -> addresses.contains(r.address())).flatMap(r -> r.mailboxes().stream()).map(Mailbox::schoolId)
			.findFirst().orElse(null);
	}

	private static RejectException tooLarge(long limit) {
		return new RejectException(552, "5.3.4 Message too big: at most " + limit + " bytes");
	}

	/**
	 * Reads what the client still sends of a refused message, so its text is not taken for commands; one
	 * that goes on far beyond the limit is cut off.
	 */
	private static void drain(InputStream data, long limit) throws IOException, DropConnectionException {
		byte[] buffer = new byte[8192];
		long read = 0;
		long cap = 2 * limit + 1024 * 1024;
		for (int n = data.read(buffer); n >= 0; n = data.read(buffer)) {
			read += n;
			if (read > cap) {
				throw new DropConnectionException(552, "5.3.4 Message too big: at most " + limit + " bytes");
			}
		}
	}

	@Override
	public void done() {
		// nothing held between commands: a staged message is used up or discarded inside data()
	}
}
