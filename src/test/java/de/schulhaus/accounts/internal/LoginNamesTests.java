package de.schulhaus.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LoginNamesTests {

	@Test
	void transliteratesGermanLettersTheGermanWay() {
		assertThat(LoginNames.localPart("Jürgen", "Groß-Müller")).isEqualTo("juergen.gross-mueller");
		assertThat(LoginNames.localPart("Änne", "Weiß")).isEqualTo("aenne.weiss");
		assertThat(LoginNames.localPart("Björn", "Krüger")).isEqualTo("bjoern.krueger");
	}

	@Test
	void dropsOtherAccentsAndKeepsNamesReadable() {
		assertThat(LoginNames.localPart("Ayşe", "Yılmaz")).isEqualTo("ayse.yilmaz");
		assertThat(LoginNames.localPart("Zoë", "Łukasik")).isEqualTo("zoe.lukasik");
		assertThat(LoginNames.localPart("Renée", "Kühn")).isEqualTo("renee.kuehn");
		assertThat(LoginNames.localPart("Lukas Ole", "von der Heide")).isEqualTo("lukas-ole.von-der-heide");
	}

	@Test
	void handlesDecomposedUmlautsAndOddCharacters() {
		assertThat(LoginNames.localPart("Mu\u0308ller", "O'Brien")).isEqualTo("mueller.obrien");
		assertThat(LoginNames.localPart("  ", "Øre")).isEqualTo("ore");
	}

	@Test
	void numbersDuplicates() {
		Set<String> taken = new HashSet<>();
		String first = LoginNames.unique("Anna", "Müller", "123456.schulhaus.local", taken::contains);
		taken.add(first);
		String second = LoginNames.unique("Anna", "Müller", "123456.schulhaus.local", taken::contains);
		taken.add(second);
		String third = LoginNames.unique("Anna", "Müller", "123456.schulhaus.local", taken::contains);
		assertThat(first).isEqualTo("anna.mueller@123456.schulhaus.local");
		assertThat(second).isEqualTo("anna.mueller2@123456.schulhaus.local");
		assertThat(third).isEqualTo("anna.mueller3@123456.schulhaus.local");
	}
}
