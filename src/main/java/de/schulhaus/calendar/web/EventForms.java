package de.schulhaus.calendar.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import de.schulhaus.calendar.internal.EventDraft;
import de.schulhaus.calendar.internal.EventDraft.Frequency;
import de.schulhaus.calendar.internal.EventDraft.Reminder;
import de.schulhaus.calendar.internal.EventDraft.Repeat;

/** The dialog's fields checked and turned into an event: every problem named at its field, in the person's language. */
final class EventForms {

	static final int TITLE_LENGTH = 200;
	static final int TEXT_LENGTH = 10_000;

	private EventForms() {
	}

	/** The event, or the problems by field (message keys). */
	record Checked(EventDraft draft, Map<String, String> errors) {

		boolean valid() {
			return errors.isEmpty();
		}
	}

	static Checked check(EventForm form) {
		Map<String, String> errors = new LinkedHashMap<>();
		String title = trim(form.titel());
		if (title.isEmpty()) {
			errors.put("titel", "calendar.error.title");
		}
		else if (title.length() > TITLE_LENGTH) {
			errors.put("titel", "calendar.error.titleLength");
		}
		if (trim(form.ort()).length() > TITLE_LENGTH) {
			errors.put("ort", "calendar.error.placeLength");
		}
		if (trim(form.beschreibung()).length() > TEXT_LENGTH) {
			errors.put("beschreibung", "calendar.error.descriptionLength");
		}
		boolean allDay = form.allDay();
		LocalDate fromDate = date(form.vonDatum());
		LocalDate toDate = date(form.bisDatum());
		LocalTime fromTime = allDay ? LocalTime.MIDNIGHT : time(form.vonZeit());
		LocalTime toTime = allDay ? LocalTime.MIDNIGHT : time(form.bisZeit());
		if (fromDate == null) {
			errors.put("vonDatum", "calendar.error.date");
		}
		if (toDate == null) {
			errors.put("bisDatum", "calendar.error.date");
		}
		if (fromTime == null) {
			errors.put("vonZeit", "calendar.error.time");
		}
		if (toTime == null) {
			errors.put("bisZeit", "calendar.error.time");
		}
		LocalDateTime start = null;
		LocalDateTime end = null;
		if (fromDate != null && toDate != null && fromTime != null && toTime != null) {
			start = fromDate.atTime(fromTime);
			end = allDay ? toDate.plusDays(1).atStartOfDay() : toDate.atTime(toTime);
			if (end.isBefore(start)) {
				errors.put(allDay ? "bisDatum" : "bisZeit", "calendar.error.endBeforeStart");
			}
		}
		Repeat repeat = repeat(form, fromDate, errors);
		Reminder reminder = switch (form.erinnerung() == null ? "keine" : form.erinnerung()) {
			case "10m" -> Reminder.MINUTES_10;
			case "1h" -> Reminder.HOUR_1;
			case "1d" -> Reminder.DAY_1;
			case "beibehalten" -> Reminder.KEEP;
			default -> Reminder.NONE;
		};
		java.time.ZoneId zone = zone(form.zone());
		if (zone == null) {
			errors.put("zeitzone", "calendar.error.zone");
		}
		if (!errors.isEmpty()) {
			return new Checked(null, errors);
		}
		EventDraft.Visibility visibility = form.sichtbarkeit() == null ? EventDraft.Visibility.KEEP
				: form.busyOnly() ? EventDraft.Visibility.BUSY : EventDraft.Visibility.EVERYONE;
		return new Checked(new EventDraft(title, allDay, start, end, trim(form.ort()), trim(form.beschreibung()), repeat, reminder, null, visibility,
				zone), errors);
	}

	private static Repeat repeat(EventForm form, LocalDate start, Map<String, String> errors) {
		Frequency frequency = switch (form.wiederholung() == null ? "keine" : form.wiederholung()) {
			case "taeglich" -> Frequency.DAILY;
			case "woechentlich" -> Frequency.WEEKLY;
			case "monatlich" -> Frequency.MONTHLY;
			case "jaehrlich" -> Frequency.YEARLY;
			case "beibehalten" -> Frequency.KEEP;
			default -> Frequency.NONE;
		};
		if (frequency == Frequency.NONE || frequency == Frequency.KEEP) {
			return frequency == Frequency.NONE ? Repeat.NONE : Repeat.KEEP;
		}
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		if (frequency == Frequency.WEEKLY && form.tage() != null) {
			for (DayOfWeek day : DayOfWeek.values()) {
				if (form.tage().contains(EventForm.code(day))) {
					days.add(day);
				}
			}
		}
		LocalDate until = null;
		Integer count = null;
		String end = form.ende() == null ? "nie" : form.ende();
		if (end.equals("datum")) {
			until = date(form.bis());
			if (until == null) {
				errors.put("bis", "calendar.error.until");
			}
			else if (start != null && until.isBefore(start)) {
				errors.put("bis", "calendar.error.untilBeforeStart");
			}
		}
		else if (end.equals("anzahl")) {
			try {
				count = Integer.valueOf(trim(form.anzahl()));
			}
			catch (NumberFormatException e) {
				count = -1;
			}
			if (count < 1 || count > 1000) {
				errors.put("anzahl", "calendar.error.count");
			}
		}
		EventDraft.MonthlyBy monthly = switch (form.monthly()) {
			case "wochentag" -> EventDraft.MonthlyBy.WEEKDAY;
			case "letzter" -> EventDraft.MonthlyBy.LAST_WEEKDAY;
			default -> EventDraft.MonthlyBy.DAY;
		};
		if (frequency == Frequency.MONTHLY && monthly == EventDraft.MonthlyBy.LAST_WEEKDAY && start != null && !EventDraft.MonthlyBy.last(start)) {
			errors.put("monatlich", "calendar.error.monthlyLast");
		}
		return new Repeat(frequency, days, until, count, frequency == Frequency.MONTHLY ? monthly : EventDraft.MonthlyBy.DAY);
	}

	/** An IANA region zone (or UTC) the JDK knows; null for anything else. */
	static java.time.ZoneId zone(String id) {
		if (id == null || !(id.equals("UTC") || id.contains("/")) || !java.time.ZoneId.getAvailableZoneIds().contains(id)) {
			return null;
		}
		return java.time.ZoneId.of(id);
	}

	private static LocalDate date(String value) {
		try {
			LocalDate date = LocalDate.parse(trim(value));
			return date.getYear() < 1900 || date.getYear() > 2200 ? null : date;
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	private static LocalTime time(String value) {
		try {
			return LocalTime.parse(trim(value));
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	private static String trim(String value) {
		return value == null ? "" : value.strip();
	}
}
