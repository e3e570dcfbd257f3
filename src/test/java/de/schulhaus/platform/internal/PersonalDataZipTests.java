package de.schulhaus.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A module's file name lands inside its section's folder whatever it is called. */
class PersonalDataZipTests {

	@Test
	void namesThatLeaveTheSectionAreRefused() {
		for (String name : new String[] { "../konto/konto.json", "a/../../b", "/etc/passwd", "a\\b", "", " ", "a//b", "a/", "./a" }) {
			assertThatThrownBy(() -> PersonalDataZip.checked(name)).as(name).isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void charactersWindowsRefusesBecomeUnderscores() {
		assertThat(PersonalDataZip.checked("Referat: Bienen?.txt")).isEqualTo("Referat_ Bienen_.txt");
		assertThat(PersonalDataZip.checked("Mails/2026 \"Klassenfahrt\" <alt>|*.eml")).isEqualTo("Mails/2026 _Klassenfahrt_ _alt___.eml");
		assertThat(PersonalDataZip.checked("Übung ä.pdf")).isEqualTo("Übung ä.pdf");
	}
}
