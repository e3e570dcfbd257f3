package de.schulhaus.accounts.internal;

import java.time.Instant;

import org.springframework.stereotype.Component;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.accounts.AccountSource;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.Role;
import de.schulhaus.schools.School;

/** Creates accounts with a unique service address; shared by manual creation and the roster import. */
@Component
public class AccountFactory {

	private final AccountRepository accounts;
	private final RosterEvents events;

	AccountFactory(AccountRepository accounts, RosterEvents events) {
		this.accounts = accounts;
		this.events = events;
	}

	public Account create(School school, String first, String last, Role role, AccountSource source, String sourceId,
			String passwordHash) {
		Account account = prepare(school, first, last, role, source, sourceId, passwordHash == null, accounts::loginTaken);
		accounts.insert(account, passwordHash);
		events.accounts(school.id(), AccountsChanged.Kind.CREATED, java.util.List.of(account));
		return account;
	}

	/**
	 * For bulk creation: a new account with a unique address, not yet stored (see {@link #insertAll}).
	 * {@code taken} answers from a set loaded once instead of one query per person.
	 */
	public Account prepare(School school, String first, String last, Role role, AccountSource source, String sourceId,
			boolean mustChangePassword, java.util.function.Predicate<String> taken) {
		String login = LoginNames.unique(first, last, school.mailDomain(), taken);
		return new Account(Ids.newId(), school.id(), login, first, last, role, AccountStatus.ACTIVE, source, sourceId, "de",
				false, mustChangePassword, Instant.now(), null);
	}

	/** Stores prepared accounts of one school without passwords (they get sign-in links), in batches. */
	public void insertAll(java.util.List<Account> prepared) {
		accounts.insertAll(prepared);
		if (!prepared.isEmpty()) {
			events.accounts(prepared.get(0).schoolId(), AccountsChanged.Kind.CREATED, prepared);
		}
	}
}
