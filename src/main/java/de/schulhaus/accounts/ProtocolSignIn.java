package de.schulhaus.accounts;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import de.schulhaus.accounts.internal.SecretHashes;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.accounts.security.DummyHash;
import de.schulhaus.accounts.security.SignInThrottle;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;

/**
 * The one way in for programs: HTTP Basic on WebDAV, CalDAV and the API, SASL PLAIN on IMAP and
 * SMTP, bearer tokens on the API. Each request names the {@link Scope} it wants and the protocol
 * and client address it came from.
 * <ul>
 * <li>An app password works for the scopes it was made for, until it expires or is revoked (checked
 * in the database on every use, so revoking acts on all nodes at once).</li>
 * <li>The account password works only for people without a second factor and never for roles that
 * must have one (operator, school admins): they use app passwords or tokens.</li>
 * <li>Failures count towards the sign-in throttle, per account and per address; every refusal
 * costs one password hash, whether the login exists or not.</li>
 * <li>Last use (time, protocol, address) is written at most once a minute per credential.</li>
 * <li>A credential verified in the last minutes is remembered ({@link VerifiedCredentials}): the next
 * request costs no hash and one primary-key read (a remembered app password not even the address
 * limit's read: it is not guessed).</li>
 * </ul>
 */
@Service
public class ProtocolSignIn {

	private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

	private final JdbcClient jdbc;
	private final AccountUserDetailsService users;
	private final PasswordEncoder passwords;
	private final SignInThrottle throttle;
	private final AuditLog audit;
	private final DummyHash dummy;
	private final VerifiedCredentials verified;
	private final Cache<UUID, Instant> lastWrites = Caffeine.newBuilder().expireAfterWrite(LAST_USE_RESOLUTION).maximumSize(100_000).build();

	ProtocolSignIn(JdbcClient jdbc, AccountUserDetailsService users, PasswordEncoder passwords, SignInThrottle throttle, AuditLog audit,
			DummyHash dummy, VerifiedCredentials verified) {
		this.dummy = dummy;
		this.verified = verified;
		this.jdbc = jdbc;
		this.users = users;
		this.passwords = passwords;
		this.throttle = throttle;
		this.audit = audit;
	}

	/** The person behind a login and secret, if the secret is good for {@code scope}. */
	public Optional<SchulhausUser> authenticate(String login, String secret, Scope scope, String protocol, String clientAddress) {
		if (login == null || secret == null || secret.length() > 1000 || login.length() > 320) {
			return Optional.empty();
		}
		String key = VerifiedCredentials.key(login, secret);
		Optional<VerifiedCredentials.Entry> remembered = verified.find(key, scope);
		// the address limit is against guessing; nobody guesses a remembered app password (100 random bits), so
		// its requests (a sync client's every PUT) skip that query, while the school's other people may be guessing
		if (remembered.isPresent() && remembered.get().appPasswordId() != null) {
			noteUse("app_password", remembered.get().appPasswordId(), null, protocol, clientAddress);
			return Optional.of(remembered.get().user());
		}
		if (!throttle.allowed(clientAddress)) {
			return Optional.empty();
		}
		if (remembered.isPresent()) {
			return Optional.of(remembered.get().user());
		}
		Optional<SchulhausUser> found = users.load(login);
		if (found.isPresent() && !found.get().isAccountNonLocked()) {
			// locked: refused like a wrong password, and not counted again (the lock would never end)
			dummy.spend(secret);
			audit.record(found.get().schoolId(), null, login, "sign-in.failed", protocol, "locked", clientAddress);
			return Optional.empty();
		}
		SchulhausUser user = found.filter(SchulhausUser::isEnabled).orElse(null);
		// read before the check: a change after it makes the remembered entry stale, never the other way round
		long version = user == null ? 0 : verified.versionOf(user.accountId());
		if (user != null) {
			Optional<AppPasswordRow> app = jdbc.sql("""
					select id, scopes, expires_at, last_used_at from app_password where account_id = :a and secret_hash = :h""")
				.param("a", user.accountId()).param("h", SecretHashes.sha256(secret.strip()))
				.query((rs, n) -> new AppPasswordRow(rs.getObject(1, UUID.class), rs.getString(2), instant(rs.getTimestamp(3)),
						instant(rs.getTimestamp(4))))
				.optional();
			if (app.isPresent()) {
				Set<Scope> scopes = app.get().scopes(user);
				if (scopes.contains(scope) && app.get().unexpired()) {
					noteUse("app_password", app.get().id(), app.get().lastUsedAt(), protocol, clientAddress);
					return remember(key, user, version, scopes, app.get().id(), app.get().expiresAt());
				}
				// a real app password used outside its scope or after its expiry: refused, not guessed
				audit.record(user.schoolId(), user.accountId(), user.login(), "sign-in.refused", protocol,
						"app password " + app.get().id() + " not valid for " + scope.key(), clientAddress);
				return Optional.empty();
			}
		}
		// exactly one hash on every remaining path, so the answer's timing tells nothing
		boolean accountPasswordAllowed = user != null && user.getPassword() != null && !user.twoFactorEnabled()
				&& !user.role().requiresTwoFactor();
		boolean accountPassword = accountPasswordAllowed ? passwords.matches(secret, user.getPassword()) : dummy.spend(secret);
		if (accountPasswordAllowed && accountPassword) {
			Set<Scope> scopes = EnumSet.allOf(Scope.class);
			scopes.removeIf(s -> !s.allowedFor(user.role()));
			return remember(key, user, version, scopes, null, null);
		}
		throttle.failed(login, clientAddress);
		audit.record(found.map(SchulhausUser::schoolId).orElse(null), null, login, "sign-in.failed", protocol, null, clientAddress);
		return Optional.empty();
	}

	private Optional<SchulhausUser> remember(String key, SchulhausUser user, long version, Set<Scope> scopes, UUID appPasswordId,
			Instant expiresAt) {
		throttle.succeeded(user);
		user.eraseCredentials();
		verified.remember(key, new VerifiedCredentials.Entry(user, version, scopes, appPasswordId, expiresAt));
		return Optional.of(user);
	}

	/** The person a bearer token belongs to, if the token is valid and unexpired and the person may sign in. */
	public Optional<SchulhausUser> authenticateToken(String token, String clientAddress) {
		if (token == null || token.isBlank() || token.length() > 200) {
			return Optional.empty();
		}
		return jdbc.sql("select id, account_id, expires_at, last_used_at from access_token where token_hash = :h")
			.param("h", SecretHashes.sha256(token.strip()))
			.query((rs, n) -> new TokenRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), instant(rs.getTimestamp(3)),
					instant(rs.getTimestamp(4))))
			.optional()
			.filter(row -> row.expiresAt() == null || row.expiresAt().isAfter(Instant.now()))
			.flatMap(row -> users.loadById(row.accountId()).filter(SchulhausUser::isEnabled).map(user -> {
				noteUse("access_token", row.id(), row.lastUsedAt(), "api", clientAddress);
				return user;
			}));
	}

	/** Last use, written at most once a minute per credential (known last use, or this node's memory of its last write). */
	private void noteUse(String table, UUID id, Instant lastUsedAt, String protocol, String clientAddress) {
		Instant now = Instant.now();
		Instant known = lastUsedAt != null ? lastUsedAt : lastWrites.getIfPresent(id);
		if (known != null && known.isAfter(now.minus(LAST_USE_RESOLUTION))) {
			return;
		}
		lastWrites.put(id, now);
		String address = clientAddress == null ? null : clientAddress.length() <= 64 ? clientAddress : clientAddress.substring(0, 64);
		jdbc.sql("update " + table + " set last_used_at = :now, last_used_protocol = :protocol, last_used_address = :address where id = :id")
			.param("now", Timestamp.from(now)).param("protocol", protocol).param("address", address).param("id", id).update();
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	private record AppPasswordRow(UUID id, String scopes, Instant expiresAt, Instant lastUsedAt) {

		/** Its scopes, less those the person's role no longer allows. */
		Set<Scope> scopes(SchulhausUser user) {
			Set<Scope> granted = Scope.split(scopes);
			granted.removeIf(s -> !s.allowedFor(user.role()));
			return granted;
		}

		boolean unexpired() {
			return expiresAt == null || expiresAt.isAfter(Instant.now());
		}
	}

	private record TokenRow(UUID id, UUID accountId, Instant expiresAt, Instant lastUsedAt) {
	}
}
