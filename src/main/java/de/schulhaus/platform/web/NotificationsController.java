package de.schulhaus.platform.web;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.platform.Ids;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.SchulhausUser;

/** The person's notifications: the list, opening one, marking read, and the bell's count for polling. */
@Controller
@RequestMapping("/benachrichtigungen")
class NotificationsController {

	static final int PAGE_SIZE = 50;

	private final Notifications notifications;

	NotificationsController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping
	String list(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "0") int seite, Model model) {
		int page = Math.max(seite, 0);
		List<Notifications.Entry> entries = notifications.newestFirst(user, page * PAGE_SIZE, PAGE_SIZE + 1);
		model.addAttribute("notifications", entries.size() > PAGE_SIZE ? entries.subList(0, PAGE_SIZE) : entries);
		model.addAttribute("hasMore", entries.size() > PAGE_SIZE);
		model.addAttribute("page", page);
		return "platform/notifications";
	}

	/**
	 * The bell's count, polled by the page. {@code bisher} is the count the page shows: when it has
	 * not changed the answer is empty (204), so htmx swaps nothing and screen readers hear nothing.
	 */
	@GetMapping("/anzahl")
	String count(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) Long bisher, Model model,
			HttpServletResponse response) {
		long unread = notifications.unread(user);
		if (bisher != null && bisher == unread) {
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return null;
		}
		model.addAttribute("unread", unread);
		return "layout/bell :: count";
	}

	/** Opens a notification: marks it read and goes where it leads. */
	@GetMapping("/{notificationId}")
	ResponseEntity<Void> open(@AuthenticationPrincipal SchulhausUser user, @PathVariable String notificationId,
			HttpServletRequest request) {
		Notifications.Entry entry = notifications.open(user, Ids.parse(notificationId, "notification"));
		String link = Notification.isLocalPath(entry.link()) ? entry.link() : "/benachrichtigungen";
		return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(request.getContextPath() + link)).build();
	}

	@PostMapping("/{notificationId}/gelesen")
	String markRead(@AuthenticationPrincipal SchulhausUser user, @PathVariable String notificationId,
			@RequestParam(defaultValue = "0") int seite) {
		notifications.markRead(user, Ids.parse(notificationId, "notification"));
		return "redirect:/benachrichtigungen" + (seite > 0 ? "?seite=" + seite : "");
	}

	@PostMapping("/gelesen")
	String markAllRead(@AuthenticationPrincipal SchulhausUser user, RedirectAttributes redirect) {
		notifications.markAllRead(user);
		redirect.addFlashAttribute("toast", "notifications.toast.allRead");
		return "redirect:/benachrichtigungen";
	}
}
