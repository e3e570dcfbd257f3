package de.schulhaus.files.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavQuota;
import de.schulhaus.dav.DavResource;
import de.schulhaus.platform.SchulhausUser;

/**
 * The file browser's pages: a folder's list or tiles (sorted on the server), a file's details with its
 * preview, and the folder picker of the move dialog as an htmx fragment.
 */
@Controller
class FilesController {

	private final FileBrowserSpaces spaces;
	private final FileActions actions;
	private final FilePreviews previews;
	private final FileVersionRows versions;

	FilesController(FileBrowserSpaces spaces, FileActions actions, FilePreviews previews, FileVersionRows versions) {
		this.versions = versions;
		this.spaces = spaces;
		this.actions = actions;
		this.previews = previews;
	}

	@GetMapping("/dateien")
	String personal(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "name") String sortierung,
			@RequestParam(defaultValue = "false") boolean absteigend, @RequestParam(required = false) String ansicht,
			@CookieValue(name = FolderView.COOKIE, required = false) String remembered, HttpServletRequest request,
			HttpServletResponse response, Locale locale, Model model) {
		return folder(user, FileBrowserSpaces.PERSONAL, null, sortierung, absteigend, ansicht, remembered, request, response, locale, model);
	}

	@GetMapping("/dateien/{space}")
	String folder(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			@RequestParam(defaultValue = "name") String sortierung, @RequestParam(defaultValue = "false") boolean absteigend,
			@RequestParam(required = false) String ansicht, @CookieValue(name = FolderView.COOKIE, required = false) String remembered,
			HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavPath path = FileLocation.parse(pfad);
		DavResource folder = actions.require(opened, path);
		if (!folder.collection()) {
			return "redirect:" + FileLocation.url(opened.key(), "details", path);
		}
		List<FileRow> rows = opened.repository().shown(folder).stream().map(r -> FileRow.of(opened.key(), r)).toList();
		String by = List.of("name", "groesse", "geaendert").contains(sortierung) ? sortierung : "name";
		model.addAttribute("rows", FileRow.sorted(rows, by, absteigend, locale));
		model.addAttribute("sortedBy", by);
		model.addAttribute("descending", absteigend);
		model.addAttribute("grid", FolderView.chosen(ansicht, remembered, request, response) == FolderView.GRID);
		model.addAttribute("picker", picker(opened, path, rows));
		model.addAttribute("quota", opened.repository().quota().map(FilesController::usage).orElse(null));
		model.addAttribute("spaceList", spaces.list(user));
		model.addAttribute("trashHref", FileTrashController.hasTrash(opened) ? FileLocation.url(opened.key(), "papierkorb", DavPath.ROOT) : null);
		model.addAttribute("writers", spaces.writers(opened));
		place(model, opened, path);
		return "files/folder";
	}

	@GetMapping("/dateien/{space}/details")
	String details(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			Model model) throws java.io.IOException {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavPath path = FileLocation.parse(pfad);
		DavResource file = actions.require(opened, path);
		if (path.isRoot()) {
			return "redirect:" + FileLocation.url(opened.key(), null, path);
		}
		FileRow row = FileRow.of(opened.key(), file);
		model.addAttribute("file", row);
		model.addAttribute("excerpt", previews.text(opened.repository(), file).orElse(null));
		model.addAttribute("pdfPreview", FilePreviews.isPdf(file) ? FileLocation.url(opened.key(), "vorschau", path) : null);
		model.addAttribute("parentHref", FileLocation.url(opened.key(), null, path.parent()));
		model.addAttribute("picker", picker(opened, path.parent(), opened.repository().shown(actions.require(opened, path.parent()))
			.stream().map(r -> FileRow.of(opened.key(), r)).toList()));
		place(model, opened, path);
		model.addAttribute("folderPath", FileLocation.text(path.parent()));
		model.addAttribute("versions", versions.of(opened, path, file));
		return "files/details";
	}

	/** The folder picker one level further down (or up): the fragment the move dialog swaps in. */
	@GetMapping("/dateien/{space}/ordnerwahl")
	String picker(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			Model model) {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavPath path = FileLocation.parse(pfad);
		DavResource folder = actions.requireFolder(opened, path);
		List<FileRow> rows = opened.repository().shown(folder).stream().map(r -> FileRow.of(opened.key(), r)).toList();
		model.addAttribute("picker", picker(opened, path, rows));
		model.addAttribute("space", opened);
		return "files/picker :: picker";
	}

	private Picker picker(FileBrowserSpaces.Space space, DavPath at, List<FileRow> members) {
		List<Crumb> folders = new ArrayList<>();
		for (FileRow row : members) {
			if (row.folder()) {
				DavPath child = at.child(row.name());
				folders.add(new Crumb(row.name(), FileLocation.text(child), FileLocation.url(space.key(), "ordnerwahl", child)));
			}
		}
		folders.sort(java.util.Comparator.comparing(Crumb::name, String.CASE_INSENSITIVE_ORDER));
		return new Picker(FileLocation.text(at), at.isRoot() ? null : FileLocation.url(space.key(), "ordnerwahl", at.parent()),
				crumbs(space, at, "ordnerwahl"), folders);
	}

	private static void place(Model model, FileBrowserSpaces.Space space, DavPath path) {
		model.addAttribute("space", space);
		model.addAttribute("path", FileLocation.text(path));
		model.addAttribute("name", path.name());
		model.addAttribute("crumbs", crumbs(space, path, null));
		model.addAttribute("here", new Urls(space.key(), path));
	}

	static List<Crumb> crumbs(FileBrowserSpaces.Space space, DavPath path, String action) {
		List<Crumb> crumbs = new ArrayList<>();
		DavPath at = DavPath.ROOT;
		crumbs.add(new Crumb(null, "/", FileLocation.url(space.key(), action, at)));
		for (String segment : path.segments()) {
			at = at.child(segment);
			crumbs.add(new Crumb(segment, FileLocation.text(at), FileLocation.url(space.key(), action, at)));
		}
		return crumbs;
	}

	private static Usage usage(DavQuota quota) {
		long limit = quota.usedBytes() + quota.availableBytes();
		int percent = limit <= 0 ? 100 : (int) Math.min(100, Math.round(quota.usedBytes() * 100.0 / limit));
		return new Usage(quota.usedBytes(), limit, quota.availableBytes(), percent);
	}

	/** A step of the breadcrumbs or a folder of the picker; a null name is the space's top. */
	record Crumb(String name, String path, String href) {
	}

	record Picker(String path, String upHref, List<Crumb> crumbs, List<Crumb> folders) {
	}

	record Usage(long usedBytes, long limitBytes, long availableBytes, int percent) {
	}

	/** The URLs of the actions on the current place, for the templates. */
	record Urls(String space, DavPath path) {

		public String of(String action) {
			return FileLocation.url(space, action, path);
		}

		/** A form's action: the path goes in the form's own {@code pfad} field, never twice. */
		public String post(String action) {
			return FileLocation.url(space, action, DavPath.ROOT);
		}

		/** The list sorted by a column; the column already sorted ascending flips to descending. */
		public String sorted(String by, String current, boolean descending) {
			String list = FileLocation.url(space, null, path);
			boolean flip = by.equals(current) && !descending;
			return list + (list.contains("?") ? "&" : "?") + "sortierung=" + by + (flip ? "&absteigend=true" : "");
		}
	}
}
