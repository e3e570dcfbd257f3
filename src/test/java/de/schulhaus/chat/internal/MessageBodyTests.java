package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import de.schulhaus.platform.InvalidInputException;

/** What a message's text may be: not empty, at most 10,000 characters, kept as written inside. */
class MessageBodyTests {

	@Test
	void theTextIsStrippedAtItsEndsOnly() {
		assertThat(ChatMessages.validBody("  Hallo\n  5a  \n")).isEqualTo("Hallo\n  5a");
	}

	@Test
	void emptyAndBlankTextIsRefused() {
		assertThatThrownBy(() -> ChatMessages.validBody(null)).isInstanceOf(InvalidInputException.class).hasMessage("chat.error.empty");
		assertThatThrownBy(() -> ChatMessages.validBody(" \n\t")).isInstanceOf(InvalidInputException.class).hasMessage("chat.error.empty");
	}

	@Test
	void tenThousandCharactersPassOneMoreIsTooLong() {
		assertThat(ChatMessages.validBody("x".repeat(10_000))).hasSize(10_000);
		assertThatThrownBy(() -> ChatMessages.validBody("x".repeat(10_001))).isInstanceOf(InvalidInputException.class)
			.hasMessage("chat.error.tooLong");
	}
}
