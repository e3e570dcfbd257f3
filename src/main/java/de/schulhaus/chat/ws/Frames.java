package de.schulhaus.chat.ws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import de.schulhaus.chat.internal.ChatMessage;
import de.schulhaus.chat.internal.LiveSignal;
import de.schulhaus.chat.internal.MessageView;
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

	Frames(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The frame of a message for every reader, if it reads the same for everyone (no reactions, whose {@code mine}
	 * differs by reader): the hub writes it once for all of a room's connections (a post to a class room is 30 sends).
	 * Null where each reader needs their own ({@link #message}).
	 */
	String shared(ChatMessage m) {
		return m.reactions().isEmpty() ? message(m, null) : null;
	}

	/** One message as {@code reader} sees it ({@link MessageView}: whether they reacted is theirs). */
	String message(ChatMessage m, UUID reader) {
		return json.writeValueAsString(new MessageFrame(MessageView.of(m, reader)));
	}

	/** {@code {"type":"message", ...the message's view}}. */
	record MessageFrame(@JsonUnwrapped MessageView view) {
		@JsonProperty(index = 0)
		public String type() {
			return "message";
		}
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
