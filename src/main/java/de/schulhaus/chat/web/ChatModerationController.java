package de.schulhaus.chat.web;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.chat.internal.ChatMessage;
import de.schulhaus.chat.internal.MessageReports;
import de.schulhaus.chat.internal.NotAllowedException;
import de.schulhaus.chat.internal.RoomAccess;
import de.schulhaus.chat.internal.RoomModeration;
import de.schulhaus.chat.internal.RoomModeration.MuteLength;
import de.schulhaus.chat.internal.RoomRights;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The room leaders' tools as forms: lock the room, archive it, mute or remove a member, pin messages;
 * and for members reporting a message, for the leaders the open reports. Each form comes back to the
 * page it was sent from, with a refusal's reason; a room the person does not read is a 404.
 */
@Controller
class ChatModerationController {

	private final RoomModeration moderation;
	private final MessageReports reports;
	private final RoomAccess access;
	private final ChatRefusals refusals;

	ChatModerationController(RoomModeration moderation, MessageReports reports, RoomAccess access, ChatRefusals refusals) {
		this.moderation = moderation;
		this.reports = reports;
		this.access = access;
		this.refusals = refusals;
	}

	/** Locks the room ({@code gesperrt=true}: only leaders post) or opens it again. */
	@PostMapping("/chat/raum/{chatRoomId}/sperre")
	String lock(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, @RequestParam(defaultValue = "true") boolean gesperrt,
			RedirectAttributes redirect) {
		UUID room = Ids.parse(chatRoomId, "room");
		return refusedOr(redirect, room, settings(room), () -> {
			moderation.lock(user, room, gesperrt);
			redirect.addFlashAttribute("toast", gesperrt ? "chat.moderation.toast.locked" : "chat.moderation.toast.unlocked");
		});
	}

	@PostMapping("/chat/raum/{chatRoomId}/archiv")
	String archive(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, @RequestParam(defaultValue = "true") boolean archiviert,
			RedirectAttributes redirect) {
		UUID room = Ids.parse(chatRoomId, "room");
		return refusedOr(redirect, room, settings(room), () -> {
			moderation.archive(user, room, archiviert);
			redirect.addFlashAttribute("toast", archiviert ? "chat.moderation.toast.archived" : "chat.moderation.toast.restored");
		});
	}

	/** Mutes a member for {@code dauer}: 15m, 1h, 1d or "aufheben" (until a leader lifts it). */
	@PostMapping("/chat/raum/{chatRoomId}/mitglieder/{accountId}/stumm")
	String mute(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, @PathVariable String accountId,
			@RequestParam(defaultValue = "1h") String dauer, RedirectAttributes redirect) {
		UUID room = Ids.parse(chatRoomId, "room");
		UUID person = Ids.parse(accountId, "account");
		return refusedOr(redirect, room, settings(room), () -> {
			moderation.mute(user, room, person, length(dauer));
			redirect.addFlashAttribute("toast", "chat.moderation.toast.muted");
		});
	}

	@PostMapping("/chat/raum/{chatRoomId}/mitglieder/{accountId}/stumm-aufheben")
	String unmute(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, @PathVariable String accountId,
			RedirectAttributes redirect) {
		UUID room = Ids.parse(chatRoomId, "room");
		UUID person = Ids.parse(accountId, "account");
		return refusedOr(redirect, room, settings(room), () -> {
			moderation.unmute(user, room, person);
			redirect.addFlashAttribute("toast", "chat.moderation.toast.unmuted");
		});
	}

	@PostMapping("/chat/raum/{chatRoomId}/mitglieder/{accountId}/entfernen")
	String remove(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, @PathVariable String accountId,
			RedirectAttributes redirect) {
		UUID room = Ids.parse(chatRoomId, "room");
		UUID person = Ids.parse(accountId, "account");
		return refusedOr(redirect, room, settings(room), () -> {
			moderation.remove(user, room, person);
			redirect.addFlashAttribute("toast", "chat.moderation.toast.removed");
		});
	}

	/** Pins the message ({@code angeheftet=false}: unpins it). */
	@PostMapping("/chat/raum/{chatRoomId}/nachrichten/{chatMessageId}/anheften")
	String pin(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, @PathVariable String chatMessageId,
			@RequestParam(defaultValue = "true") boolean angeheftet, RedirectAttributes redirect) {
		UUID room = Ids.parse(chatRoomId, "room");
		UUID message = Ids.parse(chatMessageId, "message");
		return refusedOr(redirect, room, "/chat/raum/" + room, () -> {
			moderation.pin(user, room, message, angeheftet);
			redirect.addFlashAttribute("toast", angeheftet ? "chat.moderation.toast.pinned" : "chat.moderation.toast.unpinned");
		});
	}

	/** The report form for one message: the message, and a field for the reason. */
	@GetMapping("/chat/raum/{chatRoomId}/nachrichten/{chatMessageId}/melden")
	String reportForm(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, @PathVariable String chatMessageId, Model model) {
		RoomRights rights = access.require(user, Ids.parse(chatRoomId, "room"));
		model.addAttribute("open", rights);
		model.addAttribute("message", message(user, rights, Ids.parse(chatMessageId, "message")));
		model.addAttribute("maxReason", MessageReports.MAX_REASON);
		return "chat/report";
	}

	@PostMapping("/chat/raum/{chatRoomId}/nachrichten/{chatMessageId}/melden")
	String report(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, @PathVariable String chatMessageId,
			@RequestParam(required = false) String grund, RedirectAttributes redirect) {
		UUID room = Ids.parse(chatRoomId, "room");
		UUID message = Ids.parse(chatMessageId, "message");
		try {
			reports.report(user, room, message, grund);
			redirect.addFlashAttribute("toast", "chat.report.toast.sent");
			return "redirect:/chat/raum/" + room;
		} catch (InvalidInputException e) {
			refusals.flash(redirect, e);
			return "redirect:/chat/raum/" + room + "/nachrichten/" + message + "/melden";
		}
	}

	/** The open reports of the rooms the person leads (admins: also of direct chats). */
	@GetMapping("/chat/meldungen")
	String reports(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("reports", reports.open(user));
		return "chat/reports";
	}

	@PostMapping("/chat/meldungen/{reportId}/erledigt")
	String resolve(@AuthenticationPrincipal SchulhausUser user, @PathVariable String reportId, RedirectAttributes redirect) {
		reports.resolve(user, Ids.parse(reportId, "report"));
		redirect.addFlashAttribute("toast", "chat.report.toast.resolved");
		return "redirect:/chat/meldungen";
	}

	private ChatMessage message(SchulhausUser user, RoomRights rights, UUID messageId) {
		// the message is looked for among the room's by id; one of another room or school is a 404
		Optional<ChatMessage> found = reports.reportable(user, rights.room().id(), messageId);
		return found.orElseThrow(() -> new NotFoundException("message"));
	}

	private String refusedOr(RedirectAttributes redirect, UUID room, String back, Runnable action) {
		try {
			action.run();
		} catch (InvalidInputException | NotAllowedException e) {
			refusals.flash(redirect, e);
		}
		return "redirect:" + back;
	}

	private static String settings(UUID room) {
		return "/chat/raum/" + room + "/einstellungen";
	}

	private static MuteLength length(String value) {
		return switch (value) {
			case "15m" -> MuteLength.MINUTES_15;
			case "1h" -> MuteLength.HOUR;
			case "1d" -> MuteLength.DAY;
			case "aufheben" -> MuteLength.UNTIL_LIFTED;
			default -> throw new InvalidInputException("dauer", "chat.moderation.error.length");
		};
	}
}
