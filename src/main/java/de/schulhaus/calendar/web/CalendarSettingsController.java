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

import de.schulhaus.calendar.internal.CalendarFilesService;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.calendar.internal.ExamRules;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The school admin's calendar settings (/verwaltung is for school admins only): the weekly limit of exams per class,
 * and the NRW school holidays taken into the school's calendar.
 */
@Controller
class CalendarSettingsController {

	private final ExamRules rules;
	private final MessageSource messages;
	private final Calendars calendars;
	private final CalendarFilesService files;

	CalendarSettingsController(ExamRules rules, MessageSource messages, Calendars calendars, CalendarFilesService files) {
		this.rules = rules;
		this.messages = messages;
		this.calendars = calendars;
		this.files = files;
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

	/** The bundled NRW school holidays into the school's calendar: through the import's preview, like an uploaded file. */
	@PostMapping("/verwaltung/kalender/schulferien")
	String holidays(@AuthenticationPrincipal SchulhausUser user) throws java.io.IOException {
		var school = calendars.find(user, Calendars.SCHOOL_SLUG).orElseThrow(() -> new de.schulhaus.platform.NotFoundException("calendar"));
		var preview = files.stageNrwHolidays(user, school);
		return "redirect:/kalender/" + school.id() + "/import/" + preview.id();
	}
}
