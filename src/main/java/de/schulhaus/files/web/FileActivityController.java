package de.schulhaus.files.web;

import java.util.Locale;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/** What happened lately in the spaces a person sees, newest first, as sentences. */
@Controller
class FileActivityController {

	private final ActivitySentences sentences;

	FileActivityController(ActivitySentences sentences) {
		this.sentences = sentences;
	}

	@GetMapping("/dateien/aktivitaet")
	String activity(@AuthenticationPrincipal SchulhausUser user, Locale locale, Model model) {
		if (user == null || user.schoolId() == null) {
			throw new NotFoundException("activity");
		}
		model.addAttribute("lines", sentences.of(user, 50, locale));
		return "files/activity";
	}
}
