package de.schulhaus.accounts.internal;

import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountCreated;
import de.schulhaus.accounts.AccountSource;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.Role;
import de.schulhaus.schools.School;

/** Creates accounts with a unique service address; shared by manual creation and the roster import. */
@Component
public class AccountFactory {

	private final AccountRepository accounts;
	private final ApplicationEventPublisher events;

	AccountFactory(AccountRepository accounts, ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.events = events;
	}

	public Account create(School school, String first, String last, Role role, AccountSource source, String sourceId,
			String passwordHash) {
		return create(school, first, last, role, source, sourceId, passwordHash, accounts::loginTaken);
	}

	/** For bulk creation: {@code taken} answers from a set loaded once instead of one query per person. */
	public Account create(School school, String first, String last, Role role, AccountSource source, String sourceId,
			String passwordHash, java.util.function.Predicate<String> taken) {
		String login = LoginNames.unique(first, last, school.mailDomain(), taken);
		Account account = new Account(Ids.newId(), school.id(), login, first, last, role, AccountStatus.ACTIVE, source, sourceId,
				"de", false, passwordHash == null, Instant.now(), null);
		accounts.insert(account, passwordHash);
		events.publishEvent(new AccountCreated(account.id(), school.id(), login, role));
		return account;
	}
}
