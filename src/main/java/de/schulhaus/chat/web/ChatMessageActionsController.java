package de.schulhaus.chat.web;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.chat.internal.MessageChanges;
import de.schulhaus.chat.internal.MessageView;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;

/**
 * What one does with a message after it is posted: edit and delete one's own (room leaders delete
 * any), react. Each answers the message as it is now, which the room's live clients get too. A
 * message of a room the caller cannot read answers 404 like a missing one.
 */
@RestController
@RequestMapping(path = "/api/v1/chat/messages/{chatMessageId}", produces = MediaType.APPLICATION_JSON_VALUE)
class ChatMessageActionsController {

	private final MessageChanges changes;

	ChatMessageActionsController(MessageChanges changes) {
		this.changes = changes;
	}

	/** The author's new text, within the limits of a new message; shown as "bearbeitet". */
	@PatchMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	MessageView edit(@PathVariable String chatMessageId, @RequestBody EditBody body, @AuthenticationPrincipal SchulhausUser user) {
		return MessageView.of(changes.edit(user, Ids.parse(chatMessageId, "message"), body.body()), user.accountId());
	}

	/** Deletes the text; the message stays in its place as "Nachricht gelöscht". */
	@DeleteMapping
	MessageView delete(@PathVariable String chatMessageId, @AuthenticationPrincipal SchulhausUser user) {
		return MessageView.of(changes.delete(user, Ids.parse(chatMessageId, "message")), user.accountId());
	}

	/** Sets whether the caller reacted with the emoji: {@code {"emoji":"👍","reacted":true}}. */
	@PostMapping(path = "/reactions", consumes = MediaType.APPLICATION_JSON_VALUE)
	MessageView react(@PathVariable String chatMessageId, @RequestBody ReactionBody body, @AuthenticationPrincipal SchulhausUser user) {
		return MessageView.of(changes.react(user, Ids.parse(chatMessageId, "message"), body.emoji(), body.reacted()), user.accountId());
	}

	record EditBody(String body) {
	}

	record ReactionBody(String emoji, Boolean reacted) {
	}
}
