package de.schulhaus.chat.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.chat.internal.MessageReports;
import de.schulhaus.chat.internal.MessageView;
import de.schulhaus.chat.internal.RoomModeration;
import de.schulhaus.chat.internal.RoomModeration.MuteLength;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;

/**
 * The room leaders' tools over HTTP, the same as the forms of {@link ChatModerationController}: lock and archive a
 * room, mute, unmute and remove a member, pin messages, the open reports and settling them; and for members reporting
 * a message. Deleting any message is {@code DELETE /api/v1/chat/messages/{id}}. A room the caller does not read (and
 * a person not in it) is a 404 like a missing one; a reader who does not lead it gets a 403 problem.
 */
@RestController
@RequestMapping(path = "/api/v1/chat", produces = MediaType.APPLICATION_JSON_VALUE)
class ChatModerationApiController {

	private final RoomModeration moderation;
	private final MessageReports reports;

	ChatModerationApiController(RoomModeration moderation, MessageReports reports) {
		this.moderation = moderation;
		this.reports = reports;
	}

	/** Locks the room: only its leaders post. */
	@PutMapping("/rooms/{chatRoomId}/lock")
	ResponseEntity<Void> lock(@PathVariable String chatRoomId, @AuthenticationPrincipal SchulhausUser user) {
		moderation.lock(user, Ids.parse(chatRoomId, "room"), true);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/rooms/{chatRoomId}/lock")
	ResponseEntity<Void> unlock(@PathVariable String chatRoomId, @AuthenticationPrincipal SchulhausUser user) {
		moderation.lock(user, Ids.parse(chatRoomId, "room"), false);
		return ResponseEntity.noContent().build();
	}

	/** Archives the room: read-only, listed under the archive. */
	@PutMapping("/rooms/{chatRoomId}/archive")
	ResponseEntity<Void> archive(@PathVariable String chatRoomId, @AuthenticationPrincipal SchulhausUser user) {
		moderation.archive(user, Ids.parse(chatRoomId, "room"), true);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/rooms/{chatRoomId}/archive")
	ResponseEntity<Void> restore(@PathVariable String chatRoomId, @AuthenticationPrincipal SchulhausUser user) {
		moderation.archive(user, Ids.parse(chatRoomId, "room"), false);
		return ResponseEntity.noContent().build();
	}

	/** The room's current mutes (leaders only): who, until when (null: until lifted). */
	@GetMapping("/rooms/{chatRoomId}/mutes")
	List<MuteJson> mutes(@PathVariable String chatRoomId, @AuthenticationPrincipal SchulhausUser user) {
		return moderation.mutes(user, Ids.parse(chatRoomId, "room")).stream().map(m -> new MuteJson(m.accountId(), m.until())).toList();
	}

	/**
	 * Mutes a member: {@code {"duration":"15m"}}, {@code "1h"}, {@code "1d"} or {@code "untilLifted"}; a mute already there
	 * is replaced. Answers its end.
	 */
	@PutMapping(path = "/rooms/{chatRoomId}/mutes/{accountId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	MuteJson mute(@PathVariable String chatRoomId, @PathVariable String accountId, @RequestBody(required = false) MuteBody body,
			@AuthenticationPrincipal SchulhausUser user) {
		UUID person = Ids.parse(accountId, "account");
		// an unknown length is refused after the room and the person are checked (a 404 comes first)
		Instant until = moderation.mute(user, Ids.parse(chatRoomId, "room"), person, length(body == null ? null : body.duration()));
		return new MuteJson(person, until);
	}

	@DeleteMapping("/rooms/{chatRoomId}/mutes/{accountId}")
	ResponseEntity<Void> unmute(@PathVariable String chatRoomId, @PathVariable String accountId, @AuthenticationPrincipal SchulhausUser user) {
		moderation.unmute(user, Ids.parse(chatRoomId, "room"), Ids.parse(accountId, "account"));
		return ResponseEntity.noContent().build();
	}

	/** Removes a member from a group chat; in a roster room (which follows the roster) mutes them until lifted. */
	@DeleteMapping("/rooms/{chatRoomId}/members/{accountId}")
	ResponseEntity<Void> remove(@PathVariable String chatRoomId, @PathVariable String accountId, @AuthenticationPrincipal SchulhausUser user) {
		moderation.remove(user, Ids.parse(chatRoomId, "room"), Ids.parse(accountId, "account"));
		return ResponseEntity.noContent().build();
	}

	/** The room's pinned messages, newest pin first (for every reader). */
	@GetMapping("/rooms/{chatRoomId}/pins")
	List<MessageView> pins(@PathVariable String chatRoomId, @AuthenticationPrincipal SchulhausUser user) {
		return moderation.pinned(user, Ids.parse(chatRoomId, "room")).stream().map(m -> MessageView.of(m, user.accountId())).toList();
	}

	@PutMapping("/rooms/{chatRoomId}/pins/{chatMessageId}")
	ResponseEntity<Void> pin(@PathVariable String chatRoomId, @PathVariable String chatMessageId, @AuthenticationPrincipal SchulhausUser user) {
		moderation.pin(user, Ids.parse(chatRoomId, "room"), Ids.parse(chatMessageId, "message"), true);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/rooms/{chatRoomId}/pins/{chatMessageId}")
	ResponseEntity<Void> unpin(@PathVariable String chatRoomId, @PathVariable String chatMessageId, @AuthenticationPrincipal SchulhausUser user) {
		moderation.pin(user, Ids.parse(chatRoomId, "room"), Ids.parse(chatMessageId, "message"), false);
		return ResponseEntity.noContent().build();
	}

	/** A member reports a message to the room's leaders: {@code {"reason":"…"}} (optional, at most 500 characters). */
	@PostMapping(path = "/rooms/{chatRoomId}/messages/{chatMessageId}/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> report(@PathVariable String chatRoomId, @PathVariable String chatMessageId, @RequestBody(required = false) ReportBody body,
			@AuthenticationPrincipal SchulhausUser user) {
		reports.report(user, Ids.parse(chatRoomId, "room"), Ids.parse(chatMessageId, "message"), body == null ? null : body.reason());
		return ResponseEntity.noContent().build();
	}

	/** The open reports of the rooms the caller leads (admins: also of direct chats), oldest first. */
	@GetMapping("/reports")
	List<MessageReports.OpenReport> reports(@AuthenticationPrincipal SchulhausUser user) {
		return reports.open(user);
	}

	/** Marks a report done ("Erledigt"). */
	@PutMapping("/reports/{reportId}/resolved")
	ResponseEntity<Void> resolve(@PathVariable String reportId, @AuthenticationPrincipal SchulhausUser user) {
		reports.resolve(user, Ids.parse(reportId, "report"));
		return ResponseEntity.noContent().build();
	}

	private static MuteLength length(String value) {
		return switch (value == null ? "" : value) {
			case "15m" -> MuteLength.MINUTES_15;
			case "1h" -> MuteLength.HOUR;
			case "1d" -> MuteLength.DAY;
			case "untilLifted" -> MuteLength.UNTIL_LIFTED;
			default -> null;
		};
	}

	record MuteBody(String duration) {
	}

	record ReportBody(String reason) {
	}

	/** A member's mute: {@code until} null means until a leader lifts it. */
	record MuteJson(UUID accountId, Instant until) {
	}
}
