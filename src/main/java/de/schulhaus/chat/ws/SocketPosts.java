package de.schulhaus.chat.ws;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import de.schulhaus.chat.internal.ChatMessage;
import de.schulhaus.chat.internal.ChatMessages;
import de.schulhaus.chat.internal.PostingNotAllowedException;
import de.schulhaus.chat.internal.PostingRate;
import de.schulhaus.chat.internal.RoomAccess;
import de.schulhaus.chat.web.ChatRefusals;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posting over the live connection, with the same rules as {@code POST /api/v1/chat/rooms/<id>/messages}: a room the
 * person does not read is not found (404, like a missing one), then the flood limit (429), then what the room allows
 * (403) and the text's checks (400). The web page posts this way while its connection is up: a post then costs no HTTP
 * request with its session look-up and filter chain, which took most of the server's time under the chat bench.
 */
@Component
class SocketPosts {

	private static final Logger log = LoggerFactory.getLogger(SocketPosts.class);

	private final ChatMessages messages;
	private final RoomAccess access;
	private final PostingRate rate;
	private final ChatRefusals refusals;
	private final MessageSource texts;
	private final JsonMapper json;

	SocketPosts(ChatMessages messages, RoomAccess access, PostingRate rate, ChatRefusals refusals, MessageSource texts, JsonMapper json) {
		this.messages = messages;
		this.access = access;
		this.rate = rate;
		this.refusals = refusals;
		this.texts = texts;
		this.json = json;
	}

	/** Posts the message; answers the frame for the poster ({@code posted} or {@code refused}). */
	String post(SchulhausUser user, PostFrame frame) {
		Locale locale = user.locale();
		LocaleContextHolder.setLocale(locale);
		try {
			if (!rate.allows(user.accountId(), frame.room())) {
				access.require(user, frame.room());
				return refused(frame, 429, "slow-down", text("chat.error.slowDown", null, locale));
			}
			ChatMessage message = rate.counted(user.accountId(), frame.room(), () -> messages.post(user, frame.room(), frame.body(), frame.replyTo()));
			Map<String, Object> posted = new LinkedHashMap<>();
			posted.put("type", "posted");
			posted.put("ref", frame.ref());
			posted.put("roomId", message.roomId());
			posted.put("id", message.id());
			posted.put("seq", message.seq());
			return json.writeValueAsString(posted);
		} catch (NotFoundException e) {
			return refused(frame, 404, "not-found", text("chat.error.roomNotFound", null, locale));
		} catch (PostingNotAllowedException e) {
			return refused(frame, 403, "chat.error.notYours".equals(e.messageKey()) ? "not-allowed" : "read-only", refusals.text(e));
		} catch (InvalidInputException e) {
			return refused(frame, 400, "invalid", text(e.messageKey(), e.args(), locale));
		} catch (RuntimeException e) {
			log.warn("A post over the live connection failed.", e);
			return refused(frame, 500, "failed", text("chat.error.network", null, locale));
		} finally {
			LocaleContextHolder.resetLocaleContext();
		}
	}

	/** The answer to a post this node could not take now (too many waiting): 503, try again. */
	String busy(SchulhausUser user, PostFrame frame) {
		return refused(frame, 503, "busy", text("chat.error.network", null, user.locale()));
	}

	private String text(String key, Object[] args, Locale locale) {
		return texts.getMessage(key, args, key, locale);
	}

	private String refused(PostFrame frame, int status, String type, String title) {
		Map<String, Object> refused = new LinkedHashMap<>();
		refused.put("type", "refused");
		refused.put("ref", frame.ref());
		refused.put("status", status);
		refused.put("problem", "urn:schulhaus:problem:chat:" + type);
		refused.put("title", title);
		return json.writeValueAsString(refused);
	}
}
