package de.schulhaus.schools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * The schools module started on its own (with the platform it may use, nothing else): schools are
 * created and suspended through its API and say so with events.
 */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
// a database of its own, also when the suite runs on PostgreSQL: the module alone knows only its own and
// the platform's Java migrations, which the whole application's schema would not validate against
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:schools-module;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
		+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "spring.datasource.username=sa", "spring.datasource.password=" })
class SchoolsModuleTests {

	private static final SchulhausUser OPERATOR = new SchulhausUser(UUID.randomUUID(), null, "operator@schulhaus.local", "Betrieb",
			Role.OPERATOR, "de", true, true, null);

	@Autowired
	SchoolManagement schools;

	@Test
	void aNewSchoolIsAnnounced(Scenario scenario) {
		String number = String.valueOf(300_000 + (int) (Math.random() * 99_999));
		scenario.stimulate(() -> schools.create(new NewSchool("Modul-Schule", number, SchoolType.GRUNDSCHULE, null), OPERATOR))
			.andWaitForEventOfType(SchoolCreated.class)
			.matching(event -> event.schoolNumber().equals(number))
			.toArriveAndVerify(event -> assertThat(schools.require(event.schoolId()).name()).isEqualTo("Modul-Schule"));
	}

	@Test
	void suspendingASchoolIsAnnouncedAndQuotasCannotBeNegative(Scenario scenario) {
		String number = String.valueOf(300_000 + (int) (Math.random() * 99_999));
		School school = schools.create(new NewSchool("Ruhende Schule", number, SchoolType.GYMNASIUM, null), OPERATOR);
		scenario.stimulate(() -> schools.changeStatus(school.id(), SchoolStatus.SUSPENDED, OPERATOR))
			.andWaitForEventOfType(SchoolStatusChanged.class)
			.matching(event -> event.schoolId().equals(school.id()))
			.toArriveAndVerify(event -> assertThat(event.after()).isEqualTo(SchoolStatus.SUSPENDED));
		Quotas negative = new Quotas(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
		assertThatThrownBy(() -> schools.changeQuotas(school.id(), negative, OPERATOR)).isInstanceOf(InvalidInputException.class);
	}
}
