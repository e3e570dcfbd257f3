package de.schulhaus.platform;

import java.util.UUID;

import org.springframework.security.access.AccessDeniedException;

/**
 * The one rule of tenancy: a person reaches their own school's records, the operator reaches all.
 * Another school's id answers exactly like a missing one.
 */
public final class Tenancy {

	private Tenancy() {
	}

	/** Throws {@link NotFoundException} unless the user may see records of the school. */
	public static void requireSchool(SchulhausUser user, UUID schoolId, String what) {
		if (user == null || schoolId == null) {
			throw new NotFoundException(what);
		}
		if (!user.is(Role.OPERATOR) && !schoolId.equals(user.schoolId())) {
			throw new NotFoundException(what);
		}
	}

	/** Like {@link #requireSchool} and also requires school admin (or operator) rights. */
	public static void requireSchoolAdmin(SchulhausUser user, UUID schoolId, String what) {
		requireSchool(user, schoolId, what);
		if (!user.is(Role.OPERATOR) && !user.is(Role.SCHOOL_ADMIN)) {
			throw new AccessDeniedException("school admin rights needed");
		}
	}
}
