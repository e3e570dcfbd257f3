package de.schulhaus.mail.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;

/**
 * The folders one signed-in person sees over IMAP: their own mailbox at the top, and the function
 * mailboxes they are members of under {@value #SHARED}{@code <name>/} (the shared namespace). Membership
 * is asked again at every look-up, so a person taken off a function mailbox loses it at once.
 */
final class ImapFolders {

	static final String SHARED = "Funktionspostfächer";
	static final char DELIMITER = MailFolders.DELIMITER;

	/** A folder with the mailbox it belongs to and its name as IMAP shows it (before modified UTF-7). */
	record Entry(Mailbox mailbox, MailFolder folder, String imapName) {
	}

	/** Where a name points: a mailbox and a folder name inside it. */
	record Target(Mailbox mailbox, String folderName) {
	}

	private final Mailboxes mailboxes;
	private final MailFolders folders;
	private final UUID schoolId;
	private final UUID accountId;
	private final Mailbox personal;

	ImapFolders(Mailboxes mailboxes, MailFolders folders, UUID schoolId, UUID accountId, Mailbox personal) {
		this.mailboxes = mailboxes;
		this.folders = folders;
		this.schoolId = schoolId;
		this.accountId = accountId;
		this.personal = personal;
	}

	Mailbox personal() {
		return personal;
	}

	List<Entry> all() {
		List<Entry> entries = new ArrayList<>();
		for (MailFolder folder : folders.list(personal)) {
			entries.add(new Entry(personal, folder, folder.inbox() ? "INBOX" : folder.name()));
		}
		for (Mailbox shared : functionMailboxes()) {
			for (MailFolder folder : folders.list(shared)) {
				entries.add(new Entry(shared, folder, SHARED + DELIMITER + shared.localPart() + DELIMITER + (folder.inbox() ? "INBOX" : folder.name())));
			}
		}
		return entries;
	}

	/** The mailbox and folder name a (decoded) IMAP name stands for; a shared name of a mailbox one may not use is unknown. */
	Optional<Target> target(String imapName) {
		String prefix = SHARED + DELIMITER;
		if (!imapName.startsWith(prefix)) {
			return Optional.of(new Target(personal, imapName));
		}
		String rest = imapName.substring(prefix.length());
		int slash = rest.indexOf(DELIMITER);
		if (slash <= 0 || slash == rest.length() - 1) {
			return Optional.empty();
		}
		String localPart = rest.substring(0, slash);
		return functionMailboxes().stream().filter(m -> m.localPart().equalsIgnoreCase(localPart)).findFirst()
			.map(m -> new Target(m, rest.substring(slash + 1)));
	}

	Optional<Entry> find(String imapName) {
		return target(imapName).flatMap(t -> folders.byName(t.mailbox(), t.folderName())
			.map(f -> new Entry(t.mailbox(), f, imapName.equalsIgnoreCase("INBOX") ? "INBOX" : imapName)));
	}

	/** Whether the folder's mailbox is still one this person may use (function mailbox members change). */
	boolean stillUsable(MailFolder folder) {
		return folder.mailboxId().equals(personal.id()) || mailboxes.mayUse(schoolId, accountId, folder.mailboxId());
	}

	private List<Mailbox> functionMailboxes() {
		return mailboxes.usableBy(schoolId, accountId).stream().filter(m -> !m.personal() && m.localPart() != null).toList();
	}
}
