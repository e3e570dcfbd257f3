package de.schulhaus.chat.web;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.chat.internal.Announcements;
import de.schulhaus.chat.internal.ChatRules;
import de.schulhaus.chat.internal.SchoolChatRules;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * The school admin's messenger rules (/verwaltung is for school admins only): pupils writing to pupils,
 * quiet hours without Web Push for pupils, how long messages are kept, and who besides the admins posts
 * in the announcements.
 */
@Controller
class ChatAdminController {

	private final SchoolChatRules rules;
	private final Announcements announcements;
	private final AccountManagement accounts;
	private final ChatRefusals refusals;

	ChatAdminController(SchoolChatRules rules, Announcements announcements, AccountManagement accounts, ChatRefusals refusals) {
		this.rules = rules;
		this.announcements = announcements;
		this.accounts = accounts;
		this.refusals = refusals;
	}

	@GetMapping("/verwaltung/chat")
	String page(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("rules", rules.of(user.schoolId()));
		model.addAttribute("posters", announcements.posters(user));
		model.addAttribute("staff", accounts.list(user.schoolId(), null, Role.TEACHER, 1000, 0).stream().filter(a -> a.active()).toList());
		model.addAttribute("office", accounts.list(user.schoolId(), null, Role.STAFF, 1000, 0).stream().filter(a -> a.active()).toList());
		return "chat/admin";
	}

	@PostMapping("/verwaltung/chat")
	String save(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "false") boolean schuelerDirekt,
			@RequestParam(defaultValue = "") String ruheVon, @RequestParam(defaultValue = "") String ruheBis,
			@RequestParam(defaultValue = "0") String aufbewahrung, RedirectAttributes redirect) {
		try {
			rules.set(user, new ChatRules(schuelerDirekt, time("ruheVon", ruheVon), time("ruheBis", ruheBis), days(aufbewahrung)));
			redirect.addFlashAttribute("toast", "chat.rules.toast.saved");
		} catch (InvalidInputException e) {
			refusals.flash(redirect, e);
		}
		return "redirect:/verwaltung/chat";
	}

	@PostMapping("/verwaltung/chat/ankuendigungen")
	String addPoster(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "") String accountId, RedirectAttributes redirect) {
		try {
			announcements.addPoster(user, Ids.parse(accountId, "account"));
			redirect.addFlashAttribute("toast", "chat.announcements.toast.added");
		} catch (InvalidInputException e) {
			refusals.flash(redirect, e);
		}
		return "redirect:/verwaltung/chat#ankuendigungen";
	}

	@PostMapping("/verwaltung/chat/ankuendigungen/{accountId}/entfernen")
	String removePoster(@AuthenticationPrincipal SchulhausUser user, @PathVariable String accountId, RedirectAttributes redirect) {
		announcements.removePoster(user, Ids.parse(accountId, "account"));
		redirect.addFlashAttribute("toast", "chat.announcements.toast.removed");
		return "redirect:/verwaltung/chat#ankuendigungen";
	}

	private static LocalTime time(String field, String value) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return LocalTime.parse(value.strip());
		} catch (DateTimeParseException e) {
			throw new InvalidInputException(field, "chat.rules.error.time");
		}
	}

	private static int days(String value) {
		try {
			return value.isBlank() ? 0 : Integer.parseInt(value.strip());
		} catch (NumberFormatException e) {
			throw new InvalidInputException("aufbewahrung", "chat.rules.error.retention", ChatRules.MAX_RETENTION_DAYS);
		}
	}
}
