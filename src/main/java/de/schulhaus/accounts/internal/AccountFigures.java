package de.schulhaus.accounts.internal;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import de.schulhaus.schools.SchoolFigures;

/** Accounts per school for the operator console. */
@Component
class AccountFigures implements SchoolFigures {

	private final AccountRepository accounts;

	AccountFigures(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public String labelKey() {
		return "accounts.figure.accounts";
	}

	@Override
	public Map<UUID, Long> countsBySchool() {
		return accounts.countsBySchool();
	}
}
