package de.schulhaus.chat.ws;

import java.util.UUID;

import de.schulhaus.chat.ws.ResumeRequest.MalformedFrameException;
import tools.jackson.databind.JsonNode;

/**
 * A message posted over the live connection: {@code {"type":"post","ref":"<the client's name for it>","room":"<roomId>",
 * "body":"…","replyTo":"<messageId>"|null}}. The client hears {@code {"type":"posted","ref",…}} or
 * {@code {"type":"refused","ref","status","title"}} back, and the message itself like everyone else.
 *
 * @param ref up to {@value #MAX_REF} characters the client matches the answer with
 */
record PostFrame(String ref, UUID room, String body, UUID replyTo) {

	static final int MAX_REF = 64;

	static PostFrame of(JsonNode frame) throws MalformedFrameException {
		JsonNode ref = frame.get("ref");
		if (ref == null || !ref.isString() || ref.asString().isEmpty() || ref.asString().length() > MAX_REF) {
			throw new MalformedFrameException("ref is a text of 1 to " + MAX_REF + " characters");
		}
		JsonNode body = frame.get("body");
		if (body == null || !body.isString()) {
			throw new MalformedFrameException("body is a text");
		}
		JsonNode replyTo = frame.get("replyTo");
		return new PostFrame(ref.asString(), uuid(frame.get("room"), "room"),
				body.asString(), replyTo == null || replyTo.isNull() ? null : uuid(replyTo, "replyTo"));
	}

	private static UUID uuid(JsonNode value, String name) throws MalformedFrameException {
		try {
			if (value != null && value.isString()) {
				return UUID.fromString(value.asString());
			}
		} catch (IllegalArgumentException e) {
			// answered below
		}
		throw new MalformedFrameException(name + " is a UUID");
	}
}
