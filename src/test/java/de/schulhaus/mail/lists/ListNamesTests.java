package de.schulhaus.mail.lists;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListNamesTests {

	@Test
	void groupNamesBecomeLowerCaseAddressesWithUmlautsWrittenOut() {
		assertThat(ListNames.base("5a")).isEqualTo("5a");
		assertThat(ListNames.base("Kollegium")).isEqualTo("kollegium");
		assertThat(ListNames.base("Französisch LK")).isEqualTo("franzoesisch-lk");
		assertThat(ListNames.base("Straßen-AG: Süd")).isEqualTo("strassen-ag-sued");
		// umlauts as a letter and a combining mark, as some exports write them
		assertThat(ListNames.base("Mu\u0308ller-Gruppe")).isEqualTo("mueller-gruppe");
		assertThat(ListNames.base("Café & Théâtre")).isEqualTo("cafe-theatre");
		assertThat(ListNames.base("  Q1 / Mathe (GK)  ")).isEqualTo("q1-mathe-gk");
	}

	@Test
	void namesWithoutLettersOrTooLongStillGiveAnAddress() {
		assertThat(ListNames.base("???")).isEqualTo("gruppe");
		assertThat(ListNames.base(null)).isEqualTo("gruppe");
		String longName = "Arbeitsgemeinschaft ".repeat(10);
		assertThat(ListNames.base(longName)).hasSizeLessThanOrEqualTo(ListNames.MAX - 4).doesNotEndWith("-");
	}

	@Test
	void aTakenAddressGetsANumberAndANumberedAddressStillFitsItsName() {
		assertThat(ListNames.candidate("5a", 1)).isEqualTo("5a");
		assertThat(ListNames.candidate("5a", 3)).isEqualTo("5a-3");
		assertThat(ListNames.fits("5a-3", "5a")).isTrue();
		assertThat(ListNames.fits("5a", "5a")).isTrue();
		assertThat(ListNames.fits("5a-b", "5a")).isFalse();
		assertThat(ListNames.fits("5a-1", "5a")).isFalse();
		assertThat(ListNames.fits("6a", "5a")).isFalse();
	}
}
