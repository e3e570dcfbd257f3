package de.schulhaus.mail.web;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.MessageLists;

/** What the mailbox's pages share: the folder list with unread counts, and a page of a folder's messages. */
@Component
class MailPages {

	private final MailFolders folders;
	private final MessageLists lists;

	MailPages(MailFolders folders, MessageLists lists) {
		this.folders = folders;
		this.lists = lists;
	}

	/** A mailbox in the folder column: the person's own (no heading while it is the only one) or a function's. */
	record MailboxFolders(Mailbox mailbox, java.util.List<FolderRow> folders) {
	}

	void folders(java.util.List<Mailbox> usable, MailFolder current, Model model) {
		java.util.List<MailboxFolders> all = usable.stream()
			.map(m -> new MailboxFolders(m, FolderRow.of(folders.list(m), lists.unreadByFolder(m)))).toList();
		model.addAttribute("mailboxes", all);
		model.addAttribute("folders", all.get(0).folders());
		model.addAttribute("current", current);
	}

	void list(Mailbox mailbox, MailFolder folder, int page, String query, boolean everywhere, Model model) {
		int seite = Math.max(1, Math.min(page, 10_000));
		String suche = query == null ? "" : query.strip();
		boolean all = everywhere && !suche.isEmpty();
		MessageLists.Page found = lists.page(mailbox, all ? null : folder, suche, seite - 1, MailboxController.PAGE_SIZE);
		model.addAttribute("folder", folder);
		model.addAttribute("folderLabel", FolderRow.of(java.util.List.of(folder), java.util.Map.of()).get(0));
		model.addAttribute("messages", found.messages());
		model.addAttribute("more", found.more());
		model.addAttribute("seite", seite);
		model.addAttribute("suche", suche);
		model.addAttribute("ueberall", all);
		model.addAttribute("sentFolder", folder.specialUse() == de.schulhaus.mail.internal.SpecialUse.SENT
				|| folder.specialUse() == de.schulhaus.mail.internal.SpecialUse.DRAFTS);
		model.addAttribute("trashFolder", folder.specialUse() == de.schulhaus.mail.internal.SpecialUse.TRASH);
		model.addAttribute("moveTargets", FolderRow.of(folders.list(mailbox), java.util.Map.of()));
	}
}
