package de.schulhaus.platform;

/**
 * The result of walking the audit log's hash chain ({@link AuditLog#verify()}).
 *
 * @param intact no entry changed, missing, moved or added, and the chain ends where its head says
 * @param entriesChecked entries walked, from {@code startSequence} on
 * @param firstBrokenSequence number of the first entry where the chain breaks; {@code null} when none does
 * @param reason why it breaks there; {@code null} when it does not
 * @param tailMatchesHead the last entry is the one the chain's head records, and none follows it
 * @param startSequence first entry kept (older ones were deleted after the retention period)
 * @param headSequence last entry according to the head
 */
public record AuditVerification(boolean intact, long entriesChecked, Long firstBrokenSequence, Reason reason,
		boolean tailMatchesHead, long startSequence, long headSequence) {

	public enum Reason {
		/** The entry's fields or address no longer match its hash. */
		EDITED,
		/** The entry with this number is gone. */
		MISSING,
		/** The entry does not follow the one before it: moved, or inserted or replaced with a new hash. */
		REORDERED,
		/** The entry lies outside the chain (before its start or after its head). */
		INSERTED
	}
}
