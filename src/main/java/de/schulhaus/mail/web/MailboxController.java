package de.schulhaus.mail.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.platform.SchulhausUser;

/**
 * The mailbox: folders and a folder's messages, newest first, 50 a page, searchable in the folder or in
 * all folders. The open list asks every 15 seconds whether its folder changed (204 while not), so mail
 * that arrives or a message moved by a mail app shows without reloading.
 */
@Controller
class MailboxController {

	static final int PAGE_SIZE = 50;

	private final MailAccess access;
	private final MailFolders folders;
	private final MailPages pages;

	MailboxController(MailAccess access, MailFolders folders, MailPages pages) {
		this.access = access;
		this.folders = folders;
		this.pages = pages;
	}

	@GetMapping("/mail")
	String inbox(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "1") int seite,
			@RequestParam(required = false) String suche, @RequestParam(defaultValue = "false") boolean ueberall,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		Mailbox mailbox = access.mailbox(user);
		MailFolder inbox = folders.special(mailbox, SpecialUse.INBOX).orElseThrow();
		return show(user, mailbox, inbox, seite, suche, ueberall, htmx, model);
	}

	@GetMapping("/mail/ordner/{folderId}")
	String folder(@AuthenticationPrincipal SchulhausUser user, @PathVariable String folderId, @RequestParam(defaultValue = "1") int seite,
			@RequestParam(required = false) String suche, @RequestParam(defaultValue = "false") boolean ueberall,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		MailFolder folder = access.folder(user, folderId);
		return show(user, access.mailboxOf(folder), folder, seite, suche, ueberall, htmx, model);
	}

	/** The live view's question: 204 while the folder is as the list shows it, else the list anew. */
	@GetMapping("/mail/ordner/{folderId}/stand")
	Object changes(@AuthenticationPrincipal SchulhausUser user, @PathVariable String folderId, @RequestParam(defaultValue = "-1") long modseq,
			@RequestParam(defaultValue = "1") int seite, @RequestParam(required = false) String suche,
			@RequestParam(defaultValue = "false") boolean ueberall, Model model) {
		MailFolder folder = access.folder(user, folderId);
		if (folder.highestModseq() == modseq) {
			return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
		}
		pages.list(access.mailboxOf(folder), folder, seite, suche, ueberall, model);
		return "mail/mailbox :: list";
	}

	private String show(SchulhausUser user, Mailbox mailbox, MailFolder folder, int page, String query, boolean everywhere, String htmx,
			Model model) {
		pages.list(mailbox, folder, page, query, everywhere, model);
		if (htmx != null) {
			return "mail/mailbox :: list";
		}
		pages.folders(access.usable(user), folder, model);
		return "mail/mailbox";
	}
}
