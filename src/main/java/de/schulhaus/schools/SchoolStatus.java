package de.schulhaus.schools;

/** Where a school is in its rollout. */
public enum SchoolStatus {
	/** Created by the operator, not yet in use. */
	PROVISIONED,
	ACTIVE,
	/** Nobody of the school can sign in; data is kept. */
	SUSPENDED
}
