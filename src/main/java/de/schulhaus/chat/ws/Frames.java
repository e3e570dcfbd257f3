package de.schulhaus.chat.ws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import de.schulhaus.chat.internal.ChatMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON frames the server sends: {@code message} (one message of a room), {@code rooms} (the
 * rooms the person reads now with the last seq sent of each: at connect and when the roster
 * changed) and {@code resumed} (the same, once a resume has been caught up).
 */
@Component
class Frames {

	private final JsonMapper json;

	Frames(JsonMapper json) {
		this.json = json;
	}

	String message(ChatMessage m) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", "message");
		frame.put("roomId", m.roomId());
		frame.put("seq", m.seq());
		frame.put("id", m.id());
		frame.put("authorId", m.authorId());
		frame.put("authorName", m.authorName());
		frame.put("body", m.body());
		frame.put("createdAt", m.createdAt().toString());
		return json.writeValueAsString(frame);
	}

	String rooms(String type, Map<UUID, Long> lastSeqs) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", type);
		frame.put("rooms", lastSeqs);
		return json.writeValueAsString(frame);
	}
}
