package de.schulhaus.accounts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.SecretHashes;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.accounts.security.SignInThrottle;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Credentials for programs rather than people: app passwords for WebDAV, CalDAV, IMAP and SMTP
 * clients and personal access tokens for the API. Both are shown once and stored as SHA-256.
 * Protocol modules authenticate through {@link #authenticateBasic}.
 */
@Service
public class ClientCredentials {

	private final JdbcClient jdbc;
	private final AccountRepository accounts;
	private final AccountUserDetailsService users;
	private final PasswordEncoder passwords;
	private final SignInThrottle throttle;
	private final AuditLog audit;

	ClientCredentials(JdbcClient jdbc, AccountRepository accounts, AccountUserDetailsService users, PasswordEncoder passwords,
			SignInThrottle throttle, AuditLog audit) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.users = users;
		this.passwords = passwords;
		this.throttle = throttle;
		this.audit = audit;
	}

	/** Creates an app password; the plain value is returned once and never stored. */
	@Transactional
	public CreatedSecret createAppPassword(SchulhausUser user, String label) {
		String name = validLabel(label);
		String secret = SecretHashes.readablePassword(5);
		UUID id = Ids.newId();
		jdbc.sql("insert into app_password (id, school_id, account_id, label, secret_hash, created_at) values (:id, :school, :account, :label, :hash, :at)")
			.param("id", id).param("school", user.schoolId()).param("account", user.accountId()).param("label", name)
			.param("hash", SecretHashes.sha256(secret)).param("at", Timestamp.from(Instant.now())).update();
		audit.record(user, "app-password.created", name, null);
		return new CreatedSecret(id, name, secret);
	}

	public List<Credential> appPasswords(SchulhausUser user) {
		return jdbc.sql("select id, label, created_at, last_used_at from app_password where account_id = :a order by created_at desc")
			.param("a", user.accountId()).query(ClientCredentials::mapCredential).list();
	}

	@Transactional
	public void revokeAppPassword(SchulhausUser user, UUID id) {
		int n = jdbc.sql("delete from app_password where id = :id and account_id = :a").param("id", id).param("a", user.accountId()).update();
		if (n == 0) {
			throw new NotFoundException("app password");
		}
		audit.record(user, "app-password.revoked", id.toString(), null);
	}

	/** Creates a personal access token for the API ({@code Authorization: Bearer}). */
	@Transactional
	public CreatedSecret createToken(UUID accountId, UUID schoolId, String label, String presetToken) {
		String token = presetToken != null && !presetToken.isBlank() ? presetToken.strip() : "sh_" + SecretHashes.token(30);
		UUID id = Ids.newId();
		jdbc.sql("insert into access_token (id, school_id, account_id, label, token_hash, created_at) values (:id, :school, :account, :label, :hash, :at)")
			.param("id", id).param("school", schoolId).param("account", accountId).param("label", validLabel(label))
			.param("hash", SecretHashes.sha256(token)).param("at", Timestamp.from(Instant.now())).update();
		return new CreatedSecret(id, label, token);
	}

	/** A token the signed-in person creates for their own scripts. */
	@Transactional
	public CreatedSecret createToken(SchulhausUser user, String label) {
		CreatedSecret created = createToken(user.accountId(), user.schoolId(), label, null);
		audit.record(user, "token.created", created.label(), null);
		return created;
	}

	public List<Credential> tokens(SchulhausUser user) {
		return jdbc.sql("select id, label, created_at, last_used_at from access_token where account_id = :a order by created_at desc")
			.param("a", user.accountId()).query(ClientCredentials::mapCredential).list();
	}

	@Transactional
	public void revokeToken(SchulhausUser user, UUID id) {
		int n = jdbc.sql("delete from access_token where id = :id and account_id = :a").param("id", id).param("a", user.accountId()).update();
		if (n == 0) {
			throw new NotFoundException("token");
		}
		audit.record(user, "token.revoked", id.toString(), null);
	}

	/** The person a bearer token belongs to, if the token is valid and the person may sign in. */
	public Optional<SchulhausUser> authenticateToken(String token) {
		if (token == null || token.isBlank() || token.length() > 200) {
			return Optional.empty();
		}
		return jdbc.sql("select account_id from access_token where token_hash = :h").param("h", SecretHashes.sha256(token.strip()))
			.query(UUID.class).optional()
			.flatMap(accounts::findById)
			.map(users::toUser)
			.filter(SchulhausUser::isEnabled);
	}

	/**
	 * HTTP Basic / SASL PLAIN for protocol clients: an app password, or the account password while
	 * the account has no second factor. Failures count towards the sign-in throttle.
	 */
	public Optional<SchulhausUser> authenticateBasic(String login, String secret, String ip) {
		if (login == null || secret == null || !throttle.allowed(ip)) {
			return Optional.empty();
		}
		Optional<SchulhausUser> user = users.load(login).filter(SchulhausUser::isEnabled);
		if (user.isPresent() && !user.get().isAccountNonLocked()) {
			audit.record(user.get().schoolId(), null, login, "sign-in.failed", "basic", "locked");
			return Optional.empty();
		}
		if (user.isPresent()) {
			UUID accountId = user.get().accountId();
			boolean appPassword = jdbc.sql("select count(*) from app_password where account_id = :a and secret_hash = :h")
				.param("a", accountId).param("h", SecretHashes.sha256(secret.strip())).query(Long.class).single() > 0;
			boolean accountPassword = !appPassword && !user.get().twoFactorEnabled() && user.get().getPassword() != null
					&& passwords.matches(secret, user.get().getPassword());
			if (appPassword || accountPassword) {
				throttle.succeeded(user.get());
				user.get().eraseCredentials();
				return user;
			}
		}
		throttle.failed(login, ip);
		audit.record(user.map(SchulhausUser::schoolId).orElse(null), null, login, "sign-in.failed", "basic", null);
		return Optional.empty();
	}

	private static String validLabel(String label) {
		String l = label == null ? "" : label.strip();
		if (l.isEmpty() || l.length() > 100) {
			throw new InvalidInputException("label", "accounts.error.label");
		}
		return l;
	}

	private static Credential mapCredential(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Timestamp used = rs.getTimestamp(4);
		return new Credential(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
				used == null ? null : used.toInstant());
	}

	/** Serializable: it travels to the next page as a flash attribute in the database session. */
	public record CreatedSecret(UUID id, String label, String secret) implements java.io.Serializable {
	}

	public record Credential(UUID id, String label, Instant createdAt, Instant lastUsedAt) {
	}
}
