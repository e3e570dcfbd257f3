package de.schulhaus.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import de.schulhaus.accounts.internal.SecretHashes;
import de.schulhaus.platform.SchulhausUser;

/**
 * Protocol clients (WebDAV, CalDAV, IMAP) send their credentials with every request. A credential
 * verified in the last few minutes is remembered here, keyed by a hash of login and secret (never
 * the secret), so that the next request costs no password hash and one primary-key read: the
 * account's credentials version and status, which every node sees, so that a new password, a revoked
 * app password, a deactivation or a suspended school ends the entry on all nodes at once.
 */
@Component
class VerifiedCredentials {

	static final Duration TTL = Duration.ofMinutes(5);

	private final Cache<String, Entry> entries = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(100_000).build();
	private final JdbcClient jdbc;

	VerifiedCredentials(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A verified credential: who, for which scopes, from which version on, until when (null: no expiry). */
	record Entry(SchulhausUser user, long version, Set<Scope> scopes, UUID appPasswordId, Instant credentialExpiresAt) {
	}

	static String key(String login, String secret) {
		return SecretHashes.sha256(login.strip().toLowerCase(java.util.Locale.ROOT) + "\u0000" + secret);
	}

	/** The person, if this credential was verified lately for {@code scope} and nothing changed since. */
	Optional<Entry> find(String key, Scope scope) {
		Entry entry = entries.getIfPresent(key);
		if (entry == null || !entry.scopes().contains(scope)
				|| (entry.credentialExpiresAt() != null && !entry.credentialExpiresAt().isAfter(Instant.now()))) {
			return Optional.empty();
		}
		// a suspended school bumps the version of all its people (SuspendedSchoolSignOut)
		boolean current = jdbc.sql("select count(*) from account where id = :id and credentials_version = :version and status = 'ACTIVE'")
			.param("id", entry.user().accountId()).param("version", entry.version()).query(Long.class).single() == 1;
		if (!current) {
			entries.invalidate(key);
			return Optional.empty();
		}
		return Optional.of(entry);
	}

	void remember(String key, Entry entry) {
		entries.put(key, entry);
	}

	long versionOf(UUID accountId) {
		return jdbc.sql("select credentials_version from account where id = :id").param("id", accountId).query(Long.class).single();
	}
}
