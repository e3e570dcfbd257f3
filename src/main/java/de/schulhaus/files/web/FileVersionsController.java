package de.schulhaus.files.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;
import de.schulhaus.files.internal.FileLocked;
import de.schulhaus.files.internal.SpaceFiles;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Earlier versions of a file: listed on its details page, each downloadable by everyone who reads the
 * file, and made current again by those who may change it.
 */
@Controller
class FileVersionsController {

	private final FileBrowserSpaces spaces;
	private final FileActions actions;
	private final MessageSource messages;

	FileVersionsController(FileBrowserSpaces spaces, FileActions actions, MessageSource messages) {
		this.messages = messages;
		this.spaces = spaces;
		this.actions = actions;
	}

	@GetMapping("/dateien/{space}/version")
	void download(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			@RequestParam(required = false) String version, HttpServletResponse response) throws IOException {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavPath path = FileLocation.parse(pfad);
		DavResource file = actions.require(opened, path);
		if (file.collection()) {
			throw new NotFoundException("version");
		}
		UUID id = Ids.parse(version, "version");
		SpaceFiles.FileVersion found = opened.repository().versions(path).stream().filter(v -> v.id().equals(id)).findFirst()
			.orElseThrow(() -> new NotFoundException("version"));
		response.setContentType(found.contentType() != null ? found.contentType() : MediaType.APPLICATION_OCTET_STREAM_VALUE);
		response.setContentLengthLong(found.size());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Attachments.contentDisposition(path.name()));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
		try (InputStream in = opened.repository().readVersion(path, id, 0, found.size())) {
			in.transferTo(response.getOutputStream());
		}
	}

	@PostMapping("/dateien/{space}/version/wiederherstellen")
	String restore(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			@RequestParam(required = false) String version, Locale locale, RedirectAttributes redirect) {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavPath path = FileLocation.parse(pfad);
		DavResource file = actions.require(opened, path);
		if (file.collection()) {
			throw new NotFoundException("version");
		}
		if (!opened.writable()) {
			throw new AccessDeniedException("read-only space");
		}
		try {
			opened.repository().restoreVersion(path, Ids.parse(version, "version"));
		}
		catch (FileLocked ex) {
			redirect.addFlashAttribute("problemField", "selection");
			redirect.addFlashAttribute("problemText", messages.getMessage("files.error.locked", new Object[] { ex.untilClock() }, locale));
			return "redirect:" + FileLocation.url(opened.key(), "details", path);
		}
		catch (DavException ex) {
			throw ex.status() == 403 ? new AccessDeniedException("read-only space") : new NotFoundException("version");
		}
		redirect.addFlashAttribute("toast", "files.versions.toast.restored");
		return "redirect:" + FileLocation.url(opened.key(), "details", path);
	}
}
