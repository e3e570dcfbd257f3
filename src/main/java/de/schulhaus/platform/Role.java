package de.schulhaus.platform;

/** What a person is at a school; decides what they may see and do. */
public enum Role {
	/** Runs the platform for many schools; belongs to no school. */
	OPERATOR,
	/** Administers one school: people, groups, imports. */
	SCHOOL_ADMIN,
	TEACHER,
	/** Office staff (Sekretariat, Verwaltung). */
	STAFF,
	PUPIL,
	/** People from outside the school's staff, e.g. from a partner school. */
	EXTERN;

	public String authority() {
		return "ROLE_" + name();
	}

	/** Operator and school admins must use two-factor sign-in. */
	public boolean requiresTwoFactor() {
		return this == OPERATOR || this == SCHOOL_ADMIN;
	}
}
