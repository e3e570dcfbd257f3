package de.schulhaus.mail.imap;

import org.springframework.stereotype.Component;

import de.schulhaus.accounts.ProtocolSignIn;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.mail.MailProperties;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.MailWatchers;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;

/** What an IMAP session uses of the application, handed to each connection in one piece. */
@Component
record ImapServices(ProtocolSignIn signIn, Mailboxes mailboxes, MailFolders folders, MessageStore store, StorageQuotas quotas, MailWatchers watchers,
		ImapMessages messages, StructureCache structures, MailProperties properties) {
}
