package de.schulhaus.accounts;

import java.time.Instant;
import java.util.UUID;

import de.schulhaus.platform.Role;

/** A person's account as other modules and the web layer see it. The login is the service address. */
public record Account(UUID id, UUID schoolId, String login, String firstName, String lastName, Role role,
		AccountStatus status, AccountSource source, String sourceId, String language, boolean totpEnabled,
		boolean mustChangePassword, Instant createdAt, Instant lastSignInAt) {

	public String displayName() {
		return firstName + " " + lastName;
	}

	public boolean active() {
		return status == AccountStatus.ACTIVE;
	}
}
