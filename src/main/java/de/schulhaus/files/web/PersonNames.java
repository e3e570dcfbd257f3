package de.schulhaus.files.web;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import de.schulhaus.accounts.AccountManagement;

/** Names of the people a page mentions, each looked up once per page; a gone account has no name (null). */
final class PersonNames {

	private final AccountManagement accounts;
	private final UUID school;
	private final Map<UUID, String> names = new HashMap<>();

	PersonNames(AccountManagement accounts, UUID school) {
		this.accounts = accounts;
		this.school = school;
	}

	String of(UUID account) {
		if (account == null) {
			return null;
		}
		return names.computeIfAbsent(account, id -> accounts.find(school, id).map(a -> a.firstName() + " " + a.lastName()).orElse(null));
	}
}
