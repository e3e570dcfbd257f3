package de.schulhaus.accounts.imports;

/** Checks for single values; the limits protect the account tables and the letters printed from them. */
final class FieldChecks {

	static final int MAX_LENGTH = 100;

	private FieldChecks() {
	}

	/**
	 * Trims a cell. Spreadsheets often carry no-break spaces around values, which users cannot see, so they are
	 * trimmed as well.
	 */
	static String clean(String value) {
		if (value == null) {
			return "";
		}
		return value.replace('\u00A0', ' ').strip();
	}

	/**
	 * A name, id or group name is usable when it is short enough and has no control characters. U+FFFD is refused
	 * too: it means the file was saved in an encoding we could not decode, and the name would be wrong.
	 */
	static boolean isValid(String value) {
		if (value.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) || c == '\uFFFD' || c == '\u2028' || c == '\u2029') {
				return false;
			}
		}
		return true;
	}

}
