package de.schulhaus.files.links;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;
import de.schulhaus.files.internal.FileLocked;
import de.schulhaus.files.internal.Links;
import de.schulhaus.files.internal.SpaceFiles;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.files.internal.ZipDownload;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.PublicPath;

/**
 * {@code /s/<token>}: what a link shows to people without an account. A download link lists its
 * folder (or shows its file) with downloads and a ZIP of everything; an upload-only link ("Abgabe")
 * takes files and shows nothing of what is there. A link with a password asks for it once per session.
 * A link that does not work (any more) is not found, whatever the reason.
 */
@Controller
@RequestMapping("/s/{token}")
class LinkController {

	private static final String UNLOCKED = LinkController.class.getName() + ".unlocked";

	private final Links links;
	private final Spaces spaces;
	private final MessageSource messages;

	LinkController(Links links, Spaces spaces, MessageSource messages) {
		this.messages = messages;
		this.links = links;
		this.spaces = spaces;
	}

	@Bean
	static PublicPath fileLinks() {
		return new PublicPath("/s/**");
	}

	@GetMapping
	String show(@PathVariable String token, @RequestParam(name = "pfad", required = false) String path, HttpSession session, Model model) {
		Links.Opened link = open(token);
		model.addAttribute("token", token);
		model.addAttribute("name", link.space().name());
		if (locked(link, session)) {
			return "files/link-password";
		}
		if (link.link().uploadOnly()) {
			return "files/link-upload";
		}
		SpaceFiles files = spaces.open(link.space());
		DavPath at = path(path);
		DavResource resource = files.find(at).orElseThrow(() -> new NotFoundException("file"));
		model.addAttribute("path", at);
		model.addAttribute("resource", resource);
		model.addAttribute("members", resource.collection() ? files.shown(resource) : List.of());
		model.addAttribute("folder", resource.collection());
		return "files/link";
	}

	@PostMapping
	String unlock(@PathVariable String token, @RequestParam(defaultValue = "") String password, HttpSession session, Model model) {
		Links.Opened link = open(token);
		if (links.passwordMatches(link, password)) {
			Set<UUID> unlocked = new HashSet<>(unlocked(session));
			unlocked.add(link.link().id());
			// set again, not changed in place: a session kept in the database saves what is set
			session.setAttribute(UNLOCKED, unlocked);
			return "redirect:/s/" + token;
		}
		model.addAttribute("token", token);
		model.addAttribute("name", link.space().name());
		model.addAttribute("wrong", true);
		return "files/link-password";
	}

	@GetMapping("/datei")
	void download(@PathVariable String token, @RequestParam(name = "pfad", required = false) String path, HttpSession session,
			HttpServletResponse response) throws IOException {
		Links.Opened link = readable(token, session);
		SpaceFiles files = spaces.open(link.space());
		DavResource file = files.find(path(path)).filter(r -> !r.collection()).orElseThrow(() -> new NotFoundException("file"));
		if (!links.countDownload(link)) {
			throw new NotFoundException("link");
		}
		response.setContentType(file.contentType() != null ? file.contentType() : MediaType.APPLICATION_OCTET_STREAM_VALUE);
		response.setContentLengthLong(file.length());
		response.setHeader("Content-Disposition", ContentDisposition.attachment().filename(file.path().isRoot() ? link.space().name()
				: file.path().name(), StandardCharsets.UTF_8).build().toString());
		response.setHeader("X-Content-Type-Options", "nosniff");
		try (InputStream in = files.read(file, 0, file.length()); OutputStream out = response.getOutputStream()) {
			in.transferTo(out);
		}
	}

	@GetMapping("/zip")
	void zip(@PathVariable String token, @RequestParam(name = "pfad", required = false) String path, HttpSession session,
			HttpServletResponse response) throws IOException {
		Links.Opened link = readable(token, session);
		SpaceFiles files = spaces.open(link.space());
		DavResource folder = files.find(path(path)).filter(DavResource::collection).orElseThrow(() -> new NotFoundException("folder"));
		if (!links.countDownload(link)) {
			throw new NotFoundException("link");
		}
		String name = folder.path().isRoot() ? link.space().name() : folder.path().name();
		response.setContentType("application/zip");
		response.setHeader("Content-Disposition", ContentDisposition.attachment().filename(name + ".zip", StandardCharsets.UTF_8).build().toString());
		ZipDownload.write(files, List.of(new ZipDownload.Item(name, folder)), response.getOutputStream());
	}

	/** An upload-only link takes a file as the raw request body; an existing name gets a number, so nobody replaces another's work. */
	@PostMapping(path = "/dateien", consumes = MediaType.ALL_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, String>> upload(@PathVariable String token, @RequestParam String name, HttpSession session,
			HttpServletRequest request) throws IOException {
		Links.Opened link = open(token);
		if (!link.link().uploadOnly() || locked(link, session)) {
			throw new NotFoundException("link");
		}
		SpaceFiles files = spaces.open(link.space());
		String type = request.getContentType() != null && !request.getContentType().isBlank() ? request.getContentType()
				: MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM).toString();
		// the free name is found by the insert: two pupils' "Aufgabe.pdf" at once become "Aufgabe.pdf" and "Aufgabe (2).pdf"
		String stored = files.writeNew(DavPath.ROOT, name, request.getInputStream(), type, request.getContentLengthLong());
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("name", stored));
	}

	/** A refused name or a full space, in words, as JSON for the upload page's script. */
	@ExceptionHandler(DavException.class)
	@ResponseBody
	ResponseEntity<Map<String, Object>> refused(DavException ex, Locale locale) {
		if (ex instanceof FileLocked locked) {
			return ResponseEntity.status(423).contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Map.of("status", 423, "title", messages.getMessage("files.link.locked.title", null, locale), "detail",
						messages.getMessage("files.error.locked", new Object[] { locked.untilClock() }, locale)));
		}
		int status = ex.status() == 507 ? 507 : ex.status() == 404 ? 404 : 400;
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Map.of("status", status, "title", status == 507 ? "Kein Platz mehr" : "Nicht angenommen", "detail", ex.getMessage()));
	}

	private Links.Opened open(String token) {
		return links.open(token).orElseThrow(() -> new NotFoundException("link"));
	}

	private Links.Opened readable(String token, HttpSession session) {
		Links.Opened link = open(token);
		if (link.link().uploadOnly() || locked(link, session)) {
			throw new NotFoundException("link");
		}
		return link;
	}

	private static boolean locked(Links.Opened link, HttpSession session) {
		return link.link().hasPassword() && !unlocked(session).contains(link.link().id());
	}

	@SuppressWarnings("unchecked")
	private static Set<UUID> unlocked(HttpSession session) {
		return session.getAttribute(UNLOCKED) instanceof Set<?> existing ? (Set<UUID>) existing : Set.of();
	}

	/** A path below the linked folder, as the page's links write it: names separated by slashes, nothing that climbs up. */
	static DavPath path(String path) {
		DavPath at = DavPath.ROOT;
		if (path == null || path.isBlank()) {
			return at;
		}
		for (String segment : path.split("/")) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\0') >= 0) {
				throw new NotFoundException("file");
			}
			at = at.child(segment);
		}
		return at;
	}
}
