package de.schulhaus.chat.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import de.schulhaus.chat.internal.MessageSearch;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/** The messenger's search page ({@code /chat/suche?q=}): what the search field beside the rooms finds, each with a link to it in its room. */
@Controller
class ChatSearchPageController {

	private final MessageSearch search;
	private final MessageSource texts;

	ChatSearchPageController(MessageSearch search, MessageSource texts) {
		this.search = search;
		this.texts = texts;
	}

	@GetMapping("/chat/suche")
	String search(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "") String q, Locale locale,
			HttpServletResponse response, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("hits", List.of());
		if (!q.isBlank()) {
			try {
				model.addAttribute("hits", search.search(user, q, 50));
			} catch (InvalidInputException e) {
				response.setStatus(400);
				model.addAttribute("problemText", texts.getMessage(e.messageKey(), e.args(), e.messageKey(), locale));
			}
		}
		return "chat/search";
	}
}
