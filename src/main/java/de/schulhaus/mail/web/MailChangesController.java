package de.schulhaus.mail.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Changes from the mailbox's pages: actions on selected messages, and the person's own folders (made,
 * renamed, deleted); a refusal comes back as a German sentence beside the list.
 */
@Controller
class MailChangesController {

	private final MessageActions actions;
	private final MailAccess access;
	private final MailFolders folders;
	private final MessageSource messages;

	MailChangesController(MessageActions actions, MailAccess access, MailFolders folders, MessageSource messages) {
		this.actions = actions;
		this.access = access;
		this.folders = folders;
		this.messages = messages;
	}

	@PostMapping("/mail/aktionen")
	String act(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) List<String> auswahl,
			@RequestParam(required = false) String aktion, @RequestParam(required = false) String ziel,
			@RequestParam(required = false) String zurueck, RedirectAttributes redirect, Locale locale) {
		try {
			MessageActions.Action action = MessageActions.parse(aktion);
			actions.apply(user, auswahl, action, ziel);
			redirect.addFlashAttribute("toast", "mail.done." + action.name().toLowerCase(Locale.ROOT));
			if ((action == MessageActions.Action.MOVE || action == MessageActions.Action.DELETE) && back(zurueck).startsWith("/mail/nachricht/")) {
				return "redirect:/mail";
			}
		} catch (InvalidInputException e) {
			problem(redirect, e, locale);
		}
		return "redirect:" + back(zurueck);
	}

	@PostMapping("/mail/ordner")
	String create(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String name,
			@RequestParam(required = false) String oberordner, RedirectAttributes redirect, Locale locale) {
		try {
			String full = name == null ? "" : name.strip();
			de.schulhaus.mail.internal.Mailbox mailbox = access.mailbox(user);
			if (oberordner != null && !oberordner.isBlank()) {
				MailFolder parent = access.folder(user, oberordner);
				// a folder inside a shared mailbox's folder belongs to that mailbox
				mailbox = access.mailboxOf(parent);
				// IMAP has no folders below INBOX here: those become top-level folders
				if (!parent.inbox()) {
					full = parent.name() + MailFolders.DELIMITER + full;
				}
			}
			MailFolder made = folders.create(mailbox, full);
			redirect.addFlashAttribute("toast", "mail.done.folderCreated");
			return "redirect:/mail/ordner/" + made.id();
		} catch (InvalidInputException e) {
			problem(redirect, e, locale);
			return "redirect:/mail";
		}
	}

	@PostMapping("/mail/ordner/{folderId}/umbenennen")
	String rename(@AuthenticationPrincipal SchulhausUser user, @PathVariable String folderId, @RequestParam(required = false) String name,
			RedirectAttributes redirect, Locale locale) {
		MailFolder folder = access.folder(user, folderId);
		try {
			String prefix = folder.name().contains("/") ? folder.name().substring(0, folder.name().lastIndexOf('/') + 1) : "";
			folders.rename(access.mailboxOf(folder), folder, prefix + (name == null ? "" : name.strip()));
			redirect.addFlashAttribute("toast", "mail.done.folderRenamed");
		} catch (InvalidInputException e) {
			problem(redirect, e, locale);
		}
		return "redirect:/mail/ordner/" + folder.id();
	}

	@PostMapping("/mail/ordner/{folderId}/loeschen")
	String delete(@AuthenticationPrincipal SchulhausUser user, @PathVariable String folderId, RedirectAttributes redirect, Locale locale) {
		MailFolder folder = access.folder(user, folderId);
		try {
			folders.delete(access.mailboxOf(folder), folder);
			redirect.addFlashAttribute("toast", "mail.done.folderDeleted");
			return "redirect:/mail";
		} catch (InvalidInputException e) {
			problem(redirect, e, locale);
			return "redirect:/mail/ordner/" + folder.id();
		}
	}

	private void problem(RedirectAttributes redirect, InvalidInputException e, Locale locale) {
		redirect.addFlashAttribute("problemText", messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale));
	}

	/** Only a page of the webmail itself: never an address from outside. */
	static String back(String path) {
		return path != null && path.startsWith("/mail") && !path.contains("//") && !path.contains("\\") && !path.contains("\r")
				&& !path.contains("\n") ? path : "/mail";
	}
}
