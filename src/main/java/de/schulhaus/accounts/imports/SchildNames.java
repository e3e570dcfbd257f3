package de.schulhaus.accounts.imports;

/** Works out given and family name of a SchILD person when the structured name parts are incomplete. */
final class SchildNames {

	private SchildNames() {
	}

	/**
	 * Returns {@code [given, family]}, or {@code null} when no complete name can be found. The formatted name
	 * {@code fn} is only used to fill a missing part, because splitting "Lukas Ole von der Heide" by guessing is
	 * wrong more often than not; when one part is known, the rest of {@code fn} is the other part.
	 */
	static String[] of(String given, String family, String fn) {
		if (given != null && family != null) {
			return new String[] { given, family };
		}
		if (fn == null) {
			return null;
		}
		if (family != null && fn.endsWith(family) && fn.length() > family.length()) {
			return complete(fn.substring(0, fn.length() - family.length()).strip(), family);
		}
		if (given != null && fn.startsWith(given) && fn.length() > given.length()) {
			return complete(given, fn.substring(given.length()).strip());
		}
		if (given == null && family == null) {
			int space = fn.lastIndexOf(' ');
			if (space > 0) {
				return complete(fn.substring(0, space).strip(), fn.substring(space + 1).strip());
			}
		}
		return null;
	}

	private static String[] complete(String given, String family) {
		return (given.isEmpty() || family.isEmpty()) ? null : new String[] { given, family };
	}

}
