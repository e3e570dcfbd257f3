package de.schulhaus.mail.lists;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The local part of a group's list address, made from the group's name: lower case, umlauts written
 * out (ä → ae, ß → ss), other accents dropped, every other character a '-' ("Q1 Mathe LK" → q1-mathe-lk).
 */
final class ListNames {

	static final int MAX = 64;
	private static final String FALLBACK = "gruppe";

	private ListNames() {
	}

	static String base(String groupName) {
		String lower = (groupName == null ? "" : groupName).strip().toLowerCase(Locale.GERMAN)
			.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
		// ä/ö/ü written with combining marks must still become ae/oe/ue
		String plain = Normalizer.normalize(lower, Normalizer.Form.NFD)
			.replace("a\u0308", "ae").replace("o\u0308", "oe").replace("u\u0308", "ue").replaceAll("\\p{M}+", "");
		String dashed = plain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (dashed.length() > MAX - 4) {
			// room for a "-99" suffix
			dashed = dashed.substring(0, MAX - 4).replaceAll("-+$", "");
		}
		return dashed.isEmpty() ? FALLBACK : dashed;
	}

	/** The n-th choice for a base: the base itself, then base-2, base-3, … */
	static String candidate(String base, int n) {
		return n <= 1 ? base : base + "-" + n;
	}

	/** Whether a list's current local part is what the group's name gives (itself or with a number). */
	static boolean fits(String localPart, String base) {
		return localPart.equals(base) || (localPart.startsWith(base + "-") && localPart.substring(base.length() + 1).matches("[2-9]|[1-9][0-9]+"));
	}
}
