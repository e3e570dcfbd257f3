package de.schulhaus.accounts;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
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

	ProtocolSignIn(JdbcClient jdbc, AccountUserDetailsService users, PasswordEncoder passwords, SignInThrottle throttle, AuditLog audit,
			DummyHash dummy) {
		this.dummy = dummy;
		this.jdbc = jdbc;
		this.users = users;
		this.passwords = passwords;
		this.throttle = throttle;
		this.audit = audit;
	}

	/** The person behind a login and secret, if the secret is good for {@code scope}. */
	public Optional<SchulhausUser> authenticate(String login, String secret, Scope scope, String protocol, String clientAddress) {
		if (login == null || secret == null || secret.length() > 1000 || !throttle.allowed(clientAddress)) {
			return Optional.empty();
		}
		Optional<SchulhausUser> found = users.load(login);
		if (found.isPresent() && !found.get().isAccountNonLocked()) {
			// locked: refused like a wrong password, and not counted again (the lock would never end)
			dummy.spend(secret);
			audit.record(found.get().schoolId(), null, login, "sign-in.failed", protocol, "locked");
			return Optional.empty();
		}
		SchulhausUser user = found.filter(SchulhausUser::isEnabled).orElse(null);
		if (user != null) {
			Optional<AppPasswordRow> app = jdbc.sql("""
					select id, scopes, expires_at, last_used_at from app_password where account_id = :a and secret_hash = :h""")
				.param("a", user.accountId()).param("h", SecretHashes.sha256(secret.strip()))
				.query((rs, n) -> new AppPasswordRow(rs.getObject(1, UUID.class), rs.getString(2), instant(rs.getTimestamp(3)),
						instant(rs.getTimestamp(4))))
				.optional();
			if (app.isPresent()) {
				if (app.get().usableFor(scope) && scope.allowedFor(user.role())) {
					noteUse("app_password", app.get().id(), app.get().lastUsedAt(), protocol, clientAddress);
					return succeeded(user);
				}
				// a real app password used outside its scope or after its expiry: refused, not guessed
				audit.record(user.schoolId(), user.accountId(), user.login(), "sign-in.refused", protocol,
						"app password " + app.get().id() + " not valid for " + scope.key());
				return Optional.empty();
			}
		}
		// exactly one hash on every remaining path, so the answer's timing tells nothing
		boolean accountPasswordAllowed = user != null && user.getPassword() != null && !user.twoFactorEnabled()
				&& !user.role().requiresTwoFactor();
		boolean accountPassword = accountPasswordAllowed ? passwords.matches(secret, user.getPassword()) : dummy.spend(secret);
		if (accountPasswordAllowed && accountPassword) {
			return succeeded(user);
		}
		throttle.failed(login, clientAddress);
		audit.record(found.map(SchulhausUser::schoolId).orElse(null), null, login, "sign-in.failed", protocol, null);
		return Optional.empty();
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

	private Optional<SchulhausUser> succeeded(SchulhausUser user) {
		throttle.succeeded(user);
		user.eraseCredentials();
		return Optional.of(user);
	}

	private void noteUse(String table, UUID id, Instant lastUsedAt, String protocol, String clientAddress) {
		Instant now = Instant.now();
		if (lastUsedAt != null && lastUsedAt.isAfter(now.minus(LAST_USE_RESOLUTION))) {
			return;
		}
		String address = clientAddress == null ? null : clientAddress.length() <= 64 ? clientAddress : clientAddress.substring(0, 64);
		jdbc.sql("update " + table + " set last_used_at = :now, last_used_protocol = :protocol, last_used_address = :address where id = :id")
			.param("now", Timestamp.from(now)).param("protocol", protocol).param("address", address).param("id", id).update();
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	private record AppPasswordRow(UUID id, String scopes, Instant expiresAt, Instant lastUsedAt) {

		boolean usableFor(Scope scope) {
			return Scope.split(scopes).contains(scope) && (expiresAt == null || expiresAt.isAfter(Instant.now()));
		}
	}

	private record TokenRow(UUID id, UUID accountId, Instant expiresAt, Instant lastUsedAt) {
	}
}
