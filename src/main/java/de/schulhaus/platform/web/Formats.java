package de.schulhaus.platform.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and sizes the way German schools write them (29.11.2026, 08:00 Uhr, 1,5 GB), in the
 * school's time zone. Templates call it as {@code ${@fmt.dateTime(x)}}.
 */
@Component("fmt")
public class Formats {

	static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
	private static final DateTimeFormatter TIME_DE = DateTimeFormatter.ofPattern("HH:mm 'Uhr'");
	private static final DateTimeFormatter TIME_EN = DateTimeFormatter.ofPattern("HH:mm");

	public String date(Instant instant) {
		return instant == null ? "–" : DATE.format(instant.atZone(ZONE));
	}

	public String dateTime(Instant instant) {
		if (instant == null) {
			return "–";
		}
		boolean german = !Locale.ENGLISH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
		return DATE.format(instant.atZone(ZONE)) + ", " + (german ? TIME_DE : TIME_EN).format(instant.atZone(ZONE));
	}

	/** Bytes as "0 MB", "12 MB" or "1,5 GB": storage as people think of it, rounded up to whole megabytes. */
	public String bytes(long bytes) {
		return megabytes(bytes <= 0 ? 0 : (bytes + 1024 * 1024 - 1) / (1024 * 1024));
	}

	/** One file's size as "68 Bytes", "12,3 KB" or "4,5 MB" (decimal comma in German): a file, not a quota. */
	public String fileSize(long bytes) {
		String[] units = { "Bytes", "KB", "MB", "GB" };
		double value = Math.max(0, bytes);
		int unit = 0;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		if (unit == 0) {
			return (long) value + " " + units[0];
		}
		double rounded = Math.round(value * 10) / 10.0;
		String number = rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.format(LocaleContextHolder.getLocale(), "%.1f", rounded);
		return number + " " + units[unit];
	}

	/** Megabytes as "512 MB" or "1,5 GB" (decimal comma in German). */
	public String megabytes(long mb) {
		Locale locale = LocaleContextHolder.getLocale();
		if (mb < 1024) {
			return mb + " MB";
		}
		double gb = mb / 1024.0;
		String number = gb == Math.rint(gb) ? String.valueOf((long) gb) : String.format(locale, "%.1f", gb);
		return number + " GB";
	}
}
