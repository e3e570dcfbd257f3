package de.schulhaus.mail.internal;

import java.util.UUID;

/**
 * A folder of a mailbox, named by its full path with {@code /} between levels.
 *
 * @param specialUse what it is for, or null for the person's own folders
 * @param uidValidity changes only when a folder of this name is made anew, so clients know their UIDs are void
 * @param uidNext the UID the next message will get
 * @param highestModseq the modification sequence of the folder's latest change
 */
public record MailFolder(UUID id, UUID schoolId, UUID mailboxId, String name, SpecialUse specialUse, long uidValidity, long uidNext,
		long highestModseq, boolean subscribed) {

	public boolean inbox() {
		return specialUse == SpecialUse.INBOX;
	}
}
