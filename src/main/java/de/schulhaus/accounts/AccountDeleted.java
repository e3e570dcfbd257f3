package de.schulhaus.accounts;

import java.util.UUID;

/** An account was deleted for good; modules remove what belonged to the person. */
public record AccountDeleted(UUID accountId, UUID schoolId) {
}
