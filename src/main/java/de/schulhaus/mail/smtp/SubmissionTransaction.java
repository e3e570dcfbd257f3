package de.schulhaus.mail.smtp;

import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

import de.schulhaus.mail.internal.MailAddresses;
import de.schulhaus.mail.internal.StagedMessage;
import de.schulhaus.mail.internal.Submission;
import de.schulhaus.platform.SchulhausUser;

/**
 * Mail of a signed-in person (port 1587): sent as their sign-in address, an alias of their mailbox or a
 * function mailbox they share, to whom their school lets them write. Mail apps keep their own sent copy.
 */
final class SubmissionTransaction extends SmtpTransaction {

	private final SchulhausUser user;
	private Submission.Sender sender;

	SubmissionTransaction(SmtpServices services, Session session) {
		super(services, session);
		this.user = session.getAuthenticationHandler().map(h -> (SchulhausUser) h.getIdentity()).orElseThrow(
				() -> new IllegalStateException("submission without sign-in"));
	}

	@Override
	protected void sender(String from) throws RejectException {
		String address = MailAddresses.normalize(from);
		if (!address.isEmpty() && services.addresses().resolve(address) instanceof MailAddresses.ToMailbox to
				&& to.school().id().equals(user.schoolId()) && services.mailboxes().mayUse(user.schoolId(), user.accountId(), to.mailbox().id())) {
			sender = new Submission.Sender(user.schoolId(), user.accountId(), user.role(), to.mailbox(), address);
		} else {
			throw new RejectException(553, "5.7.1 You may not send as <" + from + ">");
		}
		if (session.getDeclaredMessageSize() > sizeLimit()) {
			throw new RejectException(552, "5.3.4 Message too big: at most " + sizeLimit() + " bytes");
		}
	}

	@Override
	protected Submission.Recipient check(String recipient) {
		return services.submission().check(sender, recipient);
	}

	@Override
	protected long sizeLimit() {
		return Math.min(services.policies().of(user.schoolId(), user.role()).maxMessageBytes(), services.properties().maxMessageSize().toBytes());
	}

	@Override
	protected Submission.Result deliver(StagedMessage message) {
		return services.submission().submitChecked(sender, recipients, message, false);
	}
}
