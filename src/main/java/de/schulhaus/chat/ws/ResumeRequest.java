package de.schulhaus.chat.ws;

import java.util.HashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The frames a client sends: {@code {"type":"resume","rooms":{"<roomId>":<lastSeenSeq>,...}}}, and
 * {@code {"type":"typing","room":"<roomId>"}} while the person types (best effort, see {@link ChatConnection#typing}),
 * and {@code {"type":"post",...}} ({@link PostFrame}).
 * Anything else is malformed.
 */
record ResumeRequest(Map<UUID, Long> rooms) {

	/** The frame as JSON, and its type one of those above. */
	static JsonNode read(JsonMapper json, String text) throws MalformedFrameException {
		JsonNode frame;
		try {
			frame = json.readTree(text);
		} catch (JacksonException e) {
			throw new MalformedFrameException("not JSON");
		}
		String type = frame == null || !frame.isObject() ? "" : frame.path("type").asString("");
		if (!"resume".equals(type) && !"typing".equals(type) && !"post".equals(type)) {
			throw new MalformedFrameException("expected {\"type\":\"resume\",...}, {\"type\":\"typing\",...} or {\"type\":\"post\",...}");
		}
		return frame;
	}

	/** The room of a typing frame. */
	static UUID typingIn(JsonNode frame) throws MalformedFrameException {
		try {
			return UUID.fromString(frame.path("room").asString(""));
		} catch (IllegalArgumentException e) {
			throw new MalformedFrameException("a room id is a UUID");
		}
	}

	static ResumeRequest of(JsonNode frame) throws MalformedFrameException {
		Map<UUID, Long> rooms = new HashMap<>();
		JsonNode given = frame.get("rooms");
		if (given != null && !given.isNull()) {
			if (!given.isObject()) {
				throw new MalformedFrameException("rooms is an object of room ids and seqs");
			}
			for (Entry<String, JsonNode> entry : given.properties()) {
				if (!entry.getValue().isIntegralNumber() || entry.getValue().asLong() < 0) {
					throw new MalformedFrameException("a seq is a whole number of 0 or more");
				}
				try {
					rooms.put(UUID.fromString(entry.getKey()), entry.getValue().asLong());
				} catch (IllegalArgumentException e) {
					throw new MalformedFrameException("a room id is a UUID");
				}
			}
		}
		return new ResumeRequest(rooms);
	}

	static final class MalformedFrameException extends Exception {
		MalformedFrameException(String message) {
			super(message);
		}
	}
}
