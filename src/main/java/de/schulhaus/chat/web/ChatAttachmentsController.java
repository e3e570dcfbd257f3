package de.schulhaus.chat.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

import jakarta.servlet.http.HttpServletRequest;

import de.schulhaus.chat.internal.AttachmentTooLargeException;
import de.schulhaus.chat.internal.ChatAttachments;
import de.schulhaus.chat.internal.ChatMessage;
import de.schulhaus.chat.internal.MessageView;
import de.schulhaus.chat.internal.PostingRate;
import de.schulhaus.chat.internal.RoomAccess;
import de.schulhaus.chat.internal.RoomRights;
import de.schulhaus.files.CloudFiles;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Files posted with a message ({@link ChatAttachments}): {@code POST /api/v1/chat/rooms/{id}/attachments} (multipart
 * {@code file}, optional {@code body} and {@code replyTo}) posts one, {@code GET /api/v1/chat/attachments/{id}} gives it
 * to the room's readers (pictures inline, everything else as a download); anyone else gets the 404 of a missing one.
 */
@RestController
@RequestMapping(path = "/api/v1/chat")
class ChatAttachmentsController {

	private final RoomAccess access;
	private final ChatAttachments attachments;
	private final PostingRate rate;
	private final MessageSource texts;
	private final CloudFiles cloudFiles;

	ChatAttachmentsController(RoomAccess access, ChatAttachments attachments, PostingRate rate, MessageSource texts, CloudFiles cloudFiles) {
		this.cloudFiles = cloudFiles;
		this.access = access;
		this.attachments = attachments;
		this.rate = rate;
		this.texts = texts;
	}

	@PostMapping(path = "/rooms/{chatRoomId}/attachments", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> post(@PathVariable String chatRoomId, HttpServletRequest request, @RequestParam(required = false) String body, @RequestParam(required = false) String replyTo, @AuthenticationPrincipal SchulhausUser user)
			throws IOException {
		UUID room = Ids.parse(chatRoomId, "room");
		// a room the caller cannot read answers 404 whatever was sent
		RoomRights rights = access.require(user, room);
		MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
		MultipartFile file = multipart == null ? null : multipart.getFile("file");
		if (file == null || file.isEmpty()) {
			throw new InvalidInputException("file", "chat.error.attachmentMissing");
		}
		if (!rate.tryPost(user.accountId(), room)) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "2").contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem(HttpStatus.TOO_MANY_REQUESTS, "slow-down", "chat.error.slowDown"));
		}
		ChatMessage message;
		try (InputStream content = file.getInputStream()) {
			message = attachments.post(user, rights, body, replyTo(replyTo), file.getOriginalFilename(), file.getContentType(), file.getSize(), content);
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(MessageView.of(message, user.accountId()));
	}

	/** The caller's own files whose name contains {@code q}, to pick one to post (at most 20). */
	@GetMapping(path = "/my-files", produces = MediaType.APPLICATION_JSON_VALUE)
	List<MyFile> myFiles(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal SchulhausUser user) {
		String text = q.strip();
		if (text.isEmpty()) {
			return List.of();
		}
		return cloudFiles.searchMyFiles(user, text, 20).stream().map(f -> new MyFile(f.id(), f.name(), f.place(), f.size(), f.contentType())).toList();
	}

	/** Posts a file of the caller's own files (JSON {@code fileId}, optional {@code body} and {@code replyTo}) by reference. */
	@PostMapping(path = "/rooms/{chatRoomId}/my-files", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> postMyFile(@PathVariable String chatRoomId, @RequestBody MyFileBody body, @AuthenticationPrincipal SchulhausUser user) {
		UUID room = Ids.parse(chatRoomId, "room");
		RoomRights rights = access.require(user, room);
		if (!rate.tryPost(user.accountId(), room)) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "2").contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem(HttpStatus.TOO_MANY_REQUESTS, "slow-down", "chat.error.slowDown"));
		}
		UUID file;
		try {
			file = UUID.fromString(body.fileId() == null ? "" : body.fileId());
		} catch (IllegalArgumentException e) {
			throw new InvalidInputException("fileId", "chat.error.noSuchFile");
		}
		ChatMessage message = attachments.postFromMyFiles(user, rights, body.body(), replyTo(body.replyTo()), file);
		return ResponseEntity.status(HttpStatus.CREATED).body(MessageView.of(message, user.accountId()));
	}

	record MyFile(UUID id, String name, String place, long size, String contentType) {
	}

	record MyFileBody(String fileId, String body, String replyTo) {
	}

	@GetMapping("/attachments/{attachmentId}")
	ResponseEntity<InputStreamResource> open(@PathVariable String attachmentId, @AuthenticationPrincipal SchulhausUser user) {
		CloudFiles.OpenedFile opened = attachments.open(user, Ids.parse(attachmentId, "attachment"))
			.orElseThrow(() -> new NotFoundException("attachment"));
		CloudFiles.CloudFile file = opened.file();
		boolean inline = ChatAttachments.INLINE_TYPES.contains(file.contentType());
		ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment()).filename(file.name(), StandardCharsets.UTF_8)
			.build();
		return ResponseEntity.ok().contentType(inline ? MediaType.parseMediaType(file.contentType()) : MediaType.APPLICATION_OCTET_STREAM)
			.contentLength(file.size()).header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "default-src 'none'; sandbox")
			.cacheControl(CacheControl.noStore().cachePrivate()).body(new InputStreamResource(opened.content()));
	}

	/**
	 * A smaller copy of an attached picture for the message list (PNG for a PNG, else JPEG), for the same readers and with
	 * the same headers as the picture; 404 for what has none. The browser keeps it but asks again each time it shows it
	 * ({@code no-cache} with an ETag): a reader who left the room gets 404, one who still reads it a 304 without the
	 * picture being scaled again.
	 */
	@GetMapping("/attachments/{attachmentId}/preview")
	ResponseEntity<byte[]> preview(@PathVariable String attachmentId, @AuthenticationPrincipal SchulhausUser user,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		CloudFiles.Preview preview = attachments.preview(user, Ids.parse(attachmentId, "attachment"), ifNoneMatch)
			.orElseThrow(() -> new NotFoundException("attachment"));
		CacheControl cache = CacheControl.noCache().cachePrivate();
		if (preview.unchanged()) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(preview.etag()).cacheControl(cache).build();
		}
		ContentDisposition disposition = ContentDisposition.inline().filename(preview.file().name(), StandardCharsets.UTF_8).build();
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(preview.contentType())).contentLength(preview.content().length)
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "default-src 'none'; sandbox")
			.eTag(preview.etag()).cacheControl(cache).body(preview.content());
	}

	@ExceptionHandler(AttachmentTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(AttachmentTooLargeException e) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "chat.error.attachmentTooLarge", e.limit() / (1024 * 1024)));
	}

	private static UUID replyTo(String id) {
		try {
			return id == null || id.isBlank() ? null : UUID.fromString(id);
		} catch (IllegalArgumentException e) {
			throw new InvalidInputException("replyTo", "chat.error.replyTo");
		}
	}

	private ProblemDetail problem(HttpStatus status, String type, String key, Object... args) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, texts.getMessage(key, args, key, LocaleContextHolder.getLocale()));
		problem.setType(URI.create("urn:schulhaus:problem:chat:" + type));
		return problem;
	}
}
