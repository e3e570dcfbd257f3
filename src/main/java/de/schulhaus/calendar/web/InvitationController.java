package de.schulhaus.calendar.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.calendar.internal.BusyTimes;
import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.FreeBusyLookup;
import de.schulhaus.calendar.internal.Scheduling;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Invitations in the browser: an invitee's answer (Zusagen, Vielleicht, Absagen), the dialog's search for
 * people and groups to invite, and who of the chosen is busy on the chosen day.
 */
@Controller
class InvitationController {

	private static final ZoneId ZONE = CalendarFormats.ZONE;

	private final WebCalendars calendars;
	private final Scheduling scheduling;
	private final EventInvitations invitations;
	private final FreeBusyLookup freeBusy;

	InvitationController(WebCalendars calendars, Scheduling scheduling, EventInvitations invitations, FreeBusyLookup freeBusy) {
		this.calendars = calendars;
		this.scheduling = scheduling;
		this.invitations = invitations;
		this.freeBusy = freeBusy;
	}

	/**
	 * An answer to the invitation; for an instance of a series ({@code instanz}) {@code umfang=dieses} answers
	 * only that occurrence, anything else the whole series.
	 */
	@PostMapping("/kalender/{calendarId}/termin/antwort")
	String answered(@AuthenticationPrincipal SchulhausUser user, @PathVariable String calendarId, @RequestParam(required = false) String name,
			@RequestParam(required = false) String antwort, @RequestParam(required = false) String ansicht,
			@RequestParam(required = false) String instanz, @RequestParam(required = false) String umfang,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletResponse response, RedirectAttributes redirect) {
		Calendar calendar = calendars.require(user, calendarId);
		String partstat = switch (antwort == null ? "" : antwort) {
			case "zusagen" -> "ACCEPTED";
			case "vielleicht" -> "TENTATIVE";
			case "absagen" -> "DECLINED";
			default -> throw new NotFoundException("answer");
		};
		if (name == null || name.isBlank()) {
			throw new NotFoundException("invitation");
		}
		Instant instance = instant(instanz);
		scheduling.answer(calendar, name, user.accountId(), partstat, "dieses".equals(umfang) ? instance : null);
		String target = SchoolLinks.event(calendar, name, ansicht) + (instance == null ? "" : "&instanz=" + instance);
		if (htmx != null) {
			response.setHeader("HX-Redirect", target);
			return "calendar/event :: event-done";
		}
		redirect.addFlashAttribute("toast", "calendar.invite.answered");
		return "redirect:" + target;
	}

	@GetMapping("/kalender/teilnehmende/suche")
	String search(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String suche, Model model) {
		if (user.schoolId() == null) {
			throw new NotFoundException("school");
		}
		model.addAttribute("found", invitations.search(user, suche));
		model.addAttribute("query", suche == null ? "" : suche.strip());
		return "calendar/invitations :: search-results";
	}

	@GetMapping("/kalender/frei-belegt")
	String busy(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) List<String> teilnehmende,
			@RequestParam(required = false) String vonDatum, Locale locale, Model model) {
		if (user.schoolId() == null) {
			throw new NotFoundException("school");
		}
		LocalDate day;
		try {
			day = vonDatum == null || vonDatum.isBlank() ? LocalDate.now(ZONE) : LocalDate.parse(vonDatum.strip());
		}
		catch (DateTimeParseException ex) {
			day = LocalDate.now(ZONE);
		}
		Instant start = day.atStartOfDay(ZONE).toInstant();
		Instant end = day.plusDays(1).atStartOfDay(ZONE).toInstant();
		List<String> values = teilnehmende == null ? List.of() : teilnehmende.stream().distinct().limit(FreeBusyLookup.MAX_PEOPLE).toList();
		List<FreeBusyLookup.Busy> rows = freeBusy.busy(user.schoolId(), invitations.recipients(user, values), start, end);
		CalendarFormats formats = new CalendarFormats(locale);
		model.addAttribute("day", formats.day(day));
		model.addAttribute("rows", rows.stream().map(r -> new BusyRow(r.name(), r.periods().stream().map(p -> span(p)).toList())).toList());
		return "calendar/invitations :: free-busy";
	}

	private static Instant instant(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new NotFoundException("instance");
		}
	}

	/** A person's busy spans of the day as text ("08:00–09:30"), nothing but times. */
	record BusyRow(String name, List<String> spans) {
	}

	private static String span(BusyTimes.Period period) {
		java.time.format.DateTimeFormatter clock = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
		String end = period.end().atZone(ZONE).toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? "24:00" : clock.format(period.end().atZone(ZONE));
		return clock.format(period.start().atZone(ZONE)) + "–" + end;
	}

	/** Where an event of a calendar is shown. */
	static final class SchoolLinks {

		private SchoolLinks() {
		}

		static String event(Calendar calendar, String name, String view) {
			return "/kalender/" + calendar.id() + "/termin?name=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
					+ (view == null || view.isBlank() ? "" : "&ansicht=" + java.net.URLEncoder.encode(view, java.nio.charset.StandardCharsets.UTF_8));
		}
	}
}
