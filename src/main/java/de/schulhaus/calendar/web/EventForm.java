package de.schulhaus.calendar.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import de.schulhaus.calendar.internal.EventDraft;

/**
 * The event dialog's fields as sent (German names, like the rest of the web's URLs and forms).
 *
 * @param bisDatum the last day of an all-day event, inclusive; the end date of a timed one
 * @param ende how a repetition ends: {@code nie}, {@code datum} (at {@code bis}) or {@code anzahl}
 * @param umfang for an instance of a series: {@code dieses}, {@code folgende} or {@code alle}
 * @param teilnehmende the chosen attendees: {@code person:<id>} and {@code gruppe:<id>} for new ones, the address of one the event names
 * @param gezeigt the addresses of the attendees the dialog showed (an unticked one is removed)
 * @param anhaenge the attachments to keep or add: a stored line's key ({@code uri:…}, {@code eingebettet:<n>}) or a picked cloud
 *                 file ({@code datei:<id>}); null when the form had no attachments (the dialog always sends an empty value), which keeps them
 * @param sichtbarkeit {@code alle} (everyone who sees the calendar sees everything) or {@code belegt} (who only reads it sees just
 *                     that the time is taken); null keeps what the event says
 * @param raeume the ids of the school's rooms and equipment to book; null when the form had no rooms (the dialog always sends an
 *               empty value), which keeps those the event names
 * @param zeitzone the zone the times are given in (an IANA id, {@code Europe/Berlin} when missing)
 * @param monatlich how a monthly repetition falls: {@code tag} (the start's day of the month), {@code wochentag} (its weekday as the n-th
 *                  in the month) or {@code letzter} (the last such weekday)
 */
record EventForm(String titel, String kalender, Boolean ganztags, String vonDatum, String vonZeit, String bisDatum, String bisZeit, String ort,
		String beschreibung, String wiederholung, List<String> tage, String ende, String bis, String anzahl, String erinnerung, String umfang,
		String instanz, String name, String ansicht, List<String> teilnehmende, List<String> gezeigt, List<String> anhaenge, String sichtbarkeit,
		List<String> raeume, String zeitzone, String monatlich) {

	EventForm {
		teilnehmende = teilnehmende == null ? List.of() : teilnehmende.stream().filter(v -> v != null && !v.isBlank()).distinct().limit(600).toList();
		gezeigt = gezeigt == null ? List.of() : gezeigt.stream().filter(v -> v != null && !v.isBlank()).distinct().limit(600).toList();
		// more than the limit stay in the list, so the check can say so instead of dropping some silently
		anhaenge = anhaenge == null ? null : anhaenge.stream().filter(v -> v != null && !v.isBlank()).distinct().limit(200).toList();
		raeume = raeume == null ? null : raeume.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().limit(200).toList();
	}

	/** The dialog of a stored event with its attendees ticked. */
	EventForm withAttendees(List<String> addresses) {
		return new EventForm(titel, kalender, ganztags, vonDatum, vonZeit, bisDatum, bisZeit, ort, beschreibung, wiederholung, tage, ende, bis, anzahl,
				erinnerung, umfang, instanz, name, ansicht, addresses, addresses, anhaenge, sichtbarkeit, raeume, zeitzone, monatlich);
	}

	/** The dialog of a stored event with the rooms it books ticked. */
	EventForm withRooms(List<String> ids) {
		return new EventForm(titel, kalender, ganztags, vonDatum, vonZeit, bisDatum, bisZeit, ort, beschreibung, wiederholung, tage, ende, bis, anzahl,
				erinnerung, umfang, instanz, name, ansicht, teilnehmende, gezeigt, anhaenge, sichtbarkeit, ids, zeitzone, monatlich);
	}

	/** Whether the dialog shows this room or piece of equipment ticked. */
	public boolean room(String id) {
		return raeume != null && raeume.contains(id);
	}

	static final List<String> REPEATS = List.of("keine", "taeglich", "woechentlich", "monatlich", "jaehrlich");
	static final List<String> REMINDERS = List.of("keine", "10m", "1h", "1d");

	/** The zones the dialog offers: the school's first, then those of partner schools and trips most often met. */
	static final List<String> ZONES = List.of("Europe/Berlin", "UTC", "Europe/London", "Europe/Lisbon", "Europe/Paris", "Europe/Madrid",
			"Europe/Rome", "Europe/Warsaw", "Europe/Helsinki", "Europe/Athens", "Europe/Kyiv", "Europe/Istanbul", "Europe/Moscow",
			"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo", "Africa/Cairo",
			"Africa/Johannesburg", "Asia/Dubai", "Asia/Kolkata", "Asia/Bangkok", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney",
			"Pacific/Auckland");

	/** The zone the dialog shows chosen. */
	public String zone() {
		return zeitzone == null || zeitzone.isBlank() ? ZONES.get(0) : zeitzone.strip();
	}

	/** How the dialog shows a monthly repetition: tag, wochentag or letzter. */
	public String monthly() {
		return monatlich == null || monatlich.isBlank() ? "tag" : monatlich;
	}

	public boolean allDay() {
		return Boolean.TRUE.equals(ganztags);
	}

	/** Whether the dialog shows "only as busy" chosen. */
	public boolean busyOnly() {
		return "belegt".equals(sichtbarkeit);
	}

	public boolean day(String code) {
		return tage != null && tage.contains(code);
	}

	/**
	 * A new event from a clicked day (08:00 for an hour), a clicked slot (an hour from there) or a span dragged
	 * in the week or day view.
	 */
	static EventForm starting(LocalDateTime start, LocalDateTime end, String calendar, String view) {
		return new EventForm("", calendar, false, start.toLocalDate().toString(), time(start), end.toLocalDate().toString(), time(end), "", "",
				"keine", List.of(code(start.getDayOfWeek())), "nie", "", "", "keine", "alle", null, null, view, List.of(), List.of(), null, "alle",
				List.of(), ZONES.get(0), "tag");
	}

	/** The dialog filled from a stored event. */
	static EventForm of(EventDraft draft, String calendar, String name, String instance, String view) {
		LocalDateTime end = draft.allDay() ? draft.end().minusDays(1) : draft.end();
		EventDraft.Repeat repeat = draft.repeat();
		String repeats = switch (repeat.frequency()) {
			case NONE -> "keine";
			case DAILY -> "taeglich";
			case WEEKLY -> "woechentlich";
			case MONTHLY -> "monatlich";
			case YEARLY -> "jaehrlich";
			case KEEP -> "beibehalten";
		};
		List<String> days = repeat.days().isEmpty() ? List.of(code(draft.start().getDayOfWeek())) : repeat.days().stream().sorted().map(EventForm::code).toList();
		String reminder = switch (draft.reminder()) {
			case NONE -> "keine";
			case MINUTES_10 -> "10m";
			case HOUR_1 -> "1h";
			case DAY_1 -> "1d";
			case KEEP -> "beibehalten";
		};
		return new EventForm(draft.summary(), calendar, draft.allDay(), draft.start().toLocalDate().toString(), time(draft.start()),
				end.toLocalDate().toString(), time(end), draft.location(), draft.description(), repeats, days,
				repeat.until() != null ? "datum" : repeat.count() != null ? "anzahl" : "nie", repeat.until() == null ? "" : repeat.until().toString(),
				repeat.count() == null ? "" : repeat.count().toString(), reminder, "alle", instance, name, view, List.of(), List.of(), null,
				draft.visibility() == EventDraft.Visibility.BUSY ? "belegt" : "alle", List.of(), draft.zone().getId(),
				switch (repeat.monthly()) {
					case DAY -> "tag";
					case WEEKDAY -> "wochentag";
					case LAST_WEEKDAY -> "letzter";
				});
	}

	/** A weekday in the form: mo, di, mi, do, fr, sa, so. */
	static String code(DayOfWeek day) {
		return CODES.get(day.getValue() - 1);
	}

	private static final List<String> CODES = List.of("mo", "di", "mi", "do", "fr", "sa", "so");

	private static String time(LocalDateTime time) {
		return time.toLocalTime().equals(LocalTime.MIDNIGHT) && time.getSecond() == 0 ? "00:00" : time.toLocalTime().toString().substring(0, 5);
	}

	LocalDate startDate() {
		try {
			return LocalDate.parse(vonDatum);
		}
		catch (RuntimeException e) {
			return null;
		}
	}
}
