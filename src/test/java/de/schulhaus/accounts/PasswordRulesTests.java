package de.schulhaus.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;

import de.schulhaus.platform.InvalidInputException;

/** Long and not guessable: what a person is told when a password is refused. */
class PasswordRulesTests {

	private static InvalidInputException refusal(String password, String first, String last, String login) {
		InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
				() -> PasswordRules.check("newPassword", password, first, last, login));
		assertThat(e).as("%s should be refused", password).isNotNull();
		return e;
	}

	private static InvalidInputException refusal(String password) {
		return refusal(password, "Tina", "Tafel", "tina.tafel@199999.schulhaus.local");
	}

	@Test
	void tooShortStaysTheFirstRule() {
		assertThat(refusal("Kx7#q").messageKey()).isEqualTo("accounts.error.passwordShort");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Schmetterling2024", "Fussball123!", "Kartoffel12345", "Hausaufgaben!" })
	void aCommonGermanWordWithDigitsOrSymbolsIsRefused(String password) {
		InvalidInputException e = refusal(password);
		assertThat(e.field()).isEqualTo("newPassword");
		assertThat(e.messageKey()).isEqualTo("accounts.error.passwordGuessable.commonWord");
	}

	@Test
	void passwort123IsACommonPassword() {
		assertThat(refusal("Passwort123!").messageKey()).isEqualTo("accounts.error.passwordGuessable.commonPassword");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Sabine1975!", "Becker2026!!", "S4b1n3.B3ck3r", "sabine.becker#1", "Becker.Sabine.1980" })
	void theOwnNameOrAddressWithYearsDigitsOrLeetIsRefused(String password) {
		assertThat(refusal(password, "Sabine", "Becker", "sabine.becker@199999.schulhaus.local").messageKey())
			.isEqualTo("accounts.error.passwordGuessable.personal");
	}

	@Test
	void umlautNamesAreRecognisedAsTheAddressWritesThem() {
		assertThat(refusal("Schaefer-2024!", "Jörg", "Schäfer", "joerg.schaefer").messageKey())
			.isEqualTo("accounts.error.passwordGuessable.personal");
		assertThat(refusal("Jörg.Schäfer99", "Jörg", "Schäfer", "joerg.schaefer").messageKey())
			.isEqualTo("accounts.error.passwordGuessable.personal");
	}

	@Test
	void keyboardRunsAndYearsGetTheirOwnReason() {
		assertThat(refusal("yxcvbnm,.-").messageKey()).isEqualTo("accounts.error.passwordGuessable.keyboard");
		assertThat(refusal("19.07.1985!!").messageKey()).isEqualTo("accounts.error.passwordGuessable.date");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Laterne Kompass Igel Schaukel", "kürbis-anker-fliegt-leise", "Tafel Kreide Gong Sternwarte",
			"q7Vm-Lx2e-9RtK-p4Zw" })
	void aLongRandomPassphraseIsAccepted(String password) {
		assertThatCode(() -> PasswordRules.check("newPassword", password, "Sabine", "Becker", "sabine.becker@199999.schulhaus.local"))
			.doesNotThrowAnyException();
	}

	@Test
	void theReasonSaysWhyAndWhatIsBetterInBothLanguages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("i18n/accounts");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		for (String password : new String[] { "Passwort123!", "Schmetterling2024", "yxcvbnm,.-", "19.07.1985!!", "Tafel1985!!" }) {
			InvalidInputException e = refusal(password);
			assertThat(messages.getMessage(e.messageKey(), e.args(), Locale.GERMAN)).contains("leicht zu erraten", "Besser");
			assertThat(messages.getMessage(e.messageKey(), e.args(), Locale.ENGLISH)).contains("easy to guess", "Better");
		}
	}
}
