package de.schulhaus.files.web;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.dav.DavPath;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The forms of the file browser (POST with the CSRF token): new folder, rename, move or copy, delete.
 * A refusal comes back as one sentence beside the form it concerns; success as a toast.
 */
@Controller
class FileChangesController {

	private final FileBrowserSpaces spaces;
	private final FileActions actions;
	private final MessageSource messages;

	FileChangesController(FileBrowserSpaces spaces, FileActions actions, MessageSource messages) {
		this.spaces = spaces;
		this.actions = actions;
		this.messages = messages;
	}

	@PostMapping("/dateien/{space}/ordner")
	String createFolder(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			@RequestParam(defaultValue = "") String name, Locale locale, RedirectAttributes redirect) {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavPath folder = FileLocation.parse(pfad);
		String back = FileLocation.url(opened.key(), null, folder);
		return attempt(redirect, locale, back, back, name, () -> {
			actions.createFolder(opened, folder, name);
			return "files.toast.folderCreated";
		});
	}

	@PostMapping("/dateien/{space}/umbenennen")
	String rename(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			@RequestParam(defaultValue = "") String name, Locale locale, RedirectAttributes redirect) {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavPath path = FileLocation.parse(pfad);
		actions.require(opened, path);
		String back = FileLocation.url(opened.key(), "details", path);
		String renamed = path.isRoot() ? back : FileLocation.url(opened.key(), "details", path.parent().child(name.strip().isEmpty() ? path.name() : name.strip()));
		return attempt(redirect, locale, back, renamed, name, () -> {
			actions.rename(opened, path, name);
			return "files.toast.renamed";
		});
	}

	/** Moves or copies the chosen members of a folder ({@code auswahl}) into the folder {@code ziel}. */
	@PostMapping("/dateien/{space}/verschieben")
	String transfer(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			HttpServletRequest request, @RequestParam(defaultValue = "/") String ziel,
			@RequestParam(defaultValue = "verschieben") String aktion, @RequestParam(required = false) String von, Locale locale,
			RedirectAttributes redirect) {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		List<String> auswahl = chosen(request);
		DavPath folder = FileLocation.parse(pfad);
		DavPath target = FileLocation.parse(ziel);
		boolean copy = "kopieren".equals(aktion);
		String back = back(opened, folder, auswahl, von);
		String done = copy ? back : FileLocation.url(opened.key(), null, folder);
		return attempt(redirect, locale, back, done, null, () -> {
			actions.transfer(opened, folder, auswahl, target, copy);
			return copy ? "files.toast.copied" : "files.toast.moved";
		});
	}

	@PostMapping("/dateien/{space}/loeschen")
	String delete(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			HttpServletRequest request, @RequestParam(required = false) String von, Locale locale,
			RedirectAttributes redirect) {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		List<String> auswahl = chosen(request);
		DavPath folder = FileLocation.parse(pfad);
		String back = back(opened, folder, auswahl, von);
		return attempt(redirect, locale, back, FileLocation.url(opened.key(), null, folder), null, () -> {
			actions.remove(opened, folder, auswahl);
			return "files.toast.deleted";
		});
	}

	/** The chosen names, each as sent: a name may contain a comma, which a {@code List} parameter would split at. */
	static List<String> chosen(HttpServletRequest request) {
		String[] values = request.getParameterValues("auswahl");
		return values == null ? List.of() : List.of(values).stream().distinct().toList();
	}

	/** Where a refusal is shown: the details page it came from, else the folder. */
	private static String back(FileBrowserSpaces.Space space, DavPath folder, List<String> names, String from) {
		if ("details".equals(from) && names.size() == 1) {
			return FileLocation.url(space.key(), "details", folder.child(FileLocation.parse(names.get(0)).name()));
		}
		return FileLocation.url(space.key(), null, folder);
	}

	private String attempt(RedirectAttributes redirect, Locale locale, String back, String done, String value, Supplier<String> change) {
		try {
			redirect.addFlashAttribute("toast", change.get());
			return "redirect:" + done;
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problemField", ex.field() == null ? "selection" : ex.field());
			redirect.addFlashAttribute("problemText", messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), locale));
			redirect.addFlashAttribute("problemValue", value);
			return "redirect:" + back;
		}
	}
}
