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
import de.schulhaus.calendar.internal.SchoolCalendarWriters;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.Role;
import org.springframework.web.bind.annotation.PathVariable;
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
	private final SchoolCalendarWriters writers;
	private final AccountManagement accounts;
	private final GroupManagement groups;

	CalendarSettingsController(ExamRules rules, MessageSource messages, Calendars calendars, CalendarFilesService files, SchoolCalendarWriters writers,
			AccountManagement accounts, GroupManagement groups) {
		this.rules = rules;
		this.messages = messages;
		this.calendars = calendars;
		this.files = files;
		this.writers = writers;
		this.accounts = accounts;
		this.groups = groups;
	}

	@GetMapping("/verwaltung/kalender")
	String page(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("limit", rules.maxPerWeek(user.schoolId()));
		var chosen = writers.list(user.schoolId());
		var chosenIds = chosen.stream().map(SchoolCalendarWriters.Writer::memberId).collect(java.util.stream.Collectors.toSet());
		model.addAttribute("writers", chosen);
		model.addAttribute("staff", accounts.active(user.schoolId()).stream()
			.filter(a -> (a.role() == Role.TEACHER || a.role() == Role.STAFF) && !chosenIds.contains(a.id())).toList());
		model.addAttribute("groups", groups.list(user.schoolId()).stream().filter(g -> !g.archived() && (g.kind() == de.schulhaus.accounts.GroupKind.STAFF || g.kind() == de.schulhaus.accounts.GroupKind.CUSTOM)
				&& !chosenIds.contains(g.id())).toList());
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

	/** Lets a teacher or staff member, or a group's teachers and staff, write the school's calendar. */
	@PostMapping("/verwaltung/kalender/schreibrechte")
	String addWriter(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String konto,
			@RequestParam(required = false) String gruppe, RedirectAttributes redirect, Locale locale) {
		try {
			if (konto != null && !konto.isBlank()) {
				writers.addAccount(user, Ids.parse(konto, "account"));
			}
			else if (gruppe != null && !gruppe.isBlank()) {
				writers.addGroup(user, Ids.parse(gruppe, "group"));
			}
			else {
				throw new InvalidInputException("konto", "calendar.settings.writers.none");
			}
			redirect.addFlashAttribute("toast", "calendar.settings.saved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), locale));
		}
		return "redirect:/verwaltung/kalender";
	}

	@PostMapping("/verwaltung/kalender/schreibrechte/{memberId}/entfernen")
	String removeWriter(@AuthenticationPrincipal SchulhausUser user, @PathVariable String memberId, RedirectAttributes redirect) {
		writers.remove(user, Ids.parse(memberId, "writer"));
		redirect.addFlashAttribute("toast", "calendar.settings.saved");
		return "redirect:/verwaltung/kalender";
	}
}
