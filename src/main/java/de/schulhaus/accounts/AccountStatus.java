package de.schulhaus.accounts;

/** Whether a person can sign in. Deactivated and marked accounts keep all their data. */
public enum AccountStatus {
	ACTIVE,
	DEACTIVATED,
	/** Missing from the last full roster import; waits for the admin to confirm the deletion. */
	MARKED_FOR_DELETION
}
