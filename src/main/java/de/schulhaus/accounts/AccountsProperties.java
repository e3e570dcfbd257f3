package de.schulhaus.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param operatorEmail sign-in of the operator account created on first start
 * @param operatorPassword its password; when empty, one is generated and printed once to the log
 * @param operatorToken when set on first start, becomes a personal access token of the operator
 * @param signInLinkValidity how long a one-time sign-in link stays valid
 */
@ConfigurationProperties("schulhaus.accounts")
public record AccountsProperties(String operatorEmail, String operatorPassword, String operatorToken,
		Duration signInLinkValidity) {

	public AccountsProperties {
		operatorEmail = operatorEmail == null || operatorEmail.isBlank() ? "operator@schulhaus.local" : operatorEmail.trim().toLowerCase();
		signInLinkValidity = signInLinkValidity == null ? Duration.ofDays(14) : signInLinkValidity;
	}
}
