package de.schulhaus.accounts.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
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
import de.schulhaus.accounts.PasswordRules;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.Role;

/**
 * On first start with an empty database: the operator account from SCHULHAUS_OPERATOR_EMAIL /
 * SCHULHAUS_OPERATOR_PASSWORD (a generated password is printed once and must be changed at the first
 * sign-in), and the operator's API token from SCHULHAUS_OPERATOR_TOKEN. A guessable password or a short
 * token stops the start before anything is created.
 */
@Component
class OperatorBootstrap {

	private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);

	static final int MIN_TOKEN_LENGTH = 32;

	private static final String FIRST_NAME = "Betrieb";
	private static final String LAST_NAME = "Schulhaus";

	private final AccountRepository accounts;
	private final AccountsProperties properties;
	private final PasswordEncoder passwords;
	private final ClientCredentials credentials;
	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
	private final MessageSource messages;

	OperatorBootstrap(AccountRepository accounts, AccountsProperties properties, PasswordEncoder passwords,
			ClientCredentials credentials, org.springframework.jdbc.core.simple.JdbcClient jdbc, MessageSource messages) {
		this.accounts = accounts;
		this.properties = properties;
		this.passwords = passwords;
		this.credentials = credentials;
		this.jdbc = jdbc;
		this.messages = messages;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@Transactional
	public void createOperator() {
		boolean anyOperator = jdbc.sql("select count(*) from account where role = 'OPERATOR'").query(Long.class).single() > 0;
		if (anyOperator) {
			return;
		}
		refuseWeakSecrets(properties, messages);
		String password = properties.operatorPassword();
		boolean generated = password == null || password.isBlank();
		if (generated) {
			password = SecretHashes.readablePassword(4);
		}
		// a password that went through a log must not stay: the operator changes it at the first sign-in
		Account operator = new Account(Ids.newId(), null, properties.operatorEmail(), FIRST_NAME, LAST_NAME, Role.OPERATOR,
				AccountStatus.ACTIVE, AccountSource.MANUAL, null, "de", false, generated, Instant.now(), null);
		accounts.insert(operator, passwords.encode(password));
		if (properties.operatorToken() != null && !properties.operatorToken().isBlank()) {
			credentials.createToken(operator.id(), null, "SCHULHAUS_OPERATOR_TOKEN", properties.operatorToken(), null);
		}
		if (generated) {
			log.warn("Created the operator account {} with the password {} - shown only this once and to be changed at the "
					+ "first sign-in; set SCHULHAUS_OPERATOR_PASSWORD to choose your own.", operator.login(), password);
		}
		else {
			log.info("Created the operator account {}.", operator.login());
		}
	}

	/**
	 * What the environment sets for the first start is held to the rules people's own choices meet; the
	 * error names every problem at once, in English, as start-up errors are.
	 */
	static void refuseWeakSecrets(AccountsProperties properties, MessageSource messages) {
		List<String> problems = new ArrayList<>();
		String password = properties.operatorPassword();
		if (password != null && !password.isBlank()) {
			try {
				PasswordRules.check("SCHULHAUS_OPERATOR_PASSWORD", password, FIRST_NAME, LAST_NAME, properties.operatorEmail());
			}
			catch (InvalidInputException e) {
				problems.add("SCHULHAUS_OPERATOR_PASSWORD is refused. " + messages.getMessage(e.messageKey(), e.args(), Locale.ENGLISH)
						+ " Or leave it unset: then a password is generated, printed once and must be changed at the first sign-in.");
			}
		}
		String token = properties.operatorToken();
		if (token != null && !token.isBlank() && token.length() < MIN_TOKEN_LENGTH) {
			problems.add("SCHULHAUS_OPERATOR_TOKEN must have at least " + MIN_TOKEN_LENGTH + " characters but has " + token.length()
					+ "; make one with e.g. `openssl rand -base64 32`.");
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The operator account was not created. " + String.join(" ", problems));
		}
	}
}
