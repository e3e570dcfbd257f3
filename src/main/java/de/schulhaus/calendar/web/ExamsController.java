package de.schulhaus.calendar.web;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
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

import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.calendar.internal.ExamPlans;
import de.schulhaus.calendar.internal.ExamRules;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * A class's exam plan ("Klausurplan"): its members see the coming exams, its teachers enter new ones,
 * told first when the class has an exam that day already and refused beyond the school's weekly limit.
 */
@Controller
class ExamsController {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, dd.MM.yyyy", Locale.GERMAN);
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final Calendars calendars;
	private final ExamPlans plans;
	private final ExamRules rules;
	private final MessageSource messages;

	ExamsController(Calendars calendars, ExamPlans plans, ExamRules rules, MessageSource messages) {
		this.calendars = calendars;
		this.plans = plans;
		this.rules = rules;
		this.messages = messages;
	}

	record Line(String day, String time, String title) {
	}

	record Form(String day, String from, String to, String title) implements java.io.Serializable {
	}

	@GetMapping("/kalender/klausuren/{groupId}")
	String plan(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID groupId, Model model) {
		Calendar exams = plan(user, groupId);
		List<Line> lines = plans.upcoming(exams, LocalDate.now(RoomsController.ZONE).atStartOfDay(RoomsController.ZONE).toInstant()).stream()
			.map(e -> new Line(DAY.format(e.start().atZone(RoomsController.ZONE)),
					TIME.format(e.start().atZone(RoomsController.ZONE)) + "–" + TIME.format((e.end() == null ? e.start() : e.end()).atZone(RoomsController.ZONE)),
					e.title()))
			.toList();
		model.addAttribute("plan", exams);
		model.addAttribute("lines", lines);
		model.addAttribute("limit", rules.maxPerWeek(user.schoolId()));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new Form(LocalDate.now(RoomsController.ZONE).plusDays(7).toString(), "08:00", "09:30", ""));
		}
		return "calendar/exams";
	}

	@PostMapping("/kalender/klausuren/{groupId}")
	String add(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID groupId, @RequestParam(defaultValue = "") String day,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String title,
			@RequestParam(defaultValue = "false") boolean confirmed, RedirectAttributes redirect, Locale locale) {
		Calendar exams = plan(user, groupId);
		String back = "redirect:/kalender/klausuren/" + groupId;
		try {
			plans.add(user, exams, LocalDate.parse(day), LocalTime.parse(from), LocalTime.parse(to), title, confirmed);
			redirect.addFlashAttribute("entered", messages.getMessage("calendar.exams.entered", new Object[] { title.strip() }, locale));
			return back;
		}
		catch (ExamPlans.SameDay ex) {
			redirect.addFlashAttribute("sameDay", messages.getMessage("calendar.exams.sameDay", new Object[] { String.join(", ", ex.others()) }, locale));
		}
		catch (ExamRules.TooMany ex) {
			redirect.addFlashAttribute("problem", messages.getMessage("calendar.exams.tooMany",
					new Object[] { ex.others().size(), ex.limit(), String.join(", ", ex.others()) }, locale));
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), locale));
		}
		catch (DateTimeParseException ex) {
			redirect.addFlashAttribute("problem", messages.getMessage("calendar.exams.error.when", null, locale));
		}
		redirect.addFlashAttribute("form", new Form(day, from, to, title));
		return back;
	}

	private Calendar plan(SchulhausUser user, UUID groupId) {
		return calendars.find(user, Calendars.EXAMS_PREFIX + groupId).orElseThrow(() -> new NotFoundException("exam plan"));
	}
}
