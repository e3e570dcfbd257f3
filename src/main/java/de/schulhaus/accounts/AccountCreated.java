package de.schulhaus.accounts;

import java.util.UUID;

import de.schulhaus.platform.Role;

/** An account was created; e.g. mail sets up the mailbox of the service address. */
public record AccountCreated(UUID accountId, UUID schoolId, String login, Role role) {
}
