package de.schulhaus.accounts.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Service addresses {@code vorname.nachname@domain}: German umlauts and ß transliterated the way
 * Germans write them without umlauts (ä → ae, ß → ss), other accents dropped, spaces become hyphens;
 * a taken address gets a number (anna.mueller, anna.mueller2, ...).
 */
public final class LoginNames {

	private LoginNames() {
	}

	public static String localPart(String firstName, String lastName) {
		String first = part(firstName);
		String last = part(lastName);
		if (first.isEmpty()) {
			return last.isEmpty() ? "person" : last;
		}
		return last.isEmpty() ? first : first + "." + last;
	}

	/** The first free address; {@code taken} answers whether an address is in use. */
	public static String unique(String firstName, String lastName, String domain, Predicate<String> taken) {
		String local = localPart(firstName, lastName);
		String candidate = local + "@" + domain;
		for (int n = 2; taken.test(candidate); n++) {
			candidate = local + n + "@" + domain;
		}
		return candidate;
	}

	static String part(String name) {
		if (name == null) {
			return "";
		}
		String s = name.strip().toLowerCase(Locale.GERMAN)
			.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
			.replace("æ", "ae").replace("œ", "oe").replace("ø", "o").replace("ł", "l").replace("đ", "d")
			.replace("ð", "d").replace("þ", "th").replace("ı", "i");
		// ä/ö/ü written with combining marks (NFD input) must still become ae/oe/ue
		s = Normalizer.normalize(s, Normalizer.Form.NFD)
			.replace("a\u0308", "ae").replace("o\u0308", "oe").replace("u\u0308", "ue")
			.replaceAll("\\p{M}+", "");
		s = s.replaceAll("[\\s_]+", "-").replaceAll("[^a-z0-9-]", "").replaceAll("-{2,}", "-");
		return s.replaceAll("^-+|-+$", "");
	}
}
