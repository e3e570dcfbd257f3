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

import de.schulhaus.accounts.internal.CredentialChanges;
import de.schulhaus.accounts.internal.SecretHashes;
import de.schulhaus.platform.SchulhausUser;

/**
 * Protocol clients (WebDAV, CalDAV, IMAP) send their credentials with every request. A credential
 * verified in the last few minutes is remembered here, keyed by a hash of login and secret (never
 * the secret), so that the next request costs no password hash and at most one primary-key read: the
 * account's credentials version and status, which every node sees, so that a new password, a revoked
 * app password, a deactivation or a suspended school ends the entry on all nodes. That read is
 * trusted for {@link #RECHECK} (a sync client's burst of PUTs asks once, not once a request) unless
 * this node changed anybody's sign-in since ({@link CredentialChanges}): a change made here is felt
 * by the next request at once, one made on another node within that second.
 */
@Component
class VerifiedCredentials {

	static final Duration TTL = Duration.ofMinutes(5);
	/** How long a read of the account's credentials version is trusted when this node changed no sign-in since. */
	static final Duration RECHECK = Duration.ofSeconds(1);

	private final Cache<String, Slot> entries = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(100_000).build();
	private final JdbcClient jdbc;
	private final CredentialChanges changes;

	VerifiedCredentials(JdbcClient jdbc, CredentialChanges changes) {
		this.jdbc = jdbc;
		this.changes = changes;
	}

	/** An entry and its last check against the database. */
	private static final class Slot {
		final Entry entry;
		volatile Check checked;

		Slot(Entry entry) {
			this.entry = entry;
		}
	}

	/** A read of the version that found it current: begun at {@code at} (System.nanoTime) with this node's count of changes at {@code changes}. */
	private record Check(long at, long changes) {
	}

	/** A verified credential: who, for which scopes, from which version on, until when (null: no expiry). */
	record Entry(SchulhausUser user, long version, Set<Scope> scopes, UUID appPasswordId, Instant credentialExpiresAt) {
	}

	static String key(String login, String secret) {
		return SecretHashes.sha256(login.strip().toLowerCase(java.util.Locale.ROOT) + "\u0000" + secret);
	}

	/** The person, if this credential was verified lately for {@code scope} and nothing changed since. */
	Optional<Entry> find(String key, Scope scope) {
		Slot slot = entries.getIfPresent(key);
		Entry entry = slot == null ? null : slot.entry;
		if (entry == null || !entry.scopes().contains(scope)
				|| (entry.credentialExpiresAt() != null && !entry.credentialExpiresAt().isAfter(Instant.now()))) {
			return Optional.empty();
		}
		// both taken before the read: the read's answer is trusted from then on, and any change made here meanwhile undoes it
		long now = System.nanoTime();
		long seen = changes.current();
		Check checked = slot.checked;
		if (checked != null && checked.changes() == seen && now - checked.at() < RECHECK.toNanos()) {
			return Optional.of(entry);
		}
		// a suspended school bumps the version of all its people (SuspendedSchoolSignOut)
		boolean current = jdbc.sql("select count(*) from account where id = :id and credentials_version = :version and status = 'ACTIVE'")
			.param("id", entry.user().accountId()).param("version", entry.version()).query(Long.class).single() == 1;
		if (!current) {
			entries.invalidate(key);
			return Optional.empty();
		}
		slot.checked = new Check(now, seen);
		return Optional.of(entry);
	}

	/** Remembered unchecked: the next request reads the version (it was read before this entry's check, and may be older). */
	void remember(String key, Entry entry) {
		entries.put(key, new Slot(entry));
	}

	long versionOf(UUID accountId) {
		return jdbc.sql("select credentials_version from account where id = :id").param("id", accountId).query(Long.class).single();
	}
}
