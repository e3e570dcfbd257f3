package de.schulhaus.accounts.imports;

import java.util.Arrays;

/** Stores a confirmed column mapping with its upload, as one line of text. */
final class ColumnMappings {

	private static final String SEPARATOR = "\u001f";

	private ColumnMappings() {
	}

	static String format(ColumnMapping m) {
		return String.join(SEPARATOR, nz(m.sourceId()), nz(m.lastName()), nz(m.firstName()), nz(m.group()), nz(m.kind()));
	}

	static ColumnMapping parse(String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		String[] p = Arrays.copyOf(value.split(SEPARATOR, -1), 5);
		return new ColumnMapping(blank(p[0]), blank(p[1]), blank(p[2]), blank(p[3]), blank(p[4]));
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

	private static String blank(String s) {
		return s == null || s.isEmpty() ? null : s;
	}
}
