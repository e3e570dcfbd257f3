package de.schulhaus.chat.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.chat.internal.PrivateChats;
import de.schulhaus.chat.internal.RoomAccess;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;

/**
 * Starting a chat over HTTP, as "Neuer Chat" does: {@code {"direct":"<account id>"}} for the direct chat with that
 * person (found again if it exists: 200), or {@code {"name":"…","people":["<account id>",…]}} for a new group chat
 * (201); the answer is {@code {"id":"<room id>"}}. Someone the caller may not write to is a 404 like an unknown id; too many new chats within the hour a 429.
 */
@RestController
class ChatRoomsApiController {

	private final PrivateChats chats;
	private final RoomAccess access;

	ChatRoomsApiController(PrivateChats chats, RoomAccess access) {
		this.chats = chats;
		this.access = access;
	}

	@PostMapping(path = "/api/v1/chat/rooms", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, UUID>> start(@RequestBody StartBody body, @AuthenticationPrincipal SchulhausUser user) {
		boolean direct = body.direct() != null && !body.direct().isBlank();
		UUID room;
		boolean made;
		if (direct) {
			List<UUID> before = access.readable(user).stream().map(r -> r.room().id()).toList();
			room = chats.direct(user, Ids.parse(body.direct(), "account"));
			made = !before.contains(room);
		} else {
			room = chats.group(user, body.name(), ChatRoomsController.ids(body.people()));
			made = true;
		}
		Map<String, UUID> json = Map.of("id", room);
		return made ? ResponseEntity.created(URI.create("/api/v1/chat/rooms/" + room + "/messages")).body(json) : ResponseEntity.ok(json);
	}

	/** {@code direct}: the other person's account id; else {@code name} and {@code people} of a group chat. */
	record StartBody(String direct, String name, List<String> people) {
	}
}
