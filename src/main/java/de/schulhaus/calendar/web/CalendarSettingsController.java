package de.schulhaus.calendar.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.calendar.internal.ExamRules;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/** The school admin's calendar rules (/verwaltung is for school admins only): the weekly limit of exams per class. */
@Controller
class CalendarSettingsController {

	private final ExamRules rules;
	private final MessageSource messages;

	CalendarSettingsController(ExamRules rules, MessageSource messages) {
		this.rules = rules;
		this.messages = messages;
	}

	@GetMapping("/verwaltung/kalender")
	String page(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("limit", rules.maxPerWeek(user.schoolId()));
		return "calendar/settings";
	}

	@PostMapping("/verwaltung/kalender")
	String change(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) Integer limit, RedirectAttributes redirect,
			Locale locale) {
		try {
			rules.setMaxPerWeek(user, limit);
			redirect.addFlashAttribute("toast", "calendar.settings.saved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), locale));
		}
		return "redirect:/verwaltung/kalender";
	}
}
