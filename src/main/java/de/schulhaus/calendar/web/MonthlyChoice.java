package de.schulhaus.calendar.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

import de.schulhaus.calendar.internal.EventDraft.MonthlyBy;

/**
 * How a monthly repetition can fall, said for the start's date: "am 14. jeden Monats", "jeden 2. Dienstag",
 * "jeden letzten Dienstag" (only when that weekday does not come again in the month). The dialog's script says
 * the same again when the start's date changes, from the patterns it carries.
 */
record MonthlyChoice(String value, String label, boolean offered) {

	static List<MonthlyChoice> of(LocalDate start, CalendarFormats formats, MessageSource messages, Locale locale) {
		LocalDate day = start == null ? LocalDate.now(CalendarFormats.ZONE) : start;
		String weekday = formats.weekdayLong(day);
		int ordinal = MonthlyBy.ordinal(day);
		List<MonthlyChoice> choices = new ArrayList<>();
		choices.add(new MonthlyChoice("tag", messages.getMessage("calendar.monthly.day", new Object[] { String.valueOf(day.getDayOfMonth()) }, locale),
				true));
		choices.add(new MonthlyChoice("wochentag",
				messages.getMessage("calendar.monthly.weekday", new Object[] { ordinal(Math.min(ordinal, 4), messages, locale), weekday }, locale),
				ordinal <= 4));
		choices.add(new MonthlyChoice("letzter", messages.getMessage("calendar.monthly.last", new Object[] { weekday }, locale), MonthlyBy.last(day)));
		return choices;
	}

	/** "2." or "2nd". */
	static String ordinal(int n, MessageSource messages, Locale locale) {
		return messages.getMessage("calendar.monthly.ordinal." + n, null, locale);
	}

	/** For the script: the ordinals 1 to 4 and the weekdays Monday to Sunday in the person's language, comma-separated. */
	static String ordinals(MessageSource messages, Locale locale) {
		return String.join(",", java.util.stream.IntStream.rangeClosed(1, 4).mapToObj(n -> ordinal(n, messages, locale)).toList());
	}

	static String weekdays(CalendarFormats formats) {
		LocalDate monday = LocalDate.of(2026, 11, 30);
		return String.join(",", java.util.stream.IntStream.range(0, 7).mapToObj(n -> formats.weekdayLong(monday.plusDays(n))).toList());
	}
}
