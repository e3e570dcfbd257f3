package de.schulhaus.schools;

import java.time.Instant;
import java.util.UUID;

/** A school as other modules see it. */
public record School(UUID id, String name, String schoolNumber, SchoolType type, String mailDomain,
		SchoolStatus status, Quotas quotas, Instant createdAt) {

	public boolean signInAllowed() {
		return status != SchoolStatus.SUSPENDED && status != SchoolStatus.DELETED;
	}
}
