package de.schulhaus.accounts.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountSource;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.accounts.AccountsProperties;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.Role;

/**
 * On first start with an empty database: the operator account from SCHULHAUS_OPERATOR_EMAIL /
 * SCHULHAUS_OPERATOR_PASSWORD (a generated password is printed once), and the operator's API token
 * from SCHULHAUS_OPERATOR_TOKEN.
 */
@Component
class OperatorBootstrap {

	private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);

	private final AccountRepository accounts;
	private final AccountsProperties properties;
	private final PasswordEncoder passwords;
	private final ClientCredentials credentials;
	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

	OperatorBootstrap(AccountRepository accounts, AccountsProperties properties, PasswordEncoder passwords,
			ClientCredentials credentials, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		this.accounts = accounts;
		this.properties = properties;
		this.passwords = passwords;
		this.credentials = credentials;
		this.jdbc = jdbc;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@Transactional
	public void createOperator() {
		boolean anyOperator = jdbc.sql("select count(*) from account where role = 'OPERATOR'").query(Long.class).single() > 0;
		if (anyOperator) {
			return;
		}
		String password = properties.operatorPassword();
		boolean generated = password == null || password.isBlank();
		if (generated) {
			password = SecretHashes.readablePassword(4);
		}
		Account operator = new Account(Ids.newId(), null, properties.operatorEmail(), "Betrieb", "Schulhaus", Role.OPERATOR,
				AccountStatus.ACTIVE, AccountSource.MANUAL, null, "de", false, false, Instant.now(), null);
		accounts.insert(operator, passwords.encode(password));
		if (properties.operatorToken() != null && !properties.operatorToken().isBlank()) {
			credentials.createToken(operator.id(), null, "SCHULHAUS_OPERATOR_TOKEN", properties.operatorToken(), null);
		}
		if (generated) {
			log.warn("Created the operator account {} with the password {} - shown only this once; "
					+ "set SCHULHAUS_OPERATOR_PASSWORD to choose your own.", operator.login(), password);
		}
		else {
			log.info("Created the operator account {}.", operator.login());
		}
	}
}
