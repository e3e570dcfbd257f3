package de.schulhaus.contacts;

import java.util.Map;
import java.util.UUID;

/**
 * The mail addresses a school's groups are written to (their lists), offered by the mail module when it runs:
 * the directory puts them on the groups' cards, so a phone's address book writes to "9c" as to a person.
 */
public interface GroupAddresses {

	/** Group id to address, for the school's groups that have one. */
	Map<UUID, String> of(UUID schoolId);
}
