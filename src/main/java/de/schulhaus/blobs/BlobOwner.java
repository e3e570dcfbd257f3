package de.schulhaus.blobs;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Whose quota a blob counts against: its school (null only for the platform's own content) and,
 * for content in a personal or group space, that account or group.
 *
 * @param schoolId the school, or null for the platform's own content
 * @param kind {@link Kind#ACCOUNT} or {@link Kind#GROUP} for a space, null for the school as a whole
 * @param ownerId the account's or group's id, with {@code kind}
 */
public record BlobOwner(UUID schoolId, Kind kind, UUID ownerId) {

	public enum Kind {
		ACCOUNT, GROUP,
		/** Mail of an account (the owner id), counted against its mail quota, apart from its files. */
		MAIL;

		String column() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	public BlobOwner {
		if ((kind == null) != (ownerId == null)) {
			throw new IllegalArgumentException("an owner kind goes with an owner id");
		}
		if (kind != null) {
			Objects.requireNonNull(schoolId, "a space belongs to a school");
		}
	}

	/** Content of the school as a whole (roster uploads, logos, ...). */
	public static BlobOwner school(UUID schoolId) {
		return new BlobOwner(Objects.requireNonNull(schoolId), null, null);
	}

	/** Content in an account's personal space. */
	public static BlobOwner account(UUID schoolId, UUID accountId) {
		return new BlobOwner(schoolId, Kind.ACCOUNT, Objects.requireNonNull(accountId));
	}

	/** Content in a group's (class, course, staff) space. */
	public static BlobOwner group(UUID schoolId, UUID groupId) {
		return new BlobOwner(schoolId, Kind.GROUP, Objects.requireNonNull(groupId));
	}

	/** Content in the school-wide file space ("Schule"): counted like a group's, under the school's own id. */
	public static BlobOwner schoolSpace(UUID schoolId) {
		return group(schoolId, schoolId);
	}

	/** Content in the school office's file space ("Verwaltung"): counted like a group's, under an id derived from the school's. */
	public static BlobOwner officeSpace(UUID schoolId) {
		return group(schoolId, UUID.nameUUIDFromBytes(("schulhaus-office-space:" + schoolId).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

	/** A person's mail: raw messages in their mailbox, counted against their mail quota. */
	public static BlobOwner mail(UUID schoolId, UUID accountId) {
		return new BlobOwner(schoolId, Kind.MAIL, Objects.requireNonNull(accountId));
	}

	/** The platform's own content, counted against no school. */
	public static BlobOwner platform() {
		return new BlobOwner(null, null, null);
	}
}
