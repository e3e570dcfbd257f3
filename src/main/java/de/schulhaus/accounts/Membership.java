package de.schulhaus.accounts;

import java.util.UUID;

/** A person in a group; leaders are class teachers and course teachers. */
public record Membership(UUID groupId, String groupName, UUID accountId, String displayName, String login, boolean leader) {
}
