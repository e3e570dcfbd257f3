package de.schulhaus.calendar.web;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.calendar.internal.Bookings;
import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.calendar.internal.RoomBookings;
import de.schulhaus.calendar.internal.Rooms;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Rooms and equipment for everyone of the school: the list, a week's bookings of one, and booking it.
 * A taken slot is refused with who has it, and the form keeps what was entered.
 */
@Controller
class RoomsController {

	static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, dd.MM.yyyy", Locale.GERMAN);
	private static final DateTimeFormatter DAY_EN = DateTimeFormatter.ofPattern("EEEE, dd/MM/yyyy", Locale.ENGLISH);
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final Rooms rooms;
	private final Bookings bookings;
	private final RoomBookings roomBookings;
	private final Calendars calendars;
	private final AccountManagement accounts;
	private final MessageSource messages;

	RoomsController(Rooms rooms, Bookings bookings, RoomBookings roomBookings, Calendars calendars, AccountManagement accounts, MessageSource messages) {
		this.rooms = rooms;
		this.bookings = bookings;
		this.roomBookings = roomBookings;
		this.calendars = calendars;
		this.accounts = accounts;
		this.messages = messages;
	}

	@GetMapping("/kalender/raeume")
	String list(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("rooms", rooms.list(user.schoolId()));
		model.addAttribute("admin", user.role() == de.schulhaus.platform.Role.SCHOOL_ADMIN);
		return "calendar/rooms";
	}

	/** One line of the week's list: when, what, who. */
	record Line(String time, String title, String who) {
	}

	record Day(String label, boolean today, List<Line> lines) {
	}

	@GetMapping("/kalender/raeume/{roomId}")
	String room(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID roomId, @RequestParam(required = false) String ab, Model model,
			Locale locale) {
		Rooms.Room room = rooms.find(user.schoolId(), roomId).orElseThrow(() -> new NotFoundException("room"));
		LocalDate monday = week(ab);
		if (!model.containsAttribute("form")) {
			LocalDate today = LocalDate.now(ZONE);
			LocalDate day = today.isBefore(monday) || today.isAfter(monday.plusDays(6)) ? monday : today;
			model.addAttribute("form", new Form(day.toString(), "08:00", "09:30", "", Calendars.PERSONAL_SLUG));
		}
		Instant from = monday.atStartOfDay(ZONE).toInstant();
		Instant to = monday.plusDays(7).atStartOfDay(ZONE).toInstant();
		List<Bookings.Booking> week = bookings.of(user.schoolId(), roomId, from, to);
		Map<UUID, String> names = accounts.names(user.schoolId(), week.stream().map(Bookings.Booking::bookedBy).filter(id -> id != null)
			.collect(Collectors.toSet()));
		List<Day> days = new ArrayList<>();
		boolean english = Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
		for (int i = 0; i < 7; i++) {
			LocalDate date = monday.plusDays(i);
			List<Line> lines = week.stream().filter(b -> b.start().atZone(ZONE).toLocalDate().equals(date))
				.map(b -> new Line(TIME.format(b.start().atZone(ZONE)) + "–" + TIME.format(b.end().atZone(ZONE)), b.title(),
						b.bookedBy() == null ? "" : names.getOrDefault(b.bookedBy(), "")))
				.toList();
			days.add(new Day((english ? DAY_EN : DAY).withLocale(english ? Locale.ENGLISH : Locale.GERMAN).format(date), date.equals(LocalDate.now(ZONE)),
					lines));
		}
		model.addAttribute("room", room);
		model.addAttribute("days", days);
		model.addAttribute("weekNumber", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
		model.addAttribute("previous", monday.minusWeeks(1).toString());
		model.addAttribute("next", monday.plusWeeks(1).toString());
		model.addAttribute("calendars", calendars.visibleTo(user).stream().filter(Calendar::writable).toList());
		return "calendar/room";
	}

	/** What the booking form holds, kept when a booking is refused. */
	record Form(String day, String from, String to, String title, String calendar) implements java.io.Serializable {
	}

	@PostMapping("/kalender/raeume/{roomId}/buchen")
	String book(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID roomId, @RequestParam(defaultValue = "") String day,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String title,
			@RequestParam(defaultValue = Calendars.PERSONAL_SLUG) String calendar,
			RedirectAttributes redirect, Locale locale) {
		Rooms.Room room = rooms.find(user.schoolId(), roomId).orElseThrow(() -> new NotFoundException("room"));
		Form form = new Form(day, from, to, title, calendar);
		String back = "redirect:/kalender/raeume/" + roomId + "?ab=" + safeDay(day);
		try {
			Calendar target = calendars.find(user, calendar).orElseThrow(() -> new InvalidInputException("calendar", "calendar.rooms.error.calendar"));
			LocalDate date = LocalDate.parse(day);
			roomBookings.book(user, target, room, date, time(from), time(to), title);
			redirect.addFlashAttribute("booked", messages.getMessage("calendar.rooms.booked",
					new Object[] { room.name(), date.format(Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? DAY_EN : DAY), from, to }, locale));
			return back;
		}
		catch (Bookings.Conflict ex) {
			Bookings.Booking taken = ex.existing();
			String who = taken.bookedBy() == null ? "" : accounts.names(user.schoolId(), java.util.Set.of(taken.bookedBy())).getOrDefault(taken.bookedBy(), "");
			redirect.addFlashAttribute("problem", messages.getMessage("calendar.rooms.taken", new Object[] { room.name(),
					taken.start().atZone(ZONE).format(Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? DAY_EN : DAY),
					TIME.format(taken.start().atZone(ZONE)), TIME.format(taken.end().atZone(ZONE)), taken.title() == null ? "" : taken.title(), who }, locale));
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), locale));
		}
		catch (DateTimeParseException ex) {
			redirect.addFlashAttribute("problem", messages.getMessage("calendar.rooms.error.when", null, locale));
		}
		catch (de.schulhaus.calendar.internal.InvalidCalendarData ex) {
			redirect.addFlashAttribute("problem", messages.getMessage("calendar.rooms.error.when", null, locale));
		}
		redirect.addFlashAttribute("form", form);
		return back;
	}

	private static LocalTime time(String value) {
		return LocalTime.parse(value.strip());
	}

	private static String safeDay(String day) {
		try {
			return LocalDate.parse(day).toString();
		}
		catch (DateTimeParseException | NullPointerException ex) {
			return LocalDate.now(ZONE).toString();
		}
	}

	private static LocalDate week(String ab) {
		LocalDate day;
		try {
			day = ab == null || ab.isBlank() ? LocalDate.now(ZONE) : LocalDate.parse(ab);
		}
		catch (DateTimeParseException ex) {
			day = LocalDate.now(ZONE);
		}
		if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
			day = day.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
		}
		return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}
}
