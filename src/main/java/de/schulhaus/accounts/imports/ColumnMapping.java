package de.schulhaus.accounts.imports;

import java.util.List;

/**
 * Which header of a table file holds which value. Each value is a header name as it appears in the file;
 * {@code group} may be {@code null} when the file has no group column.
 */
public record ColumnMapping(String sourceId, String lastName, String firstName, String group, String kind) {

	// Column names as schools write them, in order of preference: "Name" is only a last name if no "Nachname" exists.
	private static final List<String> SOURCE_ID = List.of("quellid", "sourceid", "id", "externeid");

	private static final List<String> LAST_NAME = List.of("nachname", "familienname", "lastname", "name");

	private static final List<String> FIRST_NAME = List.of("vorname", "rufname", "firstname");

	private static final List<String> GROUP = List.of("klassegruppe", "klasse", "gruppe", "kurs", "group", "class");

	private static final List<String> KIND = List.of("kontotyp", "typ", "rolle", "kind", "type", "role");

	/**
	 * Finds the default columns in a header row, ignoring case, spaces, hyphens and umlaut spellings.
	 * @throws RosterFormatException {@code import.error.missingColumn} if a required column is not found
	 */
	public static ColumnMapping detect(List<String> headers) {
		ColumnMapping mapping = guess(headers);
		mapping.resolve(headers);
		return mapping;
	}

	/** Like {@link #detect(List)}, but leaves columns it cannot find {@code null}; for the mapping step in the UI. */
	public static ColumnMapping guess(List<String> headers) {
		return new ColumnMapping(find(headers, SOURCE_ID), find(headers, LAST_NAME), find(headers, FIRST_NAME),
				find(headers, GROUP), find(headers, KIND));
	}

	/**
	 * Column positions of this mapping in a header row: exact names first, then the tolerant comparison, so a
	 * mapping saved from an earlier file still fits when only the spelling changed.
	 */
	Columns resolve(List<String> headers) {
		return new Columns(require(headers, this.sourceId, "Quell-Id"), require(headers, this.lastName, "Nachname"),
				require(headers, this.firstName, "Vorname"), (this.group != null) ? indexOf(headers, this.group) : -1,
				require(headers, this.kind, "Kontotyp"));
	}

	private static int require(List<String> headers, String header, String displayName) {
		int index = (header != null) ? indexOf(headers, header) : -1;
		if (index < 0) {
			throw new RosterFormatException("import.error.missingColumn", (header != null) ? header : displayName);
		}
		return index;
	}

	private static int indexOf(List<String> headers, String header) {
		int exact = headers.indexOf(header);
		if (exact >= 0) {
			return exact;
		}
		String wanted = normalize(header);
		for (int i = 0; i < headers.size(); i++) {
			if (normalize(headers.get(i)).equals(wanted)) {
				return i;
			}
		}
		return -1;
	}

	private static String find(List<String> headers, List<String> candidates) {
		for (String candidate : candidates) {
			for (String header : headers) {
				if (normalize(header).equals(candidate)) {
					return header;
				}
			}
		}
		return null;
	}

	// "Quell-Id", "Quell Id" and "QUELLID" are the same column; so are "Klasse/Gruppe" and "Klasse / Gruppe".
	static String normalize(String header) {
		String folded = Kinds.normalize(header);
		StringBuilder out = new StringBuilder(folded.length());
		for (int i = 0; i < folded.length(); i++) {
			char c = folded.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				out.append(c);
			}
		}
		return out.toString();
	}

	/** Positions of the mapped columns; {@code group} is -1 when there is none. */
	record Columns(int sourceId, int lastName, int firstName, int group, int kind) {
	}

}
