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

	@PostMapping("/verwaltung/raeume/{roomId}/loeschen")
	String delete(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID roomId, RedirectAttributes redirect) {
		rooms.delete(user, roomId);
		redirect.addFlashAttribute("toast", "calendar.rooms.admin.deleted");
		return "redirect:/verwaltung/raeume";
	}
}
