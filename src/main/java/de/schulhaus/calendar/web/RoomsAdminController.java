package de.schulhaus.calendar.web;

import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.calendar.internal.Rooms;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/** School admins keep the bookable rooms and equipment (/verwaltung is for school admins only). */
@Controller
class RoomsAdminController {

	private final Rooms rooms;
	private final MessageSource messages;

	RoomsAdminController(Rooms rooms, MessageSource messages) {
		this.rooms = rooms;
		this.messages = messages;
	}

	@GetMapping("/verwaltung/raeume")
	String page(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("rooms", rooms.list(user.schoolId()));
		return "calendar/rooms-admin";
	}

	@PostMapping("/verwaltung/raeume")
	String create(@AuthenticationPrincipal SchulhausUser user, @RequestParam String name, @RequestParam(defaultValue = "ROOM") String kind,
			@RequestParam(required = false) Integer capacity, @RequestParam(required = false) String description, RedirectAttributes redirect,
			Locale locale) {
		try {
			Rooms.Kind type = "EQUIPMENT".equals(kind) ? Rooms.Kind.EQUIPMENT : Rooms.Kind.ROOM;
			rooms.create(user, name, type, capacity, description);
			redirect.addFlashAttribute("toast", "calendar.rooms.admin.created");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), locale));
			redirect.addFlashAttribute("name", name);
		}
		return "redirect:/verwaltung/raeume";
	}

	@GetMapping("/verwaltung/raeume/{roomId}")
	String edit(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID roomId, Model model) {
		Rooms.Room room = rooms.find(user.schoolId(), roomId).orElseThrow(() -> new NotFoundException("room"));
		model.addAttribute("room", room);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new RoomForm(room.name(), room.capacity() == null ? "" : room.capacity().toString(),
					room.description() == null ? "" : room.description()));
		}
		return "calendar/room-edit";
	}

	/** The edit form as entered, kept when it is refused. */
	record RoomForm(String name, String capacity, String description) implements java.io.Serializable {
	}

	@PostMapping("/verwaltung/raeume/{roomId}")
	String update(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID roomId, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) Integer capacity, @RequestParam(required = false) String description, RedirectAttributes redirect,
			Locale locale) {
		try {
			rooms.update(user, roomId, name, capacity, description);
			redirect.addFlashAttribute("toast", "calendar.rooms.admin.changed");
			return "redirect:/verwaltung/raeume";
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), locale));
			redirect.addFlashAttribute("field", ex.field());
			redirect.addFlashAttribute("form", new RoomForm(name, capacity == null ? "" : capacity.toString(), description == null ? "" : description));
			return "redirect:/verwaltung/raeume/" + roomId;
		}
	}

	@PostMapping("/verwaltung/raeume/{roomId}/loeschen")
	String delete(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID roomId, RedirectAttributes redirect) {
		rooms.delete(user, roomId);
		redirect.addFlashAttribute("toast", "calendar.rooms.admin.deleted");
		return "redirect:/verwaltung/raeume";
	}
}
