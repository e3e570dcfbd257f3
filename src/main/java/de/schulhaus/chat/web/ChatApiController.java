package de.schulhaus.chat.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.chat.internal.ChatMessage;
import de.schulhaus.chat.internal.ChatMessages;
import de.schulhaus.chat.internal.ChatProperties;
import de.schulhaus.chat.internal.PostingRate;
import de.schulhaus.chat.internal.MessageView;
import de.schulhaus.chat.internal.ReadMarkers;
import de.schulhaus.chat.internal.Room;
import de.schulhaus.chat.internal.RoomAccess;
import de.schulhaus.chat.internal.RoomRights;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The messenger over HTTP for the web UI's scripts (session and CSRF token) and programs (app
 * password of scope api): rooms with unread counts, pages of messages by seq, posting, read markers.
 * Errors are RFC 9457 problems; a room the caller may not read answers 404 like a missing one.
 */
@RestController
@RequestMapping(path = "/api/v1/chat", produces = MediaType.APPLICATION_JSON_VALUE)
class ChatApiController {

	/** Seconds a client that was slowed down should wait: about one token of the default rate. */
	private static final String RETRY_AFTER_SECONDS = "2";

	private final RoomAccess access;
	private final ChatMessages messages;
	private final ReadMarkers reads;
	private final PostingRate rate;
	private final MessageSource texts;

	ChatApiController(RoomAccess access, ChatMessages messages, ReadMarkers reads, PostingRate rate, MessageSource texts) {
		this.access = access;
		this.messages = messages;
		this.reads = reads;
		this.rate = rate;
		this.texts = texts;
	}

	/** The caller's rooms, most recently active first, with how many messages they have not read. */
	@GetMapping("/rooms")
	List<RoomJson> rooms(@AuthenticationPrincipal SchulhausUser user) {
		List<RoomRights> rooms = access.readable(user);
		List<UUID> ids = rooms.stream().map(r -> r.room().id()).toList();
		Map<UUID, Long> markers = reads.of(user.schoolId(), user.accountId(), ids);
		Map<UUID, Long> unread = reads.unread(user.schoolId(), user.accountId(), ids);
		return rooms.stream().map(r -> RoomJson.of(r, markers.getOrDefault(r.room().id(), 0L), unread.getOrDefault(r.room().id(), 0L), r.mayPost() ? null
				: texts.getMessage(r.refusal().messageKey(), ChatRefusals.args(r.refusal()), r.refusal().messageKey(), LocaleContextHolder.getLocale())))
			.toList();
	}

	/**
	 * A page of messages: with {@code after}, those new or changed after that seq in the order of their latest
	 * change (to catch up; ask again from the page's last {@code changedSeq} until a page is short); else those
	 * before {@code before} by seq, oldest first, the newest without it (to scroll back).
	 */
	@GetMapping("/rooms/{chatRoomId}/messages")
	List<MessageView> messages(@PathVariable String chatRoomId, @RequestParam(required = false) Long after,
			@RequestParam(required = false) Long before, @RequestParam(defaultValue = "50") int limit,
			@AuthenticationPrincipal SchulhausUser user) {
		UUID room = Ids.parse(chatRoomId, "room");
		int size = Math.max(1, Math.min(limit, ChatProperties.MAX_PAGE));
		List<ChatMessage> page = after != null ? messages.after(user, room, after, size) : messages.before(user, room, before, size);
		return page.stream().map(m -> MessageView.of(m, user.accountId())).toList();
	}

	@PostMapping(path = "/rooms/{chatRoomId}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> post(@PathVariable String chatRoomId, @RequestBody PostBody body, @AuthenticationPrincipal SchulhausUser user) {
		UUID room = Ids.parse(chatRoomId, "room");
		// a room the caller cannot read answers 404 before the flood limit, and is not counted
		if (!rate.allows(user.accountId(), room)) {
			access.require(user, room);
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(HttpStatus.TOO_MANY_REQUESTS, "slow-down", "chat.error.slowDown"));
		}
		UUID replyTo = replyTo(body.replyTo());
		ChatMessage message = rate.counted(user.accountId(), room, () -> messages.post(user, room, body.body(), replyTo));
		return ResponseEntity.status(HttpStatus.CREATED).body(MessageView.of(message, user.accountId()));
	}

	/** Marks the room read up to {@code seq}, everything without one; a marker never moves back. */
	@PostMapping(path = "/rooms/{chatRoomId}/read", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Long> read(@PathVariable String chatRoomId, @RequestBody ReadBody body, @AuthenticationPrincipal SchulhausUser user) {
		UUID room = Ids.parse(chatRoomId, "room");
		long upTo = messages.markRead(user, room, body.seq() == null ? Long.MAX_VALUE : body.seq());
		return Map.of("lastReadSeq", upTo, "unread", reads.unread(user.schoolId(), user.accountId(), List.of(room)).getOrDefault(room, 0L));
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

	/** {@code replyTo}: the id of an earlier message of the room that this one answers. */
	record PostBody(String body, String replyTo) {
	}

	record ReadBody(Long seq) {
	}

	/**
	 * A room in the caller's list: unread is how many messages came after the caller's read marker (not deleted ones); kind is
	 * GROUP, DIRECT, CHAT or ANNOUNCE; leader whether the caller moderates it; mutedUntil the end of the
	 * caller's mute (null: none, or until lifted while mayPost is false); notPosting why the caller may not post, as the page says it.
	 */
	record RoomJson(UUID id, UUID groupId, String name, boolean archived, boolean mayPost, long lastSeq, Instant lastActivityAt,
			long lastReadSeq, long unread, String kind, boolean locked, boolean leader, Instant mutedUntil, String notPosting) {

		static RoomJson of(RoomRights rights, long lastReadSeq, long unread, String notPosting) {
			Room room = rights.room();
			return new RoomJson(room.id(), room.groupId(), room.name(), room.archived(), rights.mayPost(), room.lastSeq(),
					room.lastActivityAt(), lastReadSeq, unread, room.kind().name(), room.locked(),
					rights.leader(), rights.mutedUntil(), notPosting);
		}
	}
}
