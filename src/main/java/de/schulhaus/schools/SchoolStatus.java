package de.schulhaus.schools;

/** Where a school is in its rollout. */
public enum SchoolStatus {
	/** Created by the operator, not yet in use. */
	PROVISIONED,
	ACTIVE,
	/** Nobody of the school can sign in; data is kept. */
	SUSPENDED,
	/**
	 * Deleted by the operator: nobody can sign in and the modules remove the school's data. The row
	 * stays, so that its number and mail domain are not handed out again by mistake.
	 */
	DELETED
}
