package de.schulhaus.chat.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Membership;
import de.schulhaus.chat.internal.NotAllowedException;
import de.schulhaus.chat.internal.PrivateChats;
import de.schulhaus.chat.internal.RoomAccess;
import de.schulhaus.chat.internal.RoomKind;
import de.schulhaus.chat.internal.RoomMembers;
import de.schulhaus.chat.internal.RoomModeration;
import de.schulhaus.chat.internal.RoomRights;
import de.schulhaus.chat.internal.TooManyRoomsException;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Starting chats ("Neuer Chat": a direct chat with one person, or a group chat with a name), the
 * archive of rooms, and a room's page of members and settings: who is in it, adding people (a group
 * chat's starter), leaving, muting the room's notifications for oneself, and the leaders' tools.
 */
@Controller
class ChatRoomsController {

	/** People the picker shows at most; a query narrows them down. */
	static final int PICKER_SIZE = 200;

	private final PrivateChats chats;
	private final RoomAccess access;
	private final RoomMembers members;
	private final RoomModeration moderation;
	private final GroupManagement groups;
	private final AccountManagement accounts;
	private final ChatRefusals refusals;

	ChatRoomsController(PrivateChats chats, RoomAccess access, RoomMembers members, RoomModeration moderation, GroupManagement groups,
			AccountManagement accounts, ChatRefusals refusals) {
		this.chats = chats;
		this.access = access;
		this.members = members;
		this.moderation = moderation;
		this.groups = groups;
		this.accounts = accounts;
		this.refusals = refusals;
	}

	@GetMapping("/chat/neu")
	String newChat(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String q, Model model) {
		List<Account> people = chats.candidates(user, q, PICKER_SIZE + 1);
		model.addAttribute("people", people.size() > PICKER_SIZE ? people.subList(0, PICKER_SIZE) : people);
		model.addAttribute("more", people.size() > PICKER_SIZE);
		model.addAttribute("q", q);
		model.addAttribute("maxMembers", PrivateChats.MAX_MEMBERS);
		return "chat/new";
	}

	/** With {@code direkt}: the direct chat with that person (found again if it exists); else a group chat of the chosen people. */
	@PostMapping("/chat/neu")
	String start(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String direkt,
			@RequestParam(required = false) String name, @RequestParam(required = false) List<String> personen, RedirectAttributes redirect) {
		try {
			UUID room = direkt != null && !direkt.isBlank() ? chats.direct(user, Ids.parse(direkt, "account"))
					: chats.group(user, name, ids(personen));
			return "redirect:/chat/raum/" + room;
		} catch (InvalidInputException | NotAllowedException | TooManyRoomsException e) {
			refusals.flash(redirect, e);
			redirect.addFlashAttribute("name", name);
			return "redirect:/chat/neu";
		}
	}

	/** Archived rooms (by a leader, or their class's school year is over): for reading. */
	@GetMapping("/chat/archiv")
	String archive(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("rooms", access.readable(user).stream().filter(r -> r.room().archived()).toList());
		return "chat/archive";
	}

	@GetMapping("/chat/raum/{chatRoomId}/einstellungen")
	String settings(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, Model model) {
		RoomRights rights = access.require(user, Ids.parse(chatRoomId, "room"));
		UUID roomId = rights.room().id();
		model.addAttribute("open", rights);
		model.addAttribute("people", people(user, rights));
		model.addAttribute("silenced", moderation.silenced(user, roomId));
		java.util.Map<UUID, String> muted = new java.util.HashMap<>();
		if (rights.leader()) {
			moderation.mutes(user, roomId).forEach(m -> muted.put(m.accountId(), m.until() == null ? refusals.text("chat.settings.mutedUntilLifted")
					: refusals.text("chat.settings.mutedUntil", refusals.dateTime(m.until()))));
		}
		model.addAttribute("muted", muted);
		model.addAttribute("whyNotPosting", refusals.whyNotPosting(rights));
		if (rights.leader() && rights.room().kind() == RoomKind.CHAT && !rights.room().archived()) {
			List<UUID> inside = members.of(user.schoolId(), roomId, List.of("starter", "member"));
			model.addAttribute("addable", chats.candidates(user, null, PICKER_SIZE).stream().filter(a -> !inside.contains(a.id())).toList());
		}
		return "chat/settings";
	}

	@PostMapping("/chat/raum/{chatRoomId}/mitglieder")
	String add(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, @RequestParam(required = false) List<String> personen,
			RedirectAttributes redirect) {
		UUID roomId = Ids.parse(chatRoomId, "room");
		try {
			chats.add(user, roomId, ids(personen));
			redirect.addFlashAttribute("toast", "chat.settings.toast.added");
		} catch (InvalidInputException | NotAllowedException e) {
			refusals.flash(redirect, e);
		}
		return "redirect:/chat/raum/" + roomId + "/einstellungen";
	}

	@PostMapping("/chat/raum/{chatRoomId}/verlassen")
	String leave(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, RedirectAttributes redirect) {
		UUID roomId = Ids.parse(chatRoomId, "room");
		try {
			chats.leave(user, roomId);
			redirect.addFlashAttribute("toast", "chat.settings.toast.left");
			return "redirect:/chat";
		} catch (NotAllowedException e) {
			refusals.flash(redirect, e);
			return "redirect:/chat/raum/" + roomId + "/einstellungen";
		}
	}

	/** "Stummschalten": no Web Push for this room for the person themselves ({@code an=false} turns it back on). */
	@PostMapping("/chat/raum/{chatRoomId}/stummschalten")
	String silence(@AuthenticationPrincipal SchulhausUser user, @PathVariable String chatRoomId, @RequestParam(defaultValue = "true") boolean an,
			@RequestParam(defaultValue = "") String zurueck, RedirectAttributes redirect) {
		UUID roomId = Ids.parse(chatRoomId, "room");
		moderation.silence(user, roomId, an);
		redirect.addFlashAttribute("toast", an ? "chat.settings.toast.silenced" : "chat.settings.toast.unsilenced");
		return "raum".equals(zurueck) ? "redirect:/chat/raum/" + roomId : "redirect:/chat/raum/" + roomId + "/einstellungen";
	}

	/** Who reads the room: a roster room's group members, a chat's members; the announcements' readers are the whole school. */
	private List<Person> people(SchulhausUser user, RoomRights rights) {
		List<Person> people = new ArrayList<>();
		switch (rights.room().kind()) {
			case GROUP -> {
				if (groups.find(user.schoolId(), rights.room().groupId()).isPresent()) {
					for (Membership m : groups.members(user.schoolId(), rights.room().groupId())) {
						people.add(new Person(m.accountId(), m.displayName(), m.leader()));
					}
				}
			}
			case DIRECT, CHAT -> {
				List<UUID> starters = members.of(user.schoolId(), rights.room().id(), List.of("starter"));
				List<UUID> ids = members.of(user.schoolId(), rights.room().id(), List.of("starter", "member"));
				accounts.findAll(user.schoolId(), ids).stream()
					.sorted(java.util.Comparator.comparing(Account::lastName).thenComparing(Account::firstName))
					.forEach(a -> people.add(new Person(a.id(), a.displayName(), starters.contains(a.id()))));
			}
			default -> {
			}
		}
		return people;
	}

	/** Form values of people's ids; one that is no id is an unknown person (404). */
	static List<UUID> ids(List<String> values) {
		return values == null ? List.of() : values.stream().filter(v -> !v.isBlank()).map(v -> Ids.parse(v, "account")).distinct().toList();
	}

	/** A person in a room's list; {@code leader}: leads the group, or started the group chat. */
	record Person(UUID id, String name, boolean leader) {
	}
}
