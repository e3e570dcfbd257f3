package de.schulhaus.accounts.imports;

/** Where a roster came from; {@code CSV} also covers XLSX and ODS table files. */
public enum RosterSource {

	SCHILD, CSV

}
