package de.schulhaus.files.internal;

import java.util.UUID;

import org.springframework.stereotype.Component;

import de.schulhaus.accounts.AccountManagement;

/** What kind of space an id names, for items reached by a share or a link rather than through the space itself. */
@Component
class SpaceKinds {

	private final AccountManagement accounts;

	SpaceKinds(AccountManagement accounts) {
		this.accounts = accounts;
	}

	/** The kinds of several spaces with one query for those that may be people's. */
	java.util.Map<UUID, SpaceKind> of(UUID school, java.util.Collection<UUID> spaceIds) {
		java.util.Set<UUID> people = accounts.names(school, spaceIds).keySet();
		java.util.Map<UUID, SpaceKind> kinds = new java.util.HashMap<>();
		for (UUID id : spaceIds) {
			kinds.put(id, id.equals(school) ? SpaceKind.SCHOOL : id.equals(Space.officeId(school)) ? SpaceKind.OFFICE
					: people.contains(id) ? SpaceKind.PERSONAL : SpaceKind.GROUP);
		}
		return kinds;
	}

	SpaceKind of(UUID school, UUID spaceId) {
		if (spaceId.equals(school)) {
			return SpaceKind.SCHOOL;
		}
		if (spaceId.equals(Space.officeId(school))) {
			return SpaceKind.OFFICE;
		}
		return accounts.find(school, spaceId).isPresent() ? SpaceKind.PERSONAL : SpaceKind.GROUP;
	}
}
