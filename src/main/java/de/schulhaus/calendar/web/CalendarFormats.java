package de.schulhaus.calendar.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** Dates and times of the views in the person's language: "Dienstag, 1. Dezember 2026", "KW 49", "08:00". */
final class CalendarFormats {

	static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final Locale locale;

	CalendarFormats(Locale locale) {
		this.locale = Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Locale.UK : Locale.GERMANY;
	}

	public boolean german() {
		return locale.equals(Locale.GERMANY);
	}

	public Locale locale() {
		return locale;
	}

	public String month(LocalDate date) {
		return DateTimeFormatter.ofPattern("LLLL yyyy", locale).format(date);
	}

	/** "Dienstag, 1. Dezember 2026" */
	public String day(LocalDate date) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(date);
	}

	/** "1. Dezember 2026" */
	public String date(LocalDate date) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
	}

	/** "Di., 1.12." or "Tue 1/12" for column heads */
	public String dayHead(LocalDate date) {
		return DateTimeFormatter.ofPattern(german() ? "EE d.M." : "EEE d/M", locale).format(date);
	}

	/** "Mo" or "Mon" for the month's column heads */
	public String weekdayShort(LocalDate date) {
		String name = DateTimeFormatter.ofPattern("EE", locale).format(date);
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

	public String weekdayLong(LocalDate date) {
		return DateTimeFormatter.ofPattern("EEEE", locale).format(date);
	}

	public static int week(LocalDate date) {
		return date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
	}

	public String time(Instant instant) {
		return TIME.format(instant.atZone(ZONE));
	}

	public String time(LocalDateTime time) {
		return TIME.format(time);
	}

	/** "08:00 Uhr" in German, "08:00" in English. */
	public String clock(LocalDateTime time) {
		return TIME.format(time) + (german() ? " Uhr" : "");
	}
}
