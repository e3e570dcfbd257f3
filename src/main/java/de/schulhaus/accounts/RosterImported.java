package de.schulhaus.accounts;

import java.util.UUID;

/**
 * A roster import was applied: the summary, published after the batched {@link AccountsChanged},
 * {@link GroupsChanged} and {@link MembershipsChanged} events of the same transaction, for modules
 * that rather resynchronise a school once than follow each change.
 */
public record RosterImported(UUID schoolId, int created, int updated, int moved, int markedForDeletion) {
}
