package de.schulhaus.accounts.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import de.schulhaus.platform.UtcTimestampMigration;

/** Flyway migration 202611301050: the accounts module's points in time, stored with their zone. */
@Component
class AccountsUtcTimestamps extends UtcTimestampMigration {

	AccountsUtcTimestamps() {
		super("202611301050", Map.of(
				"account", List.of("created_at", "last_sign_in_at", "failed_sign_ins_since", "failed_codes_since"),
				"school_group", List.of("created_at"),
				"app_password", List.of("created_at", "last_used_at", "expires_at"),
				"access_token", List.of("created_at", "last_used_at", "expires_at"),
				"recovery_code", List.of("used_at"),
				"sign_in_link", List.of("expires_at", "used_at"),
				"roster_upload", List.of("created_at"),
				"sign_in_address_failure", List.of("since"),
				"external_identity", List.of("created_at")));
	}
}
