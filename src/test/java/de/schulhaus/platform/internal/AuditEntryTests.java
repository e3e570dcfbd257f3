package de.schulhaus.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The hash an outside auditor recomputes: fixed encoding, no ambiguity, no time zone. */
class AuditEntryTests {

	private static final String GENESIS = "0".repeat(64);
	private static final Instant AT = Instant.parse("2026-11-30T09:15:00.123456Z");
	private static final UUID SCHOOL = UUID.fromString("0192f3a0-0000-7000-8000-000000000001");
	private static final UUID ACTOR = UUID.fromString("0192f3a0-0000-7000-8000-000000000002");

	@Test
	void hashIsTheDocumentedEncoding() {
		// computed independently (Python's hashlib) from the encoding described in AuditEntry
		String commitment = AuditEntry.addressCommitment("00112233445566778899aabbccddeeff", "203.0.113.7");
		assertThat(commitment).isEqualTo("34822168c71edb605f926ad8339a7fd03fbd3b65b7f605afa5c30099ccdf9ecb");
		AuditEntry entry = new AuditEntry(AT, SCHOOL, ACTOR, "anna.mueller@123456.schulhaus.local", "sign-in.failed",
				"Größe ✓", "totp", commitment);
		assertThat(entry.hash(GENESIS)).isEqualTo("68872a2cba53df13ecf2f039f7507954d05d0b655be1103496f2852ac3a67cf6");
		assertThat(new AuditEntry(AT, null, null, null, "sign-in.failed", null, null, null).hash(GENESIS))
			.isEqualTo("e61a803009bf9c97b204c80140fb6b439ee1770b16a445ea65a4f68aea33e427");
	}

	@Test
	void fieldBoundariesAndAbsenceCount() {
		assertThat(entry("ab", "c").hash(GENESIS)).isNotEqualTo(entry("a", "bc").hash(GENESIS));
		assertThat(entry("", null).hash(GENESIS)).isNotEqualTo(entry(null, "").hash(GENESIS));
		assertThat(entry("x", null).hash(GENESIS)).isNotEqualTo(entry("x", "").hash(GENESIS));
		assertThat(entry("x", "y").hash(GENESIS)).isNotEqualTo(entry("x", "y").hash("1".repeat(64)));
	}

	@Test
	void timeIsHashedInUtcMicroseconds() {
		AuditEntry nanos = new AuditEntry(Instant.parse("2026-11-30T09:15:00.123456789Z"), SCHOOL, ACTOR, "a", "b", "c", "d", null);
		AuditEntry micros = new AuditEntry(Instant.parse("2026-11-30T09:15:00.123456Z"), SCHOOL, ACTOR, "a", "b", "c", "d", null);
		assertThat(nanos.occurredAt()).isEqualTo(micros.occurredAt());
		assertThat(nanos.hash(GENESIS)).isEqualTo(micros.hash(GENESIS));
	}

	@Test
	void commitmentHidesTheAddressBehindTheSalt() {
		String salt = AuditEntry.newSalt();
		assertThat(salt).hasSize(32).matches("[0-9a-f]+");
		assertThat(AuditEntry.newSalt()).isNotEqualTo(salt);
		assertThat(AuditEntry.addressCommitment(salt, "203.0.113.7"))
			.isEqualTo(AuditEntry.addressCommitment(salt, "203.0.113.7"))
			.isNotEqualTo(AuditEntry.addressCommitment(AuditEntry.newSalt(), "203.0.113.7"))
			.isNotEqualTo(AuditEntry.addressCommitment(salt, "203.0.113.8"));
	}

	private static AuditEntry entry(String target, String details) {
		return new AuditEntry(AT, SCHOOL, ACTOR, "login", "action", target, details, null);
	}
}
