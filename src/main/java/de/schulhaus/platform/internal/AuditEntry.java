package de.schulhaus.platform.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * What an audit entry's hash covers, and how it is computed, so that anyone can check the chain
 * without Schulhaus: SHA-256 (lower-case hex) over the tag {@code schulhaus-audit-v1}, the previous
 * entry's hash, the time in UTC ({@code 2026-11-30T09:15:00.123456Z}), school id, actor id, actor
 * login, action, target, details and the address commitment. Each field is written as its UTF-8
 * length in four bytes (big-endian) followed by its bytes, an absent field as length -1: so "ab"+"c"
 * and "a"+"bc" differ, and so do absent and empty.
 *
 * <p>The client's address itself is not hashed, only a commitment to it: SHA-256 over the tag
 * {@code schulhaus-audit-address-v1}, a random salt and the address, encoded the same way. Removing
 * address and salt after the retention period leaves the commitment, and so the chain, intact; without
 * the salt the commitment no longer reveals the address.
 */
public record AuditEntry(Instant occurredAt, UUID schoolId, UUID actorId, String actorLogin, String action,
		String target, String details, String addressCommitment) {

	private static final String TAG = "schulhaus-audit-v1";
	private static final String ADDRESS_TAG = "schulhaus-audit-address-v1";
	private static final DateTimeFormatter UTC_MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);
	private static final SecureRandom RANDOM = new SecureRandom();
	private static final HexFormat HEX = HexFormat.of();

	/** Microseconds are what both PostgreSQL and H2 keep, so the stored time reads back as hashed. */
	public AuditEntry {
		occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
	}

	/** The hash of this entry when it follows the entry whose hash is {@code previousHash}. */
	public String hash(String previousHash) {
		return sha256(TAG, previousHash, UTC_MICROS.format(occurredAt), text(schoolId), text(actorId), actorLogin, action,
				target, details, addressCommitment);
	}

	public static String addressCommitment(String salt, String address) {
		return sha256(ADDRESS_TAG, salt, address);
	}

	/** 16 random bytes as 32 hex digits. */
	public static String newSalt() {
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		return HEX.formatHex(salt);
	}

	private static String text(UUID id) {
		return id == null ? null : id.toString();
	}

	private static String sha256(String... fields) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String field : fields) {
				if (field == null) {
					digest.update(ByteBuffer.allocate(4).putInt(-1).array());
				}
				else {
					byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
					digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
					digest.update(bytes);
				}
			}
			return HEX.formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JDK", e);
		}
	}
}
