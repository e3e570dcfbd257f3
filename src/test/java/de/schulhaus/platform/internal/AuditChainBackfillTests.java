package de.schulhaus.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import de.schulhaus.platform.AuditVerification;

/**
 * Entries written before the chain existed are chained by the migration, oldest first, and keep
 * their moment in time. On a database of its own, migrated up to the version before the chain: a
 * fresh H2, or a schema of its own in the tests' PostgreSQL database. The JVM runs in Berlin time
 * meanwhile, so that a time read in the wrong zone would show.
 */
class AuditChainBackfillTests {

	// summer and winter time in Berlin: two different offsets to get wrong
	private static final Instant SUMMER = Instant.parse("2026-07-02T12:00:00Z");
	private static final Instant WINTER = Instant.parse("2026-11-01T07:30:00.250Z");

	private final TimeZone originalZone = TimeZone.getDefault();
	private final String schema = "audit_backfill_" + UUID.randomUUID().toString().replace("-", "");
	private DriverManagerDataSource db;
	private boolean postgres;

	@BeforeEach
	void ownDatabase() {
		TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
		String url = System.getenv("SCHULHAUS_DB_URL");
		postgres = url != null && url.startsWith("jdbc:postgresql:");
		if (postgres) {
			db = new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
					System.getenv("SCHULHAUS_DB_USER"), System.getenv().getOrDefault("SCHULHAUS_DB_PASSWORD", ""));
		}
		else {
			db = new DriverManagerDataSource("jdbc:h2:mem:" + schema
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		}
	}

	@AfterEach
	void dropIt() {
		try {
			flyway().cleanDisabled(false).load().clean();
		}
		finally {
			TimeZone.setDefault(originalZone);
		}
	}

	@Test
	void existingEntriesAreChainedInTheOrderOfTheirTimes() {
		flyway().target("202611291020").load().migrate();
		JdbcClient jdbc = JdbcClient.create(db);
		UUID later = insertLegacy(jdbc, WINTER, "account.created", "203.0.113.20");
		UUID summer = insertLegacy(jdbc, SUMMER, "sign-in.failed", null);
		UUID sameTime = insertLegacy(jdbc, SUMMER, "account.deleted", null);

		flyway().load().migrate();

		// the database orders ids as unsigned bytes, as their hex text sorts
		boolean summerFirst = summer.toString().compareTo(sameTime.toString()) < 0;
		assertThat(jdbc.sql("select id from audit_event order by seq").query(UUID.class).list())
			.containsExactly(summerFirst ? summer : sameTime, summerFirst ? sameTime : summer, later);
		List<Instant> times = jdbc.sql("select occurred_at from audit_event order by seq")
			.query((rs, n) -> AuditRepository.instant(rs, "occurred_at")).list();
		assertThat(times).containsExactly(SUMMER, SUMMER, WINTER);
		assertThat(jdbc.sql("select ip_commitment from audit_event where id = :id").param("id", later).query(String.class).single())
			.isEqualTo(AuditEntry.addressCommitment(
					jdbc.sql("select ip_salt from audit_event where id = :id").param("id", later).query(String.class).single(),
					"203.0.113.20"));

		AuditRepository repository = new AuditRepository(jdbc);
		AuditVerification result = verifier(repository).verify();
		assertThat(result.intact()).as("%s", result).isTrue();
		assertThat(result.entriesChecked()).isEqualTo(3);
		assertThat(result.headSequence()).isEqualTo(3);
	}

	@Test
	void anEmptyLogGetsAnEmptyChainThatVerifies() {
		flyway().load().migrate();
		AuditVerification result = verifier(new AuditRepository(JdbcClient.create(db))).verify();
		assertThat(result.intact()).as("%s", result).isTrue();
		assertThat(result.entriesChecked()).isZero();
		assertThat(result.startSequence()).isEqualTo(1);
		assertThat(result.headSequence()).isZero();
	}

	private AuditChainVerifier verifier(AuditRepository repository) {
		return new AuditChainVerifier(repository, new DataSourceTransactionManager(db));
	}

	private FluentConfiguration flyway() {
		FluentConfiguration flyway = Flyway.configure().dataSource(db).locations("classpath:db/migration")
			.javaMigrations(new AuditChainBackfill());
		return postgres ? flyway.schemas(schema) : flyway;
	}

	/** As the audit log wrote entries before: a {@code java.sql.Timestamp} into a {@code timestamp} column. */
	private static UUID insertLegacy(JdbcClient jdbc, Instant at, String action, String ip) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into audit_event (id, school_id, occurred_at, actor_id, actor_login, action, target, details, ip) "
				+ "values (:id, :school, :at, null, 'alt@schule.example', :action, 'ziel', null, :ip)")
			.param("id", id)
			.param("school", UUID.randomUUID())
			.param("at", Timestamp.from(at))
			.param("action", action)
			.param("ip", ip)
			.update();
		return id;
	}
}
