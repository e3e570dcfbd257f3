package de.schulhaus.files.internal;

/** What a space belongs to, which decides who sees it and who changes it. */
public enum SpaceKind {
	/** "Meine Dateien": one person's own files. */
	PERSONAL,
	/** A class, course or staff group: its members. */
	GROUP,
	/** The whole school reads; school admins and (as the school sets it) teachers and staff write. */
	SCHOOL,
	/** The school office ("Verwaltung"): staff and school admins; pupils and teachers never see it. */
	OFFICE
}
