package de.schulhaus.chat.ws;

import java.io.IOException;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

import de.schulhaus.chat.internal.ChatProperties;
import de.schulhaus.platform.SchulhausUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws}: the signed-in person's live connection. The client sends
 * {@code {"type":"resume","rooms":{"<roomId>":<last seen seq>,...}}}, {@code {"type":"typing","room":"<roomId>"}} and
 * {@code {"type":"post",...}} ({@link PostFrame});
 * anything else that is text closes the connection with 1007 (bad data), binary frames with 1003 (not accepted).
 */
class ChatSocketHandler extends TextWebSocketHandler {

	/** Tomcat's own limit for one blocking send; after it the send fails and the connection is dropped. */
	private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
	private static final String CONNECTION = ChatConnection.class.getName();
	/** The longest text frame taken, in characters: a resume naming a few hundred rooms fits, as does a post of 10,000. */
	static final int MAX_FRAME = 64 * 1024;
	/**
	 * Tomcat's buffer for a text frame, in characters. Every connection that has sent text keeps one for good, so it is small:
	 * 5,000 posting connections with buffers of {@link #MAX_FRAME} held 640 MB. A longer frame arrives in parts and is put
	 * together here ({@link #supportsPartialMessages}), only while it comes.
	 */
	static final int TEXT_BUFFER = 2 * 1024;
	private static final String PARTIAL = ChatSocketHandler.class.getName() + ".partial";

	private final ChatHub hub;
	private final ChatProperties properties;
	private final JsonMapper json;

	ChatSocketHandler(ChatHub hub, ChatProperties properties, JsonMapper json) {
		this.hub = hub;
		this.properties = properties;
		this.json = json;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws IOException {
		if (!(session.getPrincipal() instanceof Authentication auth) || !(auth.getPrincipal() instanceof SchulhausUser user)
				|| user.schoolId() == null) {
			session.close(CloseStatus.POLICY_VIOLATION);
			return;
		}
		session.setTextMessageSizeLimit(TEXT_BUFFER);
		if (session instanceof NativeWebSocketSession nativeSession) {
			jakarta.websocket.Session tomcat = nativeSession.getNativeSession(jakarta.websocket.Session.class);
			if (tomcat != null) {
				tomcat.getUserProperties().put(BLOCKING_SEND_TIMEOUT, properties.sendTimeLimit().toMillis());
			}
		}
		// No ConcurrentWebSocketSessionDecorator: only the connection's drain sends, one frame after the other, and the
		// connection bounds what waits itself. The decorator's queue and lock per frame only repeated that (3 % of the
		// node's CPU under the chat bench), and its time limit acts only when a second thread sends, which none does:
		// a send stuck longer than Tomcat's limit above fails, and the drain drops the connection.
		Object webSession = session.getAttributes().get(HttpSessionHandshakeInterceptor.HTTP_SESSION_ID_ATTR_NAME);
		ChatConnection connection = new ChatConnection(hub, session, user, properties, webSession instanceof String id ? id : null);
		session.getAttributes().put(CONNECTION, connection);
		hub.connect(connection);
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
		ChatConnection connection = connection(session);
		if (connection == null || connection.dropped()) {
			return;
		}
		String payload = whole(session, message);
		if (payload == null) {
			if (session.getAttributes().get(PARTIAL) == null) {
				connection.drop(CloseStatus.TOO_BIG_TO_PROCESS.withReason("frame longer than " + MAX_FRAME + " characters"));
			}
			return;
		}
		try {
			tools.jackson.databind.JsonNode frame = ResumeRequest.read(json, payload);
			String type = frame.path("type").asString("");
			if ("typing".equals(type)) {
				connection.typing(ResumeRequest.typingIn(frame));
			} else if ("post".equals(type)) {
				connection.post(PostFrame.of(frame));
			} else {
				connection.resume(ResumeRequest.of(frame).rooms());
			}
		} catch (ResumeRequest.MalformedFrameException e) {
			connection.drop(CloseStatus.BAD_DATA.withReason(e.getMessage()));
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		ChatConnection connection = connection(session);
		if (connection != null) {
			connection.drop(CloseStatus.SERVER_ERROR);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		ChatConnection connection = connection(session);
		if (connection != null) {
			connection.drop(status);
		}
	}

	/**
	 * The frame once it is complete, null while parts are still to come or when it grew beyond {@link #MAX_FRAME} (then no
	 * part is kept). Tomcat hands one session's parts over one after the other.
	 */
	private static String whole(WebSocketSession session, TextMessage message) {
		Map<String, Object> attributes = session.getAttributes();
		StringBuilder partial = (StringBuilder) attributes.get(PARTIAL);
		if (partial == null && message.isLast()) {
			return message.getPayload();
		}
		if (partial == null) {
			partial = new StringBuilder(TEXT_BUFFER * 2);
			attributes.put(PARTIAL, partial);
		}
		if (partial.length() + message.getPayload().length() > MAX_FRAME) {
			attributes.remove(PARTIAL);
			return null;
		}
		partial.append(message.getPayload());
		if (!message.isLast()) {
			return null;
		}
		attributes.remove(PARTIAL);
		return partial.toString();
	}

	private static ChatConnection connection(WebSocketSession session) {
		Map<String, Object> attributes = session.getAttributes();
		return (ChatConnection) attributes.get(CONNECTION);
	}
}
