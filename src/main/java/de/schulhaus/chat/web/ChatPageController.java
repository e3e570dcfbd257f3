package de.schulhaus.chat.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import de.schulhaus.chat.internal.AttachmentTooLargeException;
import de.schulhaus.chat.internal.ChatAttachments;
import de.schulhaus.chat.internal.ChatMessage;
import de.schulhaus.chat.internal.ChatMessages;
import de.schulhaus.chat.internal.PostingNotAllowedException;
import de.schulhaus.chat.internal.PostingRate;
import de.schulhaus.chat.internal.Reactions;
import de.schulhaus.chat.internal.ReadMarkers;
import de.schulhaus.chat.internal.RoomAccess;
import de.schulhaus.chat.internal.RoomRights;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The messenger's page ("Nachrichten"): the person's rooms by activity with unread counts and one
 * room's newest messages, rendered by the server so it works before (and without) the page's
 * script; the form posts like the API does. Opening a room marks what it shows as read. The script
 * ({@code js/chat.js}) then keeps the page live over {@code /ws}.
 */
@Controller
class ChatPageController {

	static final int PAGE_SIZE = 50;

	private final RoomAccess access;
	private final ChatMessages messages;
	private final ReadMarkers reads;
	private final PostingRate rate;
	private final MessageSource texts;
	private final ChatRoomExtras extras;
	private final ChatAttachments attachments;

	ChatPageController(RoomAccess access, ChatMessages messages, ReadMarkers reads, PostingRate rate, MessageSource texts, ChatRoomExtras extras,
			ChatAttachments attachments) {
		this.attachments = attachments;
		this.extras = extras;
		this.access = access;
		this.messages = messages;
		this.reads = reads;
		this.rate = rate;
		this.texts = texts;
	}

	/** The most recently active room, or the empty page for someone in no group. */
	@GetMapping("/chat")
	String start(@AuthenticationPrincipal SchulhausUser user, Model model) {
		// archived rooms are under "Archiv", not opened by themselves
		List<RoomRights> rooms = access.readable(user).stream().filter(r -> !r.room().archived()).toList();
		if (rooms.isEmpty()) {
			model.addAttribute("rooms", List.of());
			return "chat/chat";
		}
		return show(user, rooms.get(0), null, model);
	}

	/** A room; with {@code vor} the page of messages before that seq (scrolling back without script). */
	@GetMapping("/chat/raum/{chatRoomId}")
	String room(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, @RequestParam(required = false) Long vor,
			Model model) {
		return show(user, access.require(user, Ids.parse(chatRoomId, "room")), vor, model);
	}

	/** The form without script: posted, then the room again; a refusal keeps the text and says why. */
	/** Posts the text, and the file chosen beside it (field {@code datei}, without script) as its attachment. */
	@PostMapping("/chat/raum/{chatRoomId}")
	String post(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, @RequestParam(defaultValue = "") String text,
			@RequestParam(name = "datei", required = false) MultipartFile file, Locale locale, HttpServletResponse response, Model model)
			throws java.io.IOException {
		RoomRights room = access.require(user, Ids.parse(chatRoomId, "room"));
		String problem;
		int status;
		try {
			if (!rate.tryPost(user.accountId(), room.room().id())) {
				throw new InvalidInputException("text", "chat.error.slowDown");
			}
			if (file != null && !file.isEmpty()) {
				try (java.io.InputStream content = file.getInputStream()) {
					attachments.post(user, room, text, null, file.getOriginalFilename(), file.getContentType(), file.getSize(), content);
				}
			} else {
				messages.post(user, room, text);
			}
			return "redirect:/chat/raum/" + room.room().id();
		} catch (InvalidInputException e) {
			problem = texts.getMessage(e.messageKey(), e.args(), e.messageKey(), locale);
			status = "chat.error.slowDown".equals(e.messageKey()) ? 429 : 400;
		} catch (AttachmentTooLargeException e) {
			problem = texts.getMessage("chat.error.attachmentTooLarge", new Object[] { e.limit() / (1024 * 1024) }, locale);
			status = 413;
		} catch (PostingNotAllowedException e) {
			problem = extras.refusal(e);
			status = 403;
		}
		response.setStatus(status);
		model.addAttribute("problemText", problem);
		model.addAttribute("text", text);
		return show(user, room, null, model);
	}

	private String show(SchulhausUser user, RoomRights open, Long before, Model model) {
		UUID roomId = open.room().id();
		List<ChatMessage> page = messages.before(user, roomId, before, PAGE_SIZE);
		if (!page.isEmpty()) {
			messages.markRead(user, roomId, page.get(page.size() - 1).seq());
		}
		// asked after marking, so the open room and the tile's number count what was just shown as read
		List<RoomRights> rooms = access.readable(user).stream().filter(r -> !r.room().archived() || r.room().id().equals(roomId)).toList();
		List<UUID> ids = rooms.stream().map(r -> r.room().id()).toList();
		Map<UUID, Long> markers = reads.of(user.schoolId(), user.accountId(), ids);
		Map<UUID, Long> unread = reads.unread(user.schoolId(), user.accountId(), ids);
		model.addAttribute("rooms", rooms.stream().map(r -> RoomRow.of(r, markers.getOrDefault(r.room().id(), 0L), unread.getOrDefault(r.room().id(), 0L)))
			.toList());
		model.addAttribute("open", open);
		model.addAttribute("messages", page);
		// the newest change shown: the script goes on live from it (unless the page shows older ones); a change of a message
		// not shown that comes before it is of no concern to this page
		model.addAttribute("lastShownSeq", page.stream().mapToLong(ChatMessage::changedSeq).max().orElse(0));
		model.addAttribute("olderThan", !page.isEmpty() && page.get(0).seq() > 1 ? page.get(0).seq() : null);
		model.addAttribute("scrolledBack", before != null);
		model.addAttribute("maxLength", ChatMessages.MAX_LENGTH);
		model.addAttribute("attachmentMaxBytes", attachments.maxBytes());
		model.addAttribute("attachmentMaxMb", attachments.maxBytes() / (1024 * 1024));
		model.addAttribute("emoji", String.join(" ", Reactions.EMOJI));
		// the script compares a mute's end with this, not with the device's clock alone
		model.addAttribute("serverNow", System.currentTimeMillis());
		extras.addTo(model, user, open);
		return "chat/chat";
	}

	/** A room in the list: its newest seq, the person's read marker and unread messages, so the script can count on. */
	record RoomRow(UUID id, String name, boolean archived, long lastSeq, long lastReadSeq, long unread) {

		static RoomRow of(RoomRights rights, long lastReadSeq, long unread) {
			return new RoomRow(rights.room().id(), rights.room().name(), rights.room().archived(), rights.room().lastSeq(),
					Math.min(lastReadSeq, rights.room().lastSeq()), unread);
		}
	}
}
