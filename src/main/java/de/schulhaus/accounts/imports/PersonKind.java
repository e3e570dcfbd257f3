package de.schulhaus.accounts.imports;

/** What kind of account a roster person becomes. */
public enum PersonKind {

	TEACHER, PUPIL, STAFF, EXTERN

}
