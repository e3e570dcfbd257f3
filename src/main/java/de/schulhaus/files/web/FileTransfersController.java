package de.schulhaus.files.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Content in and out, streamed: an upload is the raw request body (no multipart, so it goes to the
 * blob store without being buffered here), a download the file's bytes, a folder or a selection a ZIP
 * written while it is read, and a PDF's first page as a picture.
 */
@Controller
class FileTransfersController {

	private final FileBrowserSpaces spaces;
	private final FileActions actions;
	private final FilePreviews previews;
	private final MessageSource messages;

	private final Thumbnails thumbnails;

	FileTransfersController(FileBrowserSpaces spaces, FileActions actions, FilePreviews previews, MessageSource messages, Thumbnails thumbnails) {
		this.thumbnails = thumbnails;
		this.spaces = spaces;
		this.actions = actions;
		this.previews = previews;
		this.messages = messages;
	}

	/**
	 * Stores one file at {@code pfad}, making missing folders above it; answers 201 with its name and
	 * size, or a problem whose detail is the sentence to show (400 bad name, 409, 507 space full).
	 */
	@PutMapping("/dateien/{space}/hochladen")
	@ResponseBody
	ResponseEntity<?> upload(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space,
			@RequestParam(required = false) String pfad, HttpServletRequest request, Locale locale) throws IOException {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavPath path = FileLocation.parse(pfad);
		try (InputStream body = request.getInputStream()) {
			// a browser that knows no type sends none or octet-stream: then the name decides, as over WebDAV
			String type = request.getContentType() == null || request.getContentType().startsWith(MediaType.APPLICATION_OCTET_STREAM_VALUE) ? null
					: request.getContentType();
			boolean replaced = !path.isRoot() && opened.repository().find(path).filter(r -> !r.collection()).isPresent();
			DavResource stored = actions.upload(opened, path, body, type, request.getContentLengthLong());
			return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("name", stored.path().name(), "size", stored.length(),
					"path", FileLocation.text(stored.path()), "replaced", replaced));
		}
		catch (InvalidInputException ex) {
			HttpStatus status = switch (ex.messageKey()) {
				case "files.error.quota", "files.error.quotaShared" -> HttpStatus.INSUFFICIENT_STORAGE;
				case "files.error.readOnly" -> HttpStatus.FORBIDDEN;
				case "files.error.locked" -> HttpStatus.LOCKED;
				case "files.error.exists", "files.error.existsPlain", "files.error.fileInTheWay", "files.error.gone" -> HttpStatus.CONFLICT;
				default -> HttpStatus.BAD_REQUEST;
			};
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, messages.getMessage(ex.messageKey(), ex.args(), locale));
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
	}

	@GetMapping("/dateien/{space}/download")
	void download(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			HttpServletResponse response) throws IOException {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavResource file = actions.require(opened, FileLocation.parse(pfad));
		if (file.collection()) {
			// a folder comes as a ZIP, from its own address
			throw new NotFoundException("file");
		}
		response.setContentType(file.contentType() != null ? file.contentType() : MediaType.APPLICATION_OCTET_STREAM_VALUE);
		response.setContentLengthLong(file.length());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Attachments.contentDisposition(file.path().name()));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
		try (InputStream in = opened.repository().read(file, 0, file.length())) {
			in.transferTo(response.getOutputStream());
		}
	}

	/** A folder with everything in it as one ZIP named after it. */
	@GetMapping("/dateien/{space}/zip")
	void zipFolder(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			Locale locale, HttpServletResponse response) throws IOException {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavPath path = FileLocation.parse(pfad);
		DavResource folder = actions.requireFolder(opened, path);
		List<DavResource> tops = path.isRoot() ? opened.repository().shown(folder) : List.of(folder);
		zip(opened, tops, zipName(opened, path, locale), response);
	}

	/** The chosen members of a folder as one ZIP (a POST: the list of names can be long). */
	@PostMapping("/dateien/{space}/zip")
	void zipSelection(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			HttpServletRequest request, Locale locale, HttpServletResponse response) throws IOException {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavPath folder = FileLocation.parse(pfad);
		actions.requireFolder(opened, folder);
		List<DavResource> tops = FileChangesController.chosen(request).stream().map(name -> actions.require(opened, folder.child(name))).toList();
		if (tops.isEmpty()) {
			throw new NotFoundException("selection");
		}
		zip(opened, tops, zipName(opened, folder, locale), response);
	}

	@GetMapping("/dateien/{space}/vorschau")
	void pdfPreview(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			HttpServletResponse response) throws IOException {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavResource file = actions.require(opened, FileLocation.parse(pfad));
		if (!FilePreviews.isPdf(file)) {
			throw new NotFoundException("preview");
		}
		var png = new java.io.ByteArrayOutputStream();
		if (!previews.pdfFirstPage(opened.repository(), file, png)) {
			throw new NotFoundException("preview");
		}
		response.setContentType(MediaType.IMAGE_PNG_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=300");
		response.setContentLength(png.size());
		png.writeTo(response.getOutputStream());
	}

	/** A small JPEG of a picture for the folder list; the file's ETag makes the browser ask once per version. */
	@GetMapping("/dateien/{space}/vorschaubild")
	void thumbnail(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response) throws IOException {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavResource file = actions.require(opened, FileLocation.parse(pfad));
		if (!Thumbnails.canShow(file)) {
			throw new NotFoundException("thumbnail");
		}
		String etag = "\"" + file.etag() + "-t" + Thumbnails.SIZE + "\"";
		response.setHeader(HttpHeaders.ETAG, etag);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=86400");
		if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		var jpeg = new java.io.ByteArrayOutputStream(16 * 1024);
		if (!thumbnails.write(opened.repository(), file, jpeg)) {
			throw new NotFoundException("thumbnail");
		}
		response.setContentType(MediaType.IMAGE_JPEG_VALUE);
		response.setContentLength(jpeg.size());
		jpeg.writeTo(response.getOutputStream());
	}

	private String zipName(FileBrowserSpaces.Space space, DavPath path, Locale locale) {
		return (path.isRoot() ? (space.titleKey() != null ? messages.getMessage(space.titleKey(), null, locale) : space.name()) : path.name()) + ".zip";
	}

	private static void zip(FileBrowserSpaces.Space space, List<DavResource> entries, String name, HttpServletResponse response)
			throws IOException {
		response.setContentType("application/zip");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Attachments.contentDisposition(name));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
		OutputStream out = response.getOutputStream();
		de.schulhaus.files.internal.ZipDownload.write(space.repository(), entries, out);
	}
}
