package de.schulhaus.calendar.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.calendar.internal.EventDraft;
import de.schulhaus.calendar.internal.EventDrafts;
import de.schulhaus.calendar.internal.InvitationViews;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * An event's details and its dialog: create from a day or a time slot, edit, delete; for a series
 * "only this", "this and following" or "all". Each serves the dialog's fragment to htmx and a page to
 * a browser without script.
 */
@Controller
class EventController {

	private final WebCalendars calendars;
	private final EventChanges changes;
	private final EventInvitations invitations;
	private final InvitationViews scheduling;
	private final EventAttachmentChoices attachments;
	private final EventRooms rooms;
	private final MessageSource messages;
	private final EventDetails details;

	EventController(WebCalendars calendars, EventChanges changes, EventInvitations invitations, InvitationViews scheduling,
			EventAttachmentChoices attachments, EventRooms rooms, MessageSource messages, EventDetails details) {
		this.details = details;
		this.calendars = calendars;
		this.changes = changes;
		this.invitations = invitations;
		this.scheduling = scheduling;
		this.attachments = attachments;
		this.rooms = rooms;
		this.messages = messages;
	}

	@GetMapping("/kalender/termin/neu")
	String create(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String datum,
			@RequestParam(required = false) String beginn, @RequestParam(required = false) String ende, @RequestParam(required = false) String kalender,
			@RequestParam(required = false) String ansicht, @RequestHeader(name = "HX-Request", required = false) String htmx, Locale locale,
			Model model) {
		List<Calendar> writable = calendars.writableBy(user);
		if (writable.isEmpty()) {
			throw new org.springframework.security.access.AccessDeniedException("no calendar to write");
		}
		LocalDateTime start = start(beginn, datum);
		LocalDateTime end = end(ende, start);
		String chosen = writable.stream().map(c -> c.id().toString()).filter(id -> id.equals(kalender)).findFirst()
			.orElse(writable.get(0).id().toString());
		return form(user, EventForm.starting(start, end, chosen, CalendarView.of(ansicht).param), Map.of(), writable, null, false, htmx, locale, model);
	}

	@PostMapping("/kalender/termin")
	String created(@AuthenticationPrincipal SchulhausUser user, @ModelAttribute EventForm form,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletResponse response, RedirectAttributes redirect,
			Locale locale, Model model) {
		List<Calendar> writable = calendars.writableBy(user);
		Calendar calendar = calendars.requireWritable(user, form.kalender());
		EventForms.Checked checked = attachments.check(user, form, EventForms.check(form), List.of());
		if (!checked.valid()) {
			return form(user, form, checked.errors(), writable, null, false, htmx, locale, model);
		}
		EventChanges.Invite invite = rooms.book(user, form, invitations.invite(user, form, null));
		try {
			changes.create(calendar, checked.draft(), invite, user.accountId());
		}
		catch (de.schulhaus.calendar.internal.Bookings.Conflict ex) {
			model.addAttribute("roomConflict", rooms.refusal(user, ex, locale));
			return form(user, form, Map.of("raeume", "calendar.error.roomTaken"), writable, null, false, htmx, locale, model);
		}
		catch (RuntimeException ex) {
			return form(user, form, Map.of("titel", problem(ex)), writable, null, false, htmx, locale, model);
		}
		return done(form, checked.draft().start().toLocalDate(), htmx, response, redirect);
	}

	@GetMapping("/kalender/{calendarId}/termin")
	String details(@AuthenticationPrincipal SchulhausUser user, @PathVariable String calendarId, @RequestParam(required = false) String name,
			@RequestParam(required = false) String instanz, @RequestParam(required = false) String ansicht,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Locale locale, Model model) {
		details.fill(user, calendarId, name, instant(instanz), ansicht, locale, model);
		return page("event-details", htmx, model);
	}

	@GetMapping("/kalender/{calendarId}/termin/bearbeiten")
	String edit(@AuthenticationPrincipal SchulhausUser user, @PathVariable String calendarId, @RequestParam(required = false) String name,
			@RequestParam(required = false) String instanz, @RequestParam(required = false) String ansicht,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Locale locale, Model model) {
		Calendar calendar = calendars.requireWritable(user, calendarId);
		CalendarObjects.Entry entry = changes.require(calendar, name);
		Instant instance = instant(instanz);
		EventDrafts.Stored stored = EventDrafts.read(entry.data(), instance);
		InvitationViews.Invited invited = scheduling.invited(calendar, entry, user.accountId());
		EventForm form = EventForm.of(stored.draft(), calendar.id().toString(), name, instance == null ? null : instance.toString(),
				CalendarView.of(ansicht).param).withAttendees(invited.answers().stream().map(InvitationViews.Invited.Answer::address).toList())
			.withRooms(rooms.named(user, entry.data(), instance));
		return form(user, form, Map.of(), List.of(calendar), calendar, stored.recurring() && instance != null, htmx, locale, model);
	}

	@PostMapping("/kalender/{calendarId}/termin")
	String updated(@AuthenticationPrincipal SchulhausUser user, @PathVariable String calendarId, @ModelAttribute EventForm form,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletResponse response, RedirectAttributes redirect,
			Locale locale, Model model) {
		Calendar calendar = calendars.requireWritable(user, calendarId);
		CalendarObjects.Entry entry = changes.require(calendar, form.name());
		Instant instance = instant(form.instanz());
		boolean series = entry.recurring() && instance != null;
		EventForms.Checked checked = attachments.check(user, form, EventForms.check(form), stored(entry, instance));
		if (!checked.valid()) {
			return form(user, form, checked.errors(), List.of(calendar), calendar, series, htmx, locale, model);
		}
		EventChanges.Invite invite = rooms.book(user, form, invitations.invite(user, form, scheduling.invited(calendar, entry, user.accountId())));
		try {
			changes.update(calendar, form.name(), instance, EventChanges.Scope.of(form.umfang()), checked.draft(), invite, user.accountId());
		}
		catch (de.schulhaus.calendar.internal.Bookings.Conflict ex) {
			model.addAttribute("roomConflict", rooms.refusal(user, ex, locale));
			return form(user, form, Map.of("raeume", "calendar.error.roomTaken"), List.of(calendar), calendar, series, htmx, locale, model);
		}
		catch (RuntimeException ex) {
			return form(user, form, Map.of("titel", problem(ex)), List.of(calendar), calendar, series, htmx, locale, model);
		}
		return done(form, checked.draft().start().toLocalDate(), htmx, response, redirect);
	}

	/**
	 * Dragged in the week or day view: moved by so many minutes, or made longer or shorter at its end.
	 * An instance of a series moves alone (like "only this" in the dialog, the keyboard's way to do the same).
	 * A refusal answers RFC 9457 problem JSON whose detail is the dialog's text for it, which the view shows.
	 */
	@PostMapping("/kalender/{calendarId}/termin/verschieben")
	ResponseEntity<ProblemDetail> moved(@AuthenticationPrincipal SchulhausUser user, @PathVariable String calendarId,
			@RequestParam(required = false) String name, @RequestParam(required = false) String instanz,
			@RequestParam(defaultValue = "0") long minuten, @RequestParam(defaultValue = "0") long laenger, Locale locale) {
		Calendar calendar = calendars.requireWritable(user, calendarId);
		CalendarObjects.Entry entry = changes.require(calendar, name);
		Instant instance = instant(instanz);
		EventDrafts.Stored stored = EventDrafts.read(entry.data(), instance);
		EventDraft d = stored.draft();
		java.time.Duration shift = java.time.Duration.ofMinutes(Math.max(-100_000, Math.min(100_000, minuten)));
		LocalDateTime start = d.start().plus(shift);
		LocalDateTime end = d.end().plus(shift).plusMinutes(Math.max(-100_000, Math.min(100_000, laenger)));
		if (d.allDay()) {
			return refused(HttpStatus.UNPROCESSABLE_CONTENT, "calendar.error.moveAllDay", locale);
		}
		if (!end.isAfter(start)) {
			return refused(HttpStatus.UNPROCESSABLE_CONTENT, "calendar.error.endBeforeStart", locale);
		}
		EventDraft draft = new EventDraft(d.summary(), false, start, end, d.location(), d.description(), EventDraft.Repeat.KEEP, EventDraft.Reminder.KEEP,
				null, EventDraft.Visibility.KEEP, d.zone());
		try {
			changes.update(calendar, name, instance, stored.recurring() && instance != null ? EventChanges.Scope.THIS : EventChanges.Scope.ALL, draft,
					user.accountId());
		}
		catch (de.schulhaus.calendar.internal.Bookings.Conflict ex) {
			// the dialog's sentence (room, day, time, who), and the same as fields for scripts
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, rooms.refusal(user, ex, locale));
			problem.setTitle(messages.getMessage("calendar.move.refused", null, locale));
			de.schulhaus.calendar.internal.Bookings.Booking taken = ex.existing();
			problem.setProperty("room", taken.resourceName());
			problem.setProperty("roomId", taken.resourceId().toString());
			problem.setProperty("bookedFrom", taken.start().toString());
			problem.setProperty("bookedUntil", taken.end().toString());
			problem.setProperty("bookedBy", rooms.bookedBy(user, taken));
			return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		catch (RuntimeException ex) {
			return refused(HttpStatus.CONFLICT, problem(ex), locale);
		}
		return ResponseEntity.noContent().build();
	}

	private ResponseEntity<ProblemDetail> refused(HttpStatus status, String key, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, messages.getMessage(key, null, locale));
		problem.setTitle(messages.getMessage("calendar.move.refused", null, locale));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@PostMapping("/kalender/{calendarId}/termin/loeschen")
	String deleted(@AuthenticationPrincipal SchulhausUser user, @PathVariable String calendarId, @RequestParam(required = false) String name,
			@RequestParam(required = false) String instanz, @RequestParam(required = false) String umfang,
			@RequestParam(required = false) String ansicht, @RequestParam(required = false) String datum,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletResponse response, RedirectAttributes redirect) {
		Calendar calendar = calendars.requireWritable(user, calendarId);
		Instant instance = instant(instanz);
		changes.delete(calendar, name, instance, EventChanges.Scope.of(umfang), user.accountId());
		LocalDate day = instance != null ? instance.atZone(CalendarFormats.ZONE).toLocalDate() : CalendarController.date(datum, LocalDate.now());
		String target = CalendarController.href(CalendarView.of(ansicht), day);
		return redirect(target, "calendar.toast.deleted", htmx, response, redirect);
	}

	/** The message key of a refusal the person can act on; anything else is a fault and goes on. */
	static String problem(RuntimeException ex) {
		String key = EventChanges.problem(ex);
		if (key == null) {
			throw ex;
		}
		return key;
	}

	private String form(SchulhausUser user, EventForm form, Map<String, String> errors, List<Calendar> writable, Calendar editing, boolean series,
			String htmx, Locale locale, Model model) {
		model.addAttribute("form", form);
		InvitationViews.Invited stored = null;
		if (editing != null && form.name() != null) {
			stored = changes.find(editing, form.name()).map(e -> scheduling.invited(editing, e, user.accountId())).orElse(null);
		}
		model.addAttribute("chosen", invitations.chosen(user, form, stored));
		List<de.schulhaus.calendar.internal.EventDraft.Attachment> attached = List.of();
		if (editing != null && form.name() != null) {
			Instant instance = instant(form.instanz());
			attached = changes.find(editing, form.name()).map(e -> stored(e, instance)).orElse(List.of());
		}
		model.addAttribute("attachments", attachments.rows(user, form, attached));
		model.addAttribute("rooms", rooms.offered(user));
		model.addAttribute("errors", errors);
		model.addAttribute("writable", writable);
		model.addAttribute("editing", editing != null);
		model.addAttribute("series", series);
		model.addAttribute("repeats", EventForm.REPEATS);
		model.addAttribute("reminders", EventForm.REMINDERS);
		CalendarFormats formats = new CalendarFormats(locale);
		model.addAttribute("zones", ZoneChoice.offered(form.zone(), formats.locale()));
		model.addAttribute("monthly", MonthlyChoice.of(form.startDate(), formats, messages, locale));
		model.addAttribute("monthlyOrdinals", MonthlyChoice.ordinals(messages, locale));
		model.addAttribute("monthlyWeekdays", MonthlyChoice.weekdays(formats));
		model.addAttribute("action", editing == null ? "/kalender/termin" : "/kalender/" + editing.id() + "/termin");
		model.addAttribute("weekdays", java.util.Arrays.stream(java.time.DayOfWeek.values())
			.map(d -> new Weekday(EventForm.code(d), d.getDisplayName(java.time.format.TextStyle.FULL, new CalendarFormats(locale).locale()))).toList());
		return page("event-form", htmx, model);
	}

	record Weekday(String code, String label) {
	}

	/** The ATTACH lines of the event (or of the instance) the dialog shows. */
	private static List<de.schulhaus.calendar.internal.EventDraft.Attachment> stored(CalendarObjects.Entry entry, Instant instance) {
		return EventDrafts.read(entry.data(), instance).draft().attachments();
	}

	static String page(String fragment, String htmx, Model model) {
		if (htmx != null) {
			return "calendar/event :: " + fragment;
		}
		model.addAttribute("fragment", fragment);
		return "calendar/event-page";
	}

	private static String done(EventForm form, LocalDate day, String htmx, HttpServletResponse response, RedirectAttributes redirect) {
		return redirect(CalendarController.href(CalendarView.of(form.ansicht()), day), "calendar.toast.saved", htmx, response, redirect);
	}

	/** After a change the view of its day: htmx follows HX-Redirect, a browser without script a redirect. */
	private static String redirect(String target, String toast, String htmx, HttpServletResponse response, RedirectAttributes redirect) {
		if (htmx != null) {
			response.setHeader("HX-Redirect", target);
			return "calendar/event :: event-done";
		}
		redirect.addFlashAttribute("toast", toast);
		return "redirect:" + target;
	}

	static String action(Calendar calendar, String what, String name, Instant instance) {
		return "/kalender/" + calendar.id() + "/termin" + (what == null ? "" : "/" + what) + "?name=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
				+ (instance == null ? "" : "&instanz=" + instance);
	}

	private static LocalDateTime start(String beginn, String datum) {
		try {
			if (beginn != null) {
				return LocalDateTime.parse(beginn);
			}
			if (datum != null) {
				return LocalDate.parse(datum).atTime(LocalTime.of(8, 0));
			}
		}
		catch (DateTimeParseException e) {
			// a hand-made URL: start from the next hour instead
		}
		return LocalDateTime.now(CalendarFormats.ZONE).withMinute(0).withSecond(0).withNano(0).plusHours(1);
	}

	/** The end of a span dragged in the week or day view; an hour after the start when none or none after it is given. */
	private static LocalDateTime end(String ende, LocalDateTime start) {
		try {
			LocalDateTime end = ende == null ? null : LocalDateTime.parse(ende);
			if (end != null && end.isAfter(start) && !end.isAfter(start.plusDays(1))) {
				return end;
			}
		}
		catch (DateTimeParseException e) {
			// a hand-made URL: an hour, as from a click
		}
		return start.plusHours(1);
	}

	static Instant instant(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException e) {
			throw new NotFoundException("instance");
		}
	}
}
