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

	/** The person's own mailbox first, then the function mailboxes they were named for. */
	java.util.List<Mailbox> usable(SchulhausUser user) {
		Mailbox own = mailbox(user);
		java.util.List<Mailbox> all = new java.util.ArrayList<>(java.util.List.of(own));
		mailboxes.usableBy(user.schoolId(), user.accountId()).stream().filter(m -> !m.id().equals(own.id())).forEach(all::add);
		return all;
	}

	/** A mailbox the person may send from, by id; blank is their own. */
	Mailbox sendingMailbox(SchulhausUser user, String id) {
		if (id == null || id.isBlank()) {
			return mailbox(user);
		}
		UUID mailboxId = Ids.parse(id, "mailbox");
		return mailboxes.find(user.schoolId(), mailboxId).filter(m -> mailboxes.mayUse(user.schoolId(), user.accountId(), m.id()))
			.orElseThrow(() -> new NotFoundException("mailbox"));
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
