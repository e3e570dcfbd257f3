package de.schulhaus.files.web;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import de.schulhaus.accounts.AccountManagement;

/** Names of the people a page mentions, all looked up in one query; a gone account has no name (null). */
final class PersonNames {

	private final Map<UUID, String> names;

	PersonNames(AccountManagement accounts, UUID school, Collection<UUID> people) {
		this.names = accounts.names(school, people);
	}

	String of(UUID account) {
		return account == null ? null : names.get(account);
	}
}
