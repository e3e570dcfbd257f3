package de.schulhaus.schools.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.schools.SchoolManagement;
import de.schulhaus.schools.SchoolStatus;

/** The operator deletes a school for good: only a suspended one, only with its number typed, and its people go with it. */
@IntegrationTest
class SchoolDeletionTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	SchoolManagement schools;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	private void delete(UUID school, String confirm) throws Exception {
		var operator = users.load("operator@schulhaus.local").orElseThrow().withTwoFactor(true).withPasswordChanged();
		mvc.perform(post("/betrieb/schulen/" + school + "/loeschen").with(user(operator)).with(csrf()).param("confirm", confirm));
	}

	private long count(String table, UUID school) {
		return jdbc.sql("select count(*) from " + table + " where school_id = :s").param("s", school).query(Long.class).single();
	}

	@Test
	void aSuspendedSchoolIsDeletedWithItsPeopleAfterItsNumberWasTyped() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Abschied-Schule");
		var pupil = t.createUser(school, "Lotte", "Letzte", "PUPIL", "Kompass-Laterne-Quitte-2026", "9c");

		delete(school.id(), school.number());
		assertThat(schools.require(school.id()).status()).as("an open school is not deleted").isNotEqualTo(SchoolStatus.DELETED);

		var operator = users.load("operator@schulhaus.local").orElseThrow().withTwoFactor(true).withPasswordChanged();
		schools.changeStatus(school.id(), SchoolStatus.SUSPENDED, operator);
		delete(school.id(), "000000");
		assertThat(schools.require(school.id()).status()).as("a wrong number deletes nothing").isEqualTo(SchoolStatus.SUSPENDED);

		delete(school.id(), school.number());
		assertThat(schools.require(school.id()).status()).isEqualTo(SchoolStatus.DELETED);
		await().atMost(Duration.ofSeconds(20)).until(() -> count("account", school.id()) == 0 && count("school_group", school.id()) == 0);
		assertThat(users.load(pupil.login())).isEmpty();
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'school.deleted' and school_id = :s").param("s", school.id())
			.query(Long.class).single()).isEqualTo(1);

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> schools.changeStatus(school.id(), SchoolStatus.ACTIVE, operator))
			.hasMessageContaining("schools.error.deletedIsFinal");
	}
}
