package de.schulhaus.mail.smtp;

import org.subethamail.smtp.server.Session;

import de.schulhaus.mail.internal.StagedMessage;
import de.schulhaus.mail.internal.Submission;

/** Mail from outside (port 2525, behind the MX): only for addresses of the platform, never relayed. */
final class InboundTransaction extends SmtpTransaction {

	InboundTransaction(SmtpServices services, Session session) {
		super(services, session);
	}

	@Override
	protected void sender(String from) {
		// any sender, bounces (<>) included: what matters is whom it is for
	}

	@Override
	protected Submission.Recipient check(String recipient) {
		return services.submission().checkInbound(recipient);
	}

	@Override
	protected long sizeLimit() {
		return services.properties().maxMessageSize().toBytes();
	}

	@Override
	protected Submission.Result deliver(StagedMessage message) {
		return services.submission().receiveChecked(envelopeFrom, recipients, message);
	}
}
