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
