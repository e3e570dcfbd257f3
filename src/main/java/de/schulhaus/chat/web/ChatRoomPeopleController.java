package de.schulhaus.chat.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.chat.internal.Mentions;
import de.schulhaus.chat.internal.ReadMarkers;
import de.schulhaus.chat.internal.Room;
import de.schulhaus.chat.internal.RoomAccess;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;

/**
 * The people of a room as its page needs them: whom one can mention (its members, for the composer's
 * suggestions after "@"), and how far the others have read (for "gelesen von n", kept live over
 * {@code /ws} by {@code read} frames).
 */
@RestController
class ChatRoomPeopleController {

	private final RoomAccess access;
	private final Mentions mentions;
	private final ReadMarkers reads;

	ChatRoomPeopleController(RoomAccess access, Mentions mentions, ReadMarkers reads) {
		this.reads = reads;
		this.access = access;
		this.mentions = mentions;
	}

	@GetMapping(path = "/api/v1/chat/rooms/{chatRoomId}/mentionable", produces = MediaType.APPLICATION_JSON_VALUE)
	List<Person> mentionable(@PathVariable String chatRoomId, @AuthenticationPrincipal SchulhausUser user) {
		return mentions.mentionable(access.require(user, Ids.parse(chatRoomId, "room")).room()).stream()
			.map(m -> new Person(m.accountId(), m.name(), m.login())).toList();
	}

	/** The room's other members with their read markers (0: never read). */
	@GetMapping(path = "/api/v1/chat/rooms/{chatRoomId}/readers", produces = MediaType.APPLICATION_JSON_VALUE)
	List<Reader> readers(@PathVariable String chatRoomId, @AuthenticationPrincipal SchulhausUser user) {
		Room room = access.require(user, Ids.parse(chatRoomId, "room")).room();
		Map<UUID, Long> markers = reads.ofRoom(room.schoolId(), room.id());
		return mentions.mentionable(room).stream().filter(m -> !m.accountId().equals(user.accountId()))
			.map(m -> new Reader(m.accountId(), markers.getOrDefault(m.accountId(), 0L))).toList();
	}

	record Reader(UUID accountId, long lastReadSeq) {
	}

	record Person(UUID id, String name, String login) {
	}
}
