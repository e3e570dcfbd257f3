package de.schulhaus.mail.web;

import java.util.UUID;

import org.springframework.stereotype.Component;

import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The one place the webmail decides what a person may open: their own mailbox (made at first use) and
 * folders and messages of mailboxes they may use. Anything else, another school's or another person's,
 * is the same {@link NotFoundException} as an id nobody has.
 */
@Component
class MailAccess {

	private final Mailboxes mailboxes;
	private final MailFolders folders;
	private final MessageStore store;

	MailAccess(Mailboxes mailboxes, MailFolders folders, MessageStore store) {
		this.mailboxes = mailboxes;
		this.folders = folders;
		this.store = store;
	}

	Mailbox mailbox(SchulhausUser user) {
		if (user.schoolId() == null) {
			throw new NotFoundException("mailbox");
		}
		return mailboxes.personal(user.schoolId(), user.accountId(), user.displayName());
	}

	MailFolder folder(SchulhausUser user, String id) {
		UUID folderId = Ids.parse(id, "folder");
		if (user.schoolId() == null) {
			throw new NotFoundException("folder");
		}
		return folders.find(user.schoolId(), folderId).filter(f -> mailboxes.mayUse(user.schoolId(), user.accountId(), f.mailboxId()))
			.orElseThrow(() -> new NotFoundException("folder"));
	}

	StoredMessage message(SchulhausUser user, String id) {
		UUID messageId = Ids.parse(id, "message");
		if (user.schoolId() == null) {
			throw new NotFoundException("message");
		}
		return store.find(user.schoolId(), messageId).filter(m -> mailboxes.mayUse(user.schoolId(), user.accountId(), m.mailboxId()))
			.orElseThrow(() -> new NotFoundException("message"));
	}

	/** The folder a message lies in (it exists: messages go with their folder). */
	MailFolder folderOf(StoredMessage message) {
		return folders.find(message.schoolId(), message.folderId()).orElseThrow(() -> new NotFoundException("folder"));
	}

	Mailbox mailboxOf(MailFolder folder) {
		return mailboxes.find(folder.schoolId(), folder.mailboxId()).orElseThrow(() -> new NotFoundException("mailbox"));
	}
}
