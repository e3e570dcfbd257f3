package de.schulhaus.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.internal.AccountRepository;

/**
 * A point in time written by a node in one time zone is the same point for a node in another:
 * every timestamp column stores its zone. (On PostgreSQL a plain {@code timestamp} fails this by the
 * two zones' difference.)
 */
@IntegrationTest
class UtcTimestampsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountRepository accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFailureCountedInKiritimatiIsTheSameMomentInLosAngeles() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Zeitzonen-Schule");
		var pupil = t.createUser(school, "Zora", "Zeit", "PUPIL", null, null);
		TimeZone original = TimeZone.getDefault();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		try {
			TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
			accounts.recordSignInFailure(pupil.login(), now, now.minusSeconds(900));
			TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
			Instant read = accounts.findForSignIn(pupil.login()).orElseThrow().failedSignInsSince();
			assertThat(read).isCloseTo(now, within(1, ChronoUnit.MILLIS));
			assertThat(accounts.findById(pupil.id()).orElseThrow().createdAt()).isCloseTo(Instant.now(), within(5, ChronoUnit.MINUTES));
		}
		finally {
			TimeZone.setDefault(original);
		}
	}

	@Test
	void noPlainTimestampColumnIsLeft() {
		var plain = jdbc.sql("""
				select table_name || '.' || column_name from information_schema.columns
				where lower(data_type) in ('timestamp', 'timestamp without time zone')
				  and lower(table_schema) = lower(current_schema()) and lower(table_name) <> 'flyway_schema_history'""")
			.query(String.class).list();
		assertThat(plain).isEmpty();
	}
}
