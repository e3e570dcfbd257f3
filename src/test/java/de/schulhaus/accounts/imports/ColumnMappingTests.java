package de.schulhaus.accounts.imports;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnMappingTests {

	@Test
	void detectsGermanHeadersWhateverTheSpelling() {
		assertThat(ColumnMapping.detect(List.of("Quell-Id", "Nachname", "Vorname", "Klasse", "Kontotyp")))
			.isEqualTo(new ColumnMapping("Quell-Id", "Nachname", "Vorname", "Klasse", "Kontotyp"));
		assertThat(ColumnMapping.detect(List.of("QUELL ID", "familienname", " Vorname ", "Kurs", "Typ")))
			.isEqualTo(new ColumnMapping("QUELL ID", "familienname", " Vorname ", "Kurs", "Typ"));
		assertThat(ColumnMapping.detect(List.of("Id", "Name", "Vorname", "Klasse / Gruppe", "Rolle", "Gruppe")))
			.isEqualTo(new ColumnMapping("Id", "Name", "Vorname", "Klasse / Gruppe", "Rolle"));
	}

	@Test
	void prefersNachnameOverName() {
		assertThat(ColumnMapping.detect(List.of("Name", "QuellId", "Nachname", "Vorname", "Kontotyp")).lastName())
			.isEqualTo("Nachname");
	}

	@Test
	void groupColumnIsOptional() {
		assertThat(ColumnMapping.detect(List.of("ID", "Nachname", "Vorname", "Kontotyp")).group()).isNull();
	}

	@Test
	void namesTheFirstMissingRequiredColumn() {
		assertThatThrownBy(() -> ColumnMapping.detect(List.of("Nachname", "Vorname", "Kontotyp")))
			.isInstanceOfSatisfying(RosterFormatException.class, (ex) -> {
				assertThat(ex.messageKey()).isEqualTo("import.error.missingColumn");
				assertThat(ex.args()).containsExactly("Quell-Id");
			});
	}

	@Test
	void guessLeavesMissingColumnsEmpty() {
		assertThat(ColumnMapping.guess(List.of("Vorname", "Sonstiges")))
			.isEqualTo(new ColumnMapping(null, null, "Vorname", null, null));
	}

	@Test
	void understandsTheUsualAccountTypes() {
		assertThat(List.of("Lehrkraft", "Lehrer", "LEHRERIN", "teacher", "faculty"))
			.allSatisfy((word) -> assertThat(Kinds.parse(word)).isEqualTo(PersonKind.TEACHER));
		assertThat(List.of("Schüler*in", "Schüler", " Schülerin ", "Schueler*in", "Schueler", "SuS", "pupil",
				"Student", "SCHÜLER*IN"))
			.allSatisfy((word) -> assertThat(Kinds.parse(word)).isEqualTo(PersonKind.PUPIL));
		assertThat(List.of("Personal", "Verwaltung", "Sekretariat", "staff"))
			.allSatisfy((word) -> assertThat(Kinds.parse(word)).isEqualTo(PersonKind.STAFF));
		assertThat(List.of("Extern", "extern", "external"))
			.allSatisfy((word) -> assertThat(Kinds.parse(word)).isEqualTo(PersonKind.EXTERN));
		assertThat(Kinds.parse("Hausmeister")).isNull();
		assertThat(Kinds.parse("")).isNull();
	}

}
