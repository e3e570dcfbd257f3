package de.schulhaus.schools;

import de.schulhaus.platform.Role;

/**
 * Storage quotas of a school, in megabytes: per role for files and mail (what a person gets unless
 * their admin sets their own), for a group's file space, and for the school-wide space ("Schule") and the
 * office's ("Verwaltung").
 */
public record Quotas(long teacherFilesMb, long teacherMailMb, long pupilFilesMb, long pupilMailMb, long staffFilesMb, long staffMailMb,
		long adminFilesMb, long adminMailMb, long groupFilesMb, long schoolFilesMb, long officeFilesMb) {

	public static final Quotas DEFAULTS = new Quotas(5 * 1024, 1024, 1024, 512, 5 * 1024, 1024, 5 * 1024, 1024, 10 * 1024, 10 * 1024,
			10 * 1024);

	/** A person's file space by role (people from outside the school count as pupils do). */
	public long filesMb(Role role) {
		return switch (role) {
			case TEACHER -> teacherFilesMb;
			case PUPIL, EXTERN -> pupilFilesMb;
			case STAFF -> staffFilesMb;
			case SCHOOL_ADMIN, OPERATOR -> adminFilesMb;
		};
	}

	public long mailMb(Role role) {
		return switch (role) {
			case TEACHER -> teacherMailMb;
			case PUPIL, EXTERN -> pupilMailMb;
			case STAFF -> staffMailMb;
			case SCHOOL_ADMIN, OPERATOR -> adminMailMb;
		};
	}

	boolean anyNegative() {
		return teacherFilesMb < 0 || teacherMailMb < 0 || pupilFilesMb < 0 || pupilMailMb < 0 || staffFilesMb < 0 || staffMailMb < 0
				|| adminFilesMb < 0 || adminMailMb < 0 || groupFilesMb < 0 || schoolFilesMb < 0 || officeFilesMb < 0;
	}
}
