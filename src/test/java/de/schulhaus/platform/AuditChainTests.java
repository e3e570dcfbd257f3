package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.platform.AuditVerification.Reason;
import de.schulhaus.platform.internal.AuditEntry;

/**
 * The audit log is a hash chain: whatever is changed, deleted or moved with plain SQL is found at
 * its number. Other tests write entries too, so each test finds its own entries by a marker and
 * puts back what it broke.
 */
@IntegrationTest
class AuditChainTests {

	private static final UUID SCHOOL = UUID.randomUUID();
	private static final UUID ACTOR = UUID.randomUUID();

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	private AuditRows rows() {
		return new AuditRows(jdbc);
	}

	private List<Long> recordThree(String marker) {
		audit.record(SCHOOL, ACTOR, "audit-test@schule.example", "account.created", marker, "TEACHER", "203.0.113.7");
		audit.record(SCHOOL, ACTOR, "audit-test@schule.example", "account.role", marker, "TEACHER -> SCHOOL_ADMIN", "2001:db8::7");
		audit.record(SCHOOL, null, null, "roster.deleted", marker, null, null);
		return rows().seqsWithTarget(marker);
	}

	private void assertIntact() {
		AuditVerification result = audit.verify();
		assertThat(result.intact()).as("%s", result).isTrue();
		assertThat(result.tailMatchesHead()).isTrue();
		assertThat(result.firstBrokenSequence()).isNull();
	}

	private void assertBrokenAt(long seq, Reason reason) {
		AuditVerification result = audit.verify();
		assertThat(result.intact()).as("%s", result).isFalse();
		assertThat(result.firstBrokenSequence()).as("%s", result).isEqualTo(seq);
		assertThat(result.reason()).as("%s", result).isEqualTo(reason);
	}

	@Test
	void freshEntriesFormAnIntactChain() {
		List<Long> seqs = recordThree("fresh-" + UUID.randomUUID());
		assertThat(seqs).hasSize(3);
		assertThat(seqs.get(2) - seqs.get(0)).as("consecutive unless another writer came in between").isGreaterThanOrEqualTo(2);
		AuditVerification result = audit.verify();
		assertIntact();
		assertThat(result.headSequence()).isGreaterThanOrEqualTo(seqs.get(2));
		assertThat(result.entriesChecked()).isGreaterThanOrEqualTo(3).isEqualTo(result.headSequence() - result.startSequence() + 1);
	}

	@Test
	void anEditedEntryIsFoundAtItsNumber() {
		long seq = recordThree("edited-" + UUID.randomUUID()).get(1);
		AuditRows rows = rows();
		String action = rows.text(seq, "action");
		rows.setText(seq, "action", "password.changed");
		try {
			assertBrokenAt(seq, Reason.EDITED);
		}
		finally {
			rows.setText(seq, "action", action);
		}
		String target = rows.text(seq, "target");
		rows.setText(seq, "target", target + " ");
		try {
			assertBrokenAt(seq, Reason.EDITED);
		}
		finally {
			rows.setText(seq, "target", target);
		}
		assertIntact();
	}

	@Test
	void aChangedAddressIsFoundThoughOnlyItsCommitmentIsHashed() {
		long seq = recordThree("address-" + UUID.randomUUID()).get(0);
		AuditRows rows = rows();
		assertThat(rows.text(seq, "ip")).isEqualTo("203.0.113.7");
		rows.setText(seq, "ip", "198.51.100.1");
		try {
			assertBrokenAt(seq, Reason.EDITED);
		}
		finally {
			rows.setText(seq, "ip", "203.0.113.7");
		}
		assertIntact();
	}

	@Test
	void aDeletedEntryIsFoundAsMissing() {
		long seq = recordThree("deleted-" + UUID.randomUUID()).get(1);
		AuditRows.Deleted deleted = rows().delete(seq);
		try {
			assertBrokenAt(seq, Reason.MISSING);
		}
		finally {
			deleted.putBack();
		}
		assertIntact();
	}

	@Test
	void swappedEntriesAreFoundAsReordered() {
		List<Long> seqs = recordThree("swapped-" + UUID.randomUUID());
		long first = seqs.get(0);
		long second = seqs.get(1);
		assertThat(second).as("another writer came in between; the swap needs neighbours").isEqualTo(first + 1);
		rows().swap(first, second);
		try {
			assertBrokenAt(first, Reason.REORDERED);
		}
		finally {
			rows().swap(first, second);
		}
		assertIntact();
	}

	@Test
	void appendsFromTwoThreadsAtOnceKeepTheChainIntact() throws Exception {
		String marker = "threads-" + UUID.randomUUID();
		int perThread = 40;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				String address = "192.0.2." + (t + 1);
				done.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < perThread; i++) {
						audit.record(SCHOOL, ACTOR, "thread@schule.example", "group.member.added", marker, String.valueOf(i), address);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> f : done) {
				f.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(rows().seqsWithTarget(marker)).hasSize(2 * perThread).doesNotHaveDuplicates();
		assertIntact();
	}

	@Test
	void entriesWrittenUnderAnotherJvmTimeZoneStillVerify() {
		String marker = "zone-" + UUID.randomUUID();
		TimeZone original = TimeZone.getDefault();
		Instant before = Instant.now().minusMillis(1);
		try {
			audit.record(SCHOOL, ACTOR, "zone@schule.example", "sign-in.ok", marker, "in " + original.getID(), null);
			TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14
			audit.record(SCHOOL, ACTOR, "zone@schule.example", "sign-in.ok", marker, "in Kiritimati", null);
			assertIntact();
			TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
			assertIntact();
			List<AuditLog.Entry> mine = audit.recent(SCHOOL, 1000).stream().filter(e -> marker.equals(e.target())).toList();
			assertThat(mine).hasSize(2).allSatisfy(e -> assertThat(e.occurredAt()).isBetween(before, Instant.now()));
		}
		finally {
			TimeZone.setDefault(original);
		}
		assertIntact();
	}

	@Test
	void theClientAddressOfTheHttpRequestIsCommittedTo() throws Exception {
		String login = "nobody-" + UUID.randomUUID() + "@example.org";
		mvc.perform(post("/anmelden").with(csrf()).param("login", login).param("password", "wrong").with(request -> {
			request.setRemoteAddr("198.51.100.23");
			return request;
		}));
		List<Long> seqs = rows().seqsOfActor(login);
		assertThat(seqs).hasSize(1);
		AuditRows rows = rows();
		long seq = seqs.get(0);
		assertThat(rows.text(seq, "ip")).isEqualTo("198.51.100.23");
		assertThat(rows.text(seq, "ip_commitment"))
			.isEqualTo(AuditEntry.addressCommitment(rows.text(seq, "ip_salt"), "198.51.100.23"));
		assertIntact();
	}
}
