package de.schulhaus.calendar.web;

import java.time.Instant;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/** A series' exceptions undone from its details: an excluded date brought back, a date changed on its own set back to the series. */
@Controller
class EventExceptionsController {

	private final WebCalendars calendars;
	private final EventChanges changes;
	private final EventRooms rooms;
	private final EventDetails details;
	private final MessageSource messages;

	EventExceptionsController(WebCalendars calendars, EventChanges changes, EventRooms rooms, EventDetails details, MessageSource messages) {
		this.calendars = calendars;
		this.changes = changes;
		this.rooms = rooms;
		this.details = details;
		this.messages = messages;
	}

	/**
	 * A series' exception undone from its details: {@code wiederherstellen} brings an excluded date back, {@code zuruecksetzen}
	 * sets an instance changed on its own back to the series. The details follow again, saying what happened.
	 */
	@PostMapping("/kalender/{calendarId}/termin/ausnahme")
	String exceptionUndone(@AuthenticationPrincipal SchulhausUser user, @PathVariable String calendarId, @RequestParam(required = false) String name,
			@RequestParam(required = false) String instanz, @RequestParam(required = false) String datum,
			@RequestParam(required = false) String aktion, @RequestParam(required = false) String ansicht,
			@RequestHeader(name = "HX-Request", required = false) String htmx, RedirectAttributes redirect, Locale locale, Model model) {
		Calendar calendar = calendars.requireWritable(user, calendarId);
		Instant date = EventController.instant(datum);
		if (date == null) {
			throw new NotFoundException("instance");
		}
		String done;
		try {
			if ("wiederherstellen".equals(aktion)) {
				changes.restore(calendar, name, date, user.accountId());
				done = "calendar.exceptions.restored";
			}
			else if ("zuruecksetzen".equals(aktion)) {
				changes.reset(calendar, name, date, user.accountId());
				done = "calendar.exceptions.reset";
			}
			else {
				throw new NotFoundException("action");
			}
		}
		catch (de.schulhaus.calendar.internal.Bookings.Conflict ex) {
			model.addAttribute("exceptionProblem", rooms.refusal(user, ex, locale));
			return details(user, calendarId, name, instanz, ansicht, htmx, locale, model);
		}
		catch (NotFoundException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			model.addAttribute("exceptionProblem", messages.getMessage(EventController.problem(ex), null, locale));
			return details(user, calendarId, name, instanz, ansicht, htmx, locale, model);
		}
		String when = new CalendarFormats(locale).day(date.atZone(CalendarFormats.ZONE).toLocalDate());
		if (htmx == null) {
			redirect.addFlashAttribute("exceptionDone", messages.getMessage(done, new Object[] { when }, locale));
			return "redirect:" + EventController.action(calendar, null, name, EventController.instant(instanz)) + "&ansicht=" + CalendarView.of(ansicht).param;
		}
		model.addAttribute("exceptionDone", messages.getMessage(done, new Object[] { when }, locale));
		return details(user, calendarId, name, instanz, ansicht, htmx, locale, model);
	}

	private String details(SchulhausUser user, String calendarId, String name, String instanz, String ansicht, String htmx, Locale locale, Model model) {
		details.fill(user, calendarId, name, EventController.instant(instanz), ansicht, locale, model);
		return EventController.page("event-details", htmx, model);
	}
}
