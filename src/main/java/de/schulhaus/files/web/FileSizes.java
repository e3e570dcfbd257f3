package de.schulhaus.files.web;

import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** File sizes as people read them: "812 Byte", "34 KB", "1,5 MB", "2,3 GB" (decimal comma in German). Templates call {@code ${@fileSizes.text(x)}}. */
@Component("fileSizes")
class FileSizes {

	private static final String[] UNITS = { "KB", "MB", "GB", "TB" };

	public String text(long bytes) {
		return text(bytes, LocaleContextHolder.getLocale());
	}

	static String text(long bytes, Locale locale) {
		if (bytes < 1024) {
			return bytes + (Locale.GERMAN.getLanguage().equals(locale.getLanguage()) ? " Byte" : " bytes");
		}
		double value = bytes;
		int unit = -1;
		do {
			value /= 1024;
			unit++;
		}
		while (value >= 1024 && unit < UNITS.length - 1);
		String number = value >= 100 ? String.valueOf(Math.round(value)) : String.format(locale, "%.1f", value);
		if (number.endsWith(",0") || number.endsWith(".0")) {
			number = number.substring(0, number.length() - 2);
		}
		return number + " " + UNITS[unit];
	}
}
