package de.schulhaus.schools;

/** The school forms of North Rhine-Westphalia. */
public enum SchoolType {
	GRUNDSCHULE, HAUPTSCHULE, REALSCHULE, SEKUNDARSCHULE, GESAMTSCHULE, GYMNASIUM, FOERDERSCHULE, BERUFSKOLLEG,
	WEITERBILDUNGSKOLLEG;

	/** Accepts the upper-case code and common spellings from CSV files ("Gymnasium", "Förderschule"). */
	public static java.util.Optional<SchoolType> parse(String value) {
		if (value == null) {
			return java.util.Optional.empty();
		}
		String normalized = value.trim().toUpperCase(java.util.Locale.ROOT).replace("Ö", "OE").replace("Ü", "UE")
			.replace("Ä", "AE").replace("-", "").replace(" ", "");
		for (SchoolType type : values()) {
			if (type.name().equals(normalized)) {
				return java.util.Optional.of(type);
			}
		}
		return java.util.Optional.empty();
	}
}
