package de.schulhaus.chat.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.chat.internal.Mentions;
import de.schulhaus.chat.internal.RoomAccess;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;

/** Whom one can mention in a room (its members), for the composer's suggestions after "@". */
@RestController
class ChatMentionsController {

	private final RoomAccess access;
	private final Mentions mentions;

	ChatMentionsController(RoomAccess access, Mentions mentions) {
		this.access = access;
		this.mentions = mentions;
	}

	@GetMapping(path = "/api/v1/chat/rooms/{chatRoomId}/mentionable", produces = MediaType.APPLICATION_JSON_VALUE)
	List<Person> mentionable(@PathVariable String chatRoomId, @AuthenticationPrincipal SchulhausUser user) {
		return mentions.mentionable(access.require(user, Ids.parse(chatRoomId, "room")).room()).stream()
			.map(m -> new Person(m.accountId(), m.displayName(), m.login())).toList();
	}

	record Person(UUID id, String name, String login) {
	}
}
