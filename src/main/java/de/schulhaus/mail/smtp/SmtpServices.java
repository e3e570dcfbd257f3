package de.schulhaus.mail.smtp;

import org.springframework.stereotype.Component;

import de.schulhaus.accounts.ProtocolSignIn;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.mail.MailProperties;
import de.schulhaus.mail.internal.MailAddresses;
import de.schulhaus.mail.internal.MailPolicies;
import de.schulhaus.mail.internal.MailTls;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.Submission;
import de.schulhaus.platform.PlatformProperties;

/** What the SMTP sessions use of the mail store and the platform, handed to each transaction. */
@Component
record SmtpServices(MailProperties properties, PlatformProperties platform, MessageStore store, Submission submission,
		MailAddresses addresses, Mailboxes mailboxes, MailPolicies policies, StorageQuotas quotas, ProtocolSignIn signIn, MailTls tls) {

	String hostName() {
		return MailTls.hostOf(properties, platform);
	}
}
