package de.schulhaus.contacts.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A personal address book.
 *
 * @param revision counts the changes of its cards: CTag and sync token
 * @param stored whether it has a row (the default book gets one at its first change)
 * @param removable false for the default book, which stays
 */
public record AddressBook(UUID id, UUID schoolId, UUID ownerId, String slug, String name, String description, long revision, boolean stored,
		boolean removable, Instant updated) {
}
