package de.schulhaus.chat.ws;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import de.schulhaus.chat.internal.ChatMessage;
import de.schulhaus.chat.internal.LiveSignal;
import de.schulhaus.chat.internal.MessageView;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON frames the server sends: {@code message} (one message of a room as it is now: new, or
 * again after an edit, deletion or reaction, see {@link MessageView}), {@code rooms} (the
 * rooms the person reads now with the last seq sent of each: at connect and when the roster
 * changed) and {@code resumed} (the same, once a resume has been caught up); and, best effort,
 * {@code typing} and {@code read} of the room's other members ({@link #signal}).
 */
@Component
class Frames {

	private final JsonMapper json;
	/**
	 * A message without reactions reads the same for everyone: its frame is written once for all of a room's
	 * connections instead of once per reader (a post to a class room is 30 sends). Keyed by the message's
	 * whole state (a record: an edit, a deletion or a changed quote is another key), kept for seconds.
	 */
	private final Cache<ChatMessage, String> shared = Caffeine.newBuilder().maximumSize(10_000)
		.expireAfterWrite(Duration.ofSeconds(10)).build();

	Frames(JsonMapper json) {
		this.json = json;
	}

	/** One message as {@code reader} sees it ({@link MessageView}: whether they reacted is theirs). */
	String message(ChatMessage m, UUID reader) {
		if (m.reactions().isEmpty()) {
			return shared.get(m, same -> write(same, null));
		}
		return write(m, reader);
	}

	private String write(ChatMessage m, UUID reader) {
		ObjectNode frame = json.createObjectNode();
		frame.put("type", "message");
		frame.setAll((ObjectNode) json.valueToTree(MessageView.of(m, reader)));
		return json.writeValueAsString(frame);
	}

	/** {@code {"type":"typing","roomId","accountId","name"}} or {@code {"type":"read","roomId","accountId","seq"}}. */
	String signal(LiveSignal signal) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", signal.kind());
		frame.put("roomId", signal.roomId());
		frame.put("accountId", signal.accountId());
		if (LiveSignal.TYPING.equals(signal.kind())) {
			frame.put("name", signal.name());
		} else {
			frame.put("seq", signal.seq());
		}
		return json.writeValueAsString(frame);
	}

	String rooms(String type, Map<UUID, Long> lastSeqs) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", type);
		frame.put("rooms", lastSeqs);
		return json.writeValueAsString(frame);
	}
}
