package de.schulhaus.files.tus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.HttpRequestHandler;

import de.schulhaus.blobs.ResumableUpload;
import de.schulhaus.blobs.ResumableUploadConflictException;
import de.schulhaus.files.internal.FileUploads;
import de.schulhaus.files.internal.UploadProblem;
import de.schulhaus.platform.SchulhausUser;

/**
 * {@code /api/files/uploads}: the tus 1.0.0 protocol (core, creation, creation-with-upload,
 * termination, expiration) for resumable uploads into the caller's own space. An upload of another
 * person or school answers 404 exactly like a missing one, before anything else is looked at.
 * Refusals are RFC 9457 problems in the caller's language.
 */
class TusEndpoint implements HttpRequestHandler {

	static final String ROOT = "/api/files/uploads";
	static final String VERSION = "1.0.0";
	static final String OFFSET_STREAM = "application/offset+octet-stream";
	private static final Logger log = LoggerFactory.getLogger(TusEndpoint.class);

	private final FileUploads uploads;
	private final TusProblems problems;

	TusEndpoint(FileUploads uploads, TusProblems problems) {
		this.uploads = uploads;
		this.problems = problems;
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader("Tus-Resumable", VERSION);
		String base = request.getContextPath() + ROOT;
		String rest = request.getRequestURI().substring(Math.min(base.length(), request.getRequestURI().length()));
		try {
			if ("OPTIONS".equals(request.getMethod())) {
				response.setHeader("Tus-Version", VERSION);
				response.setHeader("Tus-Extension", "creation,creation-with-upload,termination,expiration");
				response.setHeader("Tus-Max-Size", String.valueOf(uploads.maxLength()));
				response.setStatus(HttpServletResponse.SC_NO_CONTENT);
				return;
			}
			var auth = SecurityContextHolder.getContext().getAuthentication();
			if (!(auth != null && auth.getPrincipal() instanceof SchulhausUser person)) {
				throw notFound();
			}
			if (rest.isEmpty() || rest.equals("/")) {
				requireVersion(request);
				if (!"POST".equals(request.getMethod())) {
					response.setHeader("Allow", "OPTIONS, POST");
					throw new UploadProblem(405, "method-not-allowed", "files.upload.problem.method");
				}
				create(person, request, response, base);
				return;
			}
			ResumableUpload upload = id(rest).flatMap(id -> uploads.find(person, id)).orElseThrow(TusEndpoint::notFound);
			requireVersion(request);
			switch (request.getMethod()) {
				case "HEAD" -> head(person, upload, response);
				case "PATCH" -> patch(person, upload, request, response);
				case "DELETE" -> {
					uploads.terminate(upload);
					response.setStatus(HttpServletResponse.SC_NO_CONTENT);
				}
				default -> {
					response.setHeader("Allow", "OPTIONS, HEAD, PATCH, DELETE");
					throw new UploadProblem(405, "method-not-allowed", "files.upload.problem.method");
				}
			}
		}
		catch (UploadProblem problem) {
			problems.write(response, problem);
		}
		catch (ResumableUploadConflictException conflict) {
			response.setHeader("Upload-Offset", String.valueOf(conflict.offset()));
			problems.write(response, conflict.busy() ? new UploadProblem(423, "upload-busy", "files.upload.problem.busy")
					: new UploadProblem(409, "upload-offset", "files.upload.problem.offset", conflict.offset()));
		}
	}

	private void create(SchulhausUser person, HttpServletRequest request, HttpServletResponse response, String base) throws IOException {
		long length = number(request.getHeader("Upload-Length"))
			.orElseThrow(() -> new UploadProblem(400, "invalid-input", "files.upload.problem.length"));
		Map<String, String> metadata = UploadMetadata.parse(request.getHeader("Upload-Metadata"))
			.orElseThrow(() -> new UploadProblem(400, "invalid-input", "files.upload.problem.metadata"));
		FileUploads.Target target = new FileUploads.Target(metadata.get("folder"), metadata.get("filename"), metadata.get("filetype"),
				metadata.get("space"), "1".equals(metadata.get("mkdirs")));
		boolean replaces = uploads.replaces(person, target);
		ResumableUpload upload = uploads.begin(person, target, length);
		if (replaces) {
			// the browser says so when the upload is done: the earlier content is kept as a version
			response.setHeader("X-Schulhaus-Replaces", "true");
		}
		response.setHeader("Location", base + "/" + upload.id());
		if (isOffsetStream(request) && !upload.complete()) {
			// creation-with-upload: the first bytes come with the request that creates the upload
			upload = append(person, upload, 0, request, response);
			if (upload == null) {
				return;
			}
		}
		response.setHeader("Upload-Offset", String.valueOf(upload.offset()));
		expires(response, upload);
		response.setStatus(HttpServletResponse.SC_CREATED);
	}

	private void head(SchulhausUser person, ResumableUpload upload, HttpServletResponse response) {
		if (upload.complete()) {
			uploads.complete(person, upload); // a crash came between the last bytes and the file: finish it now
		}
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Upload-Offset", String.valueOf(upload.offset()));
		response.setHeader("Upload-Length", String.valueOf(upload.length()));
		expires(response, upload);
		response.setStatus(HttpServletResponse.SC_OK);
	}

	private void patch(SchulhausUser person, ResumableUpload upload, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (!isOffsetStream(request)) {
			throw new UploadProblem(415, "unsupported-media-type", "files.upload.problem.content-type");
		}
		long offset = number(request.getHeader("Upload-Offset"))
			.orElseThrow(() -> new UploadProblem(400, "invalid-input", "files.upload.problem.offset-missing"));
		if (offset != upload.offset()) {
			response.setHeader("Upload-Offset", String.valueOf(upload.offset()));
			throw new UploadProblem(409, "upload-offset", "files.upload.problem.offset", upload.offset());
		}
		Optional<Long> sent = number(request.getHeader("Content-Length"));
		if (sent.isPresent() && offset + sent.get() > upload.length()) {
			throw new UploadProblem(400, "invalid-input", "files.upload.problem.beyond-length", upload.length());
		}
		ResumableUpload now = upload;
		if (upload.complete()) {
			uploads.complete(person, upload); // asked again after a lost answer, or after a crash before the file appeared
		}
		else {
			now = append(person, upload, offset, request, response);
			if (now == null) {
				return;
			}
		}
		response.setHeader("Upload-Offset", String.valueOf(now.offset()));
		expires(response, now);
		response.setStatus(HttpServletResponse.SC_NO_CONTENT);
	}

	/** Appends the request's body; null when the connection broke off (what arrived is kept and the client resumes). */
	private ResumableUpload append(SchulhausUser person, ResumableUpload upload, long offset, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		try (InputStream body = request.getInputStream()) {
			return uploads.append(person, upload, offset, body);
		}
		catch (UncheckedIOException broken) {
			// the client is gone or the disk failed; what was durably stored counts, the client asks with HEAD
			log.info("Upload {} broke off: {}", upload.id(), String.valueOf(broken.getCause()));
			response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
			return null;
		}
	}

	private static void requireVersion(HttpServletRequest request) {
		if (!VERSION.equals(request.getHeader("Tus-Resumable"))) {
			throw new UploadProblem(412, "tus-version", "files.upload.problem.version");
		}
	}

	private static boolean isOffsetStream(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.split(";", 2)[0].strip().equalsIgnoreCase(OFFSET_STREAM);
	}

	private static Optional<UUID> id(String rest) {
		try {
			String id = rest.substring(1);
			return Optional.of(UUID.fromString(id)).filter(u -> u.toString().equals(id));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	private static Optional<Long> number(String header) {
		try {
			return header == null ? Optional.empty() : Optional.of(Long.parseLong(header.strip())).filter(n -> n >= 0);
		}
		catch (NumberFormatException e) {
			return Optional.empty();
		}
	}

	private static void expires(HttpServletResponse response, ResumableUpload upload) {
		if (!upload.attached()) {
			response.setHeader("Upload-Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(upload.expires().atOffset(ZoneOffset.UTC)));
		}
	}

	private static UploadProblem notFound() {
		return new UploadProblem(404, "not-found", "files.upload.problem.not-found");
	}
}
