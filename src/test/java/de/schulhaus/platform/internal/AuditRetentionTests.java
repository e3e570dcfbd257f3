package de.schulhaus.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import de.schulhaus.IntegrationTest;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.AuditProperties;
import de.schulhaus.platform.AuditRows;
import de.schulhaus.platform.AuditVerification;

/**
 * Retention removes addresses and then whole entries without breaking the chain. Cut-offs are set
 * just after this test's own entries: older entries of other tests go the same way, as they would
 * in production.
 */
@IntegrationTest
class AuditRetentionTests {

	private static final UUID SCHOOL = UUID.randomUUID();

	@Autowired
	AuditLog audit;

	@Autowired
	AuditRetention retention;

	@Autowired
	AuditProperties properties;

	@Autowired
	JdbcClient jdbc;

	private AuditVerification assertIntact() {
		AuditVerification result = audit.verify();
		assertThat(result.intact()).as("%s", result).isTrue();
		return result;
	}

	@Test
	void anEntryWithoutItsAddressStillVerifies() throws InterruptedException {
		String marker = "anonymised-" + UUID.randomUUID();
		audit.record(SCHOOL, null, "old@schule.example", "sign-in.failed", marker, null, "203.0.113.9");
		long seq = new AuditRows(jdbc).seqsWithTarget(marker).get(0);
		Thread.sleep(2);
		assertThat(retention.forgetAddressesBefore(Instant.now())).isGreaterThanOrEqualTo(1);

		AuditRows rows = new AuditRows(jdbc);
		assertThat(rows.text(seq, "ip")).isNull();
		assertThat(rows.text(seq, "ip_salt")).isNull();
		assertThat(rows.text(seq, "ip_commitment")).hasSize(64);
		assertThat(audit.recent(SCHOOL, 10)).filteredOn(e -> marker.equals(e.target())).singleElement()
			.satisfies(e -> assertThat(e.ip()).isNull());
		assertIntact();
	}

	@Test
	void afterDeletingTheOldestEntriesTheChainVerifiesFromItsNewStart() throws InterruptedException {
		String old = "expired-" + UUID.randomUUID();
		String kept = "kept-" + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			audit.record(SCHOOL, null, "old@schule.example", "account.deleted", old, null, "203.0.113.10");
		}
		Thread.sleep(2);
		Instant cutoff = Instant.now();
		Thread.sleep(2);
		audit.record(SCHOOL, null, "new@schule.example", "account.created", kept, null, "203.0.113.11");
		audit.record(SCHOOL, null, "new@schule.example", "account.created", kept, null, null);
		AuditRows rows = new AuditRows(jdbc);
		List<Long> expired = rows.seqsWithTarget(old);
		List<Long> remaining = rows.seqsWithTarget(kept);

		assertThat(retention.deleteBefore(cutoff)).isGreaterThanOrEqualTo(3);

		assertThat(rows.seqsWithTarget(old)).isEmpty();
		assertThat(rows.seqsWithTarget(kept)).isEqualTo(remaining);
		AuditVerification result = assertIntact();
		assertThat(result.startSequence()).isGreaterThan(expired.get(2)).isLessThanOrEqualTo(remaining.get(0));
		assertThat(retention.deleteBefore(cutoff)).as("nothing left before the cut-off").isZero();
		assertIntact();
	}

	@Test
	void theDailyJobKeepsRecentEntriesWithTheirAddresses() {
		assertThat(properties.addressRetention()).isEqualTo(Duration.ofDays(180));
		assertThat(properties.retention()).isEqualTo(Duration.ofDays(730));
		String marker = "recent-" + UUID.randomUUID();
		audit.record(SCHOOL, null, "now@schule.example", "sign-in.ok", marker, null, "203.0.113.12");
		retention.run();
		long seq = new AuditRows(jdbc).seqsWithTarget(marker).get(0);
		assertThat(new AuditRows(jdbc).text(seq, "ip")).isEqualTo("203.0.113.12");
		assertIntact();
	}
}
