package de.schulhaus.accounts.imports;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the words schools use for account types to {@link PersonKind}. Shared by the SchILD and table readers so
 * that both accept the same spellings.
 */
final class Kinds {

	private static final Map<String, PersonKind> KINDS = new HashMap<>();

	static {
		put(PersonKind.TEACHER, "lehrkraft", "lehrer", "lehrerin", "lehrer*in", "lehrer:in", "lehrer_in", "teacher",
				"faculty", "instructor");
		put(PersonKind.PUPIL, "schueler*in", "schueler", "schuelerin", "schueler:in", "schueler_in", "sus", "pupil",
				"student", "learner");
		put(PersonKind.STAFF, "personal", "verwaltung", "sekretariat", "staff");
		put(PersonKind.EXTERN, "extern", "externe", "externer", "external");
	}

	private Kinds() {
	}

	/** Returns the kind for a value like "Schüler*in" or "faculty", or {@code null} if the value is unknown. */
	static PersonKind parse(String value) {
		if (value == null) {
			return null;
		}
		return KINDS.get(normalize(value));
	}

	// Umlauts are folded so that "Schüler", "Schueler" and "SCHÜLER" are the same word.
	static String normalize(String value) {
		String lower = value.strip().toLowerCase(Locale.ROOT);
		StringBuilder out = new StringBuilder(lower.length() + 4);
		for (int i = 0; i < lower.length(); i++) {
			char c = lower.charAt(i);
			switch (c) {
				case 'ä' -> out.append("ae");
				case 'ö' -> out.append("oe");
				case 'ü' -> out.append("ue");
				case 'ß' -> out.append("ss");
				case ' ', '\u00A0' -> {
					// "Schüler *in" and "Schüler*in" mean the same
				}
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	private static void put(PersonKind kind, String... words) {
		for (String word : words) {
			KINDS.put(word, kind);
		}
	}

}
