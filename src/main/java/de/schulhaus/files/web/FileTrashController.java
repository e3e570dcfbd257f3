package de.schulhaus.files.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.files.internal.FileLocked;
import de.schulhaus.files.internal.FilesProperties;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * A space's trash: what was deleted, by whom and when, to put back or to remove for good. Only for
 * those who may change the whole space; for anybody else it does not exist (404).
 */
@Controller
class FileTrashController {

	private final FileBrowserSpaces spaces;
	private final AccountManagement accounts;
	private final FilesProperties properties;
	private final MessageSource messages;

	FileTrashController(FileBrowserSpaces spaces, AccountManagement accounts, FilesProperties properties, MessageSource messages) {
		this.spaces = spaces;
		this.accounts = accounts;
		this.properties = properties;
		this.messages = messages;
	}

	@GetMapping("/dateien/{space}/papierkorb")
	String trash(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, Model model) {
		FileBrowserSpaces.Space opened = open(user, space);
		var trash = opened.repository().trash();
		PersonNames names = new PersonNames(accounts, opened.space().schoolId(), trash.stream().map(t -> t.deletedBy()).toList());
		List<Item> items = trash.stream()
			.map(t -> new Item(t.id(), t.name(), t.folder(), t.size(), t.deleted(), names.of(t.deletedBy()))).toList();
		model.addAttribute("space", opened);
		model.addAttribute("items", items);
		model.addAttribute("days", properties.trashAge().toDays());
		model.addAttribute("spaceHref", FileLocation.url(opened.key(), null, DavPath.ROOT));
		model.addAttribute("base", FileLocation.url(opened.key(), "papierkorb", DavPath.ROOT));
		return "files/trash";
	}

	@PostMapping("/dateien/{space}/papierkorb/wiederherstellen")
	String restore(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String eintrag,
			Model model, HttpServletResponse response, Locale locale, RedirectAttributes redirect) {
		FileBrowserSpaces.Space opened = open(user, space);
		DavPath restored;
		try {
			restored = gone(() -> opened.repository().restore(Ids.parse(eintrag, "trash item")));
		}
		catch (FileLocked locked) {
			// the trash page again, saying why: nothing came back
			response.setStatus(HttpStatus.LOCKED.value());
			model.addAttribute("problemText", messages.getMessage("files.trash.locked", new Object[] { locked.untilClock() }, locale));
			return trash(user, space, model);
		}
		redirect.addFlashAttribute("restoredName", restored.name());
		redirect.addFlashAttribute("restoredFolder", restored.parent().isRoot() ? null : FileLocation.text(restored.parent()));
		redirect.addFlashAttribute("restoredHref", FileLocation.url(opened.key(), null, restored.parent()));
		return "redirect:" + FileLocation.url(opened.key(), "papierkorb", DavPath.ROOT);
	}

	@PostMapping("/dateien/{space}/papierkorb/loeschen")
	String purge(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String eintrag,
			RedirectAttributes redirect) {
		FileBrowserSpaces.Space opened = open(user, space);
		gone(() -> {
			opened.repository().purge(Ids.parse(eintrag, "trash item"));
			return null;
		});
		redirect.addFlashAttribute("toast", "files.trash.toast.purged");
		return "redirect:" + FileLocation.url(opened.key(), "papierkorb", DavPath.ROOT);
	}

	@PostMapping("/dateien/{space}/papierkorb/leeren")
	String empty(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, RedirectAttributes redirect) {
		FileBrowserSpaces.Space opened = open(user, space);
		opened.repository().emptyTrash();
		redirect.addFlashAttribute("toast", "files.trash.toast.emptied");
		return "redirect:" + FileLocation.url(opened.key(), "papierkorb", DavPath.ROOT);
	}

	/** The trash holds what others deleted: only for those who may change the whole space. */
	private FileBrowserSpaces.Space open(SchulhausUser user, String key) {
		FileBrowserSpaces.Space opened = spaces.open(user, key);
		if (!hasTrash(opened)) {
			throw new NotFoundException("trash");
		}
		return opened;
	}

	static boolean hasTrash(FileBrowserSpaces.Space space) {
		return space.space().writable() && space.space().whole();
	}

	/** An item somebody else restored or purged a moment ago is as gone as one that never was. */
	private static <T> T gone(java.util.function.Supplier<T> change) {
		try {
			return change.get();
		}
		catch (DavException ex) {
			if (ex.status() == 404) {
				throw new NotFoundException("trash item");
			}
			throw ex;
		}
	}

	/** A line of the trash. */
	record Item(UUID id, String name, boolean folder, long size, java.time.Instant deleted, String deletedBy) {
	}
}
