package de.schulhaus.calendar.web;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.platform.SchulhausUser;

/**
 * The calendar's views: month (the default), week, day and the agenda of the next 30 days, rendered on
 * the server from the occurrences of the calendars the person sees and has not switched off.
 */
@Controller
class CalendarController {

	private static final Logger log = LoggerFactory.getLogger(CalendarController.class);

	private final WebCalendars calendars;
	private final CalendarEvents events;
	private final MessageSource messages;
	private final Clock clock;

	CalendarController(WebCalendars calendars, CalendarEvents events, MessageSource messages) {
		this.calendars = calendars;
		this.events = events;
		this.messages = messages;
		this.clock = Clock.system(CalendarFormats.ZONE);
	}

	/** A calendar in the list beside the views, with its colour class and whether it is shown. */
	record Listed(Calendar calendar, int colour, boolean shown) {
	}

	@GetMapping("/kalender")
	String view(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String ansicht,
			@RequestParam(required = false) String datum, @RequestParam(required = false) List<String> kalender,
			@RequestParam(required = false) String auswahl, @CookieValue(name = HiddenCalendars.COOKIE, required = false) String remembered,
			HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
		long began = System.nanoTime();
		List<Calendar> all = calendars.visibleTo(user);
		Set<String> hidden = HiddenCalendars.chosen(all, auswahl == null ? null : (kalender == null ? List.of() : kalender), remembered, request,
				response);
		CalendarView view = CalendarView.of(ansicht);
		LocalDate today = LocalDate.now(clock);
		LocalDate date = date(datum, today);
		LocalDate first = view.first(date);
		LocalDate end = view.end(date);
		List<Chip> chips = events.between(user, all, hidden, first.atStartOfDay(CalendarFormats.ZONE).toInstant(),
				end.atStartOfDay(CalendarFormats.ZONE).toInstant(), messages.getMessage("calendar.busy", null, locale));
		CalendarFormats formats = new CalendarFormats(locale);
		List<Listed> listed = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			listed.add(new Listed(all.get(i), i, !hidden.contains(all.get(i).id().toString())));
		}
		model.addAttribute("view", view.param);
		model.addAttribute("date", date);
		model.addAttribute("today", today);
		model.addAttribute("cal", formats);
		model.addAttribute("listed", listed);
		model.addAttribute("colours", "/kalender/farben.css?v=" + CalendarColors.version(all));
		model.addAttribute("canWrite", all.stream().anyMatch(Calendar::writable));
		model.addAttribute("heading", title(view, date, first, end, formats));
		model.addAttribute("previous", href(view, view.previous(date)));
		model.addAttribute("next", href(view, view.next(date)));
		model.addAttribute("todayHref", href(view, today));
		model.addAttribute("views", List.of(CalendarView.MONTH, CalendarView.WEEK, CalendarView.DAY, CalendarView.AGENDA).stream()
			.map(v -> new ViewLink(v.param, href(v, date), v == view)).toList());
		switch (view) {
			case MONTH -> {
				model.addAttribute("weeks", CalendarLayouts.month(chips, date, today));
				model.addAttribute("weekdays", IntStream.range(0, 7).mapToObj(first::plusDays).toList());
			}
			case WEEK, DAY -> {
				model.addAttribute("columns", CalendarLayouts.columns(chips, first, end, today));
				model.addAttribute("hours", IntStream.range(0, 24).boxed().toList());
			}
			case AGENDA -> model.addAttribute("days", CalendarLayouts.agenda(chips, first, end, today));
		}
		log.debug("calendar {} of {} calendars with {} occurrences prepared in {} ms", view.param, all.size(), chips.size(),
				(System.nanoTime() - began) / 1_000_000);
		return "calendar/view";
	}

	/** The colours of the person's calendars; its URL changes with them, so it is cached for good. */
	@GetMapping(value = "/kalender/farben.css", produces = "text/css")
	ResponseEntity<String> colours(@AuthenticationPrincipal SchulhausUser user) {
		return ResponseEntity.ok().contentType(new MediaType("text", "css", java.nio.charset.StandardCharsets.UTF_8))
			.cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePrivate())
			.body(CalendarColors.stylesheet(calendars.visibleTo(user)));
	}

	record ViewLink(String param, String href, boolean current) {
	}

	static String href(CalendarView view, LocalDate date) {
		return "/kalender?ansicht=" + view.param + "&datum=" + date;
	}

	static LocalDate date(String value, LocalDate today) {
		if (value == null || value.isBlank()) {
			return today;
		}
		try {
			LocalDate date = LocalDate.parse(value);
			return date.getYear() < 1900 || date.getYear() > 2200 ? today : date;
		}
		catch (DateTimeParseException e) {
			return today;
		}
	}

	private static String title(CalendarView view, LocalDate date, LocalDate first, LocalDate end, CalendarFormats formats) {
		return switch (view) {
			case MONTH -> formats.month(date);
			case WEEK -> (formats.german() ? "KW " : "Week ") + CalendarFormats.week(first) + ": " + formats.date(first) + " – "
					+ formats.date(end.minusDays(1));
			case DAY -> formats.day(date);
			case AGENDA -> formats.date(first) + " – " + formats.date(end.minusDays(1));
		};
	}
}
