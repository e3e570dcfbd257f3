package de.schulhaus.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import de.schulhaus.SchulhausApplication;
import de.schulhaus.accounts.AccountsProperties;

/** What the environment sets for the first start meets the rules, or the start stops and says why. */
class OperatorBootstrapTests {

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("i18n/accounts");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	private static AccountsProperties environment(String password, String token) {
		return new AccountsProperties("operator@schulhaus.local", password, token, null);
	}

	@Test
	void aGuessablePasswordIsRefusedWithTheReason() {
		assertThatThrownBy(() -> OperatorBootstrap.refuseWeakSecrets(environment("Passwort2026!", null), messages()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("SCHULHAUS_OPERATOR_PASSWORD is refused")
			.hasMessageContaining("lists of common passwords")
			.hasMessageContaining("Or leave it unset");
		assertThatThrownBy(() -> OperatorBootstrap.refuseWeakSecrets(environment("Schulhaus-Betrieb-1", null), messages()))
			.hasMessageContaining("built on your name or your address");
		assertThatThrownBy(() -> OperatorBootstrap.refuseWeakSecrets(environment("kurz", null), messages()))
			.hasMessageContaining("at least 10 characters");
	}

	@Test
	void aTokenUnder32CharactersIsRefusedWithBothProblemsNamedAtOnce() {
		assertThatThrownBy(() -> OperatorBootstrap.refuseWeakSecrets(environment("Passwort2026!", "test-operator-token"), messages()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("SCHULHAUS_OPERATOR_PASSWORD is refused")
			.hasMessageContaining("SCHULHAUS_OPERATOR_TOKEN must have at least 32 characters but has 19");
	}

	@Test
	void strongSecretsOrNoneAtAllPass() {
		assertThatCode(() -> OperatorBootstrap.refuseWeakSecrets(
				environment("Kompass Igel Schaukel Mond", "0123456789abcdef0123456789abcdef"), messages())).doesNotThrowAnyException();
		assertThatCode(() -> OperatorBootstrap.refuseWeakSecrets(environment("", ""), messages())).doesNotThrowAnyException();
		assertThatCode(() -> OperatorBootstrap.refuseWeakSecrets(environment(null, null), messages())).doesNotThrowAnyException();
	}

	/** The whole application on an empty in-memory database of its own, even where the tests otherwise share PostgreSQL. */
	private static ConfigurableApplicationContext firstStart(String operatorPassword) {
		String database = "jdbc:h2:mem:operator-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
		return new SpringApplicationBuilder(SchulhausApplication.class).run("--spring.profiles.active=test", "--server.port=0",
				"--spring.datasource.url=" + database, "--spring.datasource.username=sa", "--spring.datasource.password=",
				"--schulhaus.accounts.operator-password=" + operatorPassword);
	}

	@Test
	void theApplicationDoesNotStartWithAGuessableOperatorPassword() {
		assertThatThrownBy(() -> firstStart("Passwort2026!").close())
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("The operator account was not created. SCHULHAUS_OPERATOR_PASSWORD is refused");
	}

	@Test
	void aGeneratedOperatorPasswordMustBeChangedAtTheFirstSignIn() {
		try (ConfigurableApplicationContext context = firstStart("")) {
			assertThat(context.getBean(JdbcClient.class).sql("select must_change_password from account where role = 'OPERATOR'")
				.query(Boolean.class).single()).isTrue();
		}
	}
}
