package de.schulhaus.calendar.web;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import de.schulhaus.calendar.internal.Calendar;

/**
 * A colour per calendar: its own (a client's "#RRGGBB" or "#RRGGBBAA") or one of a palette by its place
 * in the person's list, with black or white text, whichever contrasts more (always at least 4.5:1).
 * Served as a small stylesheet, since the page's Content-Security-Policy allows no inline styles.
 */
final class CalendarColors {

	private static final List<String> PALETTE = List.of("#1d5fa8", "#146c2e", "#8e3a9d", "#b42318", "#a14b00", "#0b6e75", "#5a48b0", "#6b5a00");
	private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?");

	private CalendarColors() {
	}

	static String background(Calendar calendar, int index) {
		String own = calendar.color();
		if (own != null && HEX.matcher(own.trim()).matches()) {
			return own.trim().substring(0, 7).toLowerCase(Locale.ROOT);
		}
		return PALETTE.get(index % PALETTE.size());
	}

	/** Black or white, whichever has the higher contrast ratio with the background. */
	static String text(String background) {
		double l = luminance(background);
		double withBlack = (l + 0.05) / 0.05;
		double withWhite = 1.05 / (l + 0.05);
		return withBlack >= withWhite ? "#000000" : "#ffffff";
	}

	static double luminance(String hex) {
		double r = channel(Integer.parseInt(hex.substring(1, 3), 16));
		double g = channel(Integer.parseInt(hex.substring(3, 5), 16));
		double b = channel(Integer.parseInt(hex.substring(5, 7), 16));
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	}

	private static double channel(int value) {
		double c = value / 255.0;
		return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}

	/** The rules for the person's calendars in their order: {@code .cal-0 { --cal-bg: ...; --cal-fg: ... }}. */
	static String stylesheet(List<Calendar> calendars) {
		StringBuilder css = new StringBuilder();
		for (int i = 0; i < calendars.size(); i++) {
			String background = background(calendars.get(i), i);
			css.append(".cal-").append(i).append(" { --cal-bg: ").append(background).append("; --cal-fg: ").append(text(background)).append("; }\n");
		}
		return css.toString();
	}

	/** Changes when a colour or the order changes, for the stylesheet's URL (cached for good). */
	static String version(List<Calendar> calendars) {
		return Integer.toHexString(stylesheet(calendars).hashCode());
	}
}
