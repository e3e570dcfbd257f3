package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Every provider has a section of its own: two modules never write into one folder. */
class PersonalDataProvidersTests {

	@Test
	void twoProvidersWithOneSectionStopTheStart() {
		assertThatThrownBy(() -> new PersonalData(List.of(new LaterModulePersonalData(), new LaterModulePersonalData()), null, null, null,
				null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("spaeter");
	}
}
