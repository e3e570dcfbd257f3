package de.schulhaus.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.SecretHashes;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Credentials for programs rather than people: app passwords for WebDAV, CalDAV, IMAP and SMTP
 * clients (each for the scopes it is made for) and personal access tokens for the API. Both are
 * shown once and stored as SHA-256, may expire, and show where they were last used. Callers
 * re-authenticate the person before creating one; {@link ProtocolSignIn} checks them.
 */
@Service
public class ClientCredentials {

	private static final ZoneId SCHOOL_TIME = ZoneId.of("Europe/Berlin");

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final AccountRepository accounts;

	ClientCredentials(JdbcClient jdbc, AuditLog audit, AccountRepository accounts) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** Creates an app password; the plain value is returned once and never stored. */
	@Transactional
	public CreatedSecret createAppPassword(SchulhausUser user, String label, Set<Scope> scopes, LocalDate expiresOn) {
		String name = validLabel(label);
		if (scopes == null || scopes.isEmpty()) {
			throw new InvalidInputException("scopes", "accounts.error.scopes");
		}
		if (scopes.stream().anyMatch(s -> !s.allowedFor(user.role()))) {
			throw new InvalidInputException("scopes", "accounts.error.scopeApi");
		}
		String secret = SecretHashes.readablePassword(5);
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into app_password (id, school_id, account_id, label, secret_hash, created_at, scopes, expires_at)
				values (:id, :school, :account, :label, :hash, :at, :scopes, :expires)""")
			.param("id", id).param("school", user.schoolId()).param("account", user.accountId()).param("label", name)
			.param("hash", SecretHashes.sha256(secret)).param("at", Timestamp.from(Instant.now())).param("scopes", Scope.join(scopes))
			.param("expires", expiry(expiresOn)).update();
		audit.record(user, "app-password.created", name, Scope.join(scopes) + (expiresOn == null ? "" : " bis " + expiresOn));
		return new CreatedSecret(id, name, secret);
	}

	public List<Credential> appPasswords(SchulhausUser user) {
		return appPasswords(user.accountId());
	}

	/** The person's app passwords, never their hashes; the caller has checked that the account is in its school. */
	public List<Credential> appPasswords(UUID accountId) {
		return jdbc.sql("""
				select id, label, created_at, expires_at, last_used_at, last_used_protocol, last_used_address, scopes
				from app_password where account_id = :a order by created_at desc""")
			.param("a", accountId).query(ClientCredentials::mapCredential).list();
	}

	@Transactional
	public void revokeAppPassword(SchulhausUser user, UUID id) {
		int n = jdbc.sql("delete from app_password where id = :id and account_id = :a").param("id", id).param("a", user.accountId()).update();
		if (n == 0) {
			throw new NotFoundException("app password");
		}
		accounts.bumpCredentialsVersion(user.accountId());
		audit.record(user, "app-password.revoked", id.toString(), null);
	}

	/** Creates a personal access token for the API ({@code Authorization: Bearer}). */
	@Transactional
	public CreatedSecret createToken(UUID accountId, UUID schoolId, String label, String presetToken, LocalDate expiresOn) {
		String token = presetToken != null && !presetToken.isBlank() ? presetToken.strip() : "sh_" + SecretHashes.token(30);
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into access_token (id, school_id, account_id, label, token_hash, created_at, expires_at)
				values (:id, :school, :account, :label, :hash, :at, :expires)""")
			.param("id", id).param("school", schoolId).param("account", accountId).param("label", validLabel(label))
			.param("hash", SecretHashes.sha256(token)).param("at", Timestamp.from(Instant.now())).param("expires", expiry(expiresOn))
			.update();
		return new CreatedSecret(id, label, token);
	}

	/** A token the signed-in person creates for their own scripts. */
	@Transactional
	public CreatedSecret createToken(SchulhausUser user, String label, LocalDate expiresOn) {
		if (!Scope.mayUseApi(user.role())) {
			throw new InvalidInputException("label", "accounts.error.scopeApi");
		}
		CreatedSecret created = createToken(user.accountId(), user.schoolId(), label, null, expiresOn);
		audit.record(user, "token.created", created.label(), expiresOn == null ? null : "bis " + expiresOn);
		return created;
	}

	public List<Credential> tokens(SchulhausUser user) {
		return tokens(user.accountId());
	}

	/** The person's access tokens, never their hashes; the caller has checked that the account is in its school. */
	public List<Credential> tokens(UUID accountId) {
		return jdbc.sql("""
				select id, label, created_at, expires_at, last_used_at, last_used_protocol, last_used_address, 'api' as scopes
				from access_token where account_id = :a order by created_at desc""")
			.param("a", accountId).query(ClientCredentials::mapCredential).list();
	}

	@Transactional
	public void revokeToken(SchulhausUser user, UUID id) {
		int n = jdbc.sql("delete from access_token where id = :id and account_id = :a").param("id", id).param("a", user.accountId()).update();
		if (n == 0) {
			throw new NotFoundException("token");
		}
		audit.record(user, "token.revoked", id.toString(), null);
	}

	/** An expiry date means: usable through that whole day, school time. */
	private static Timestamp expiry(LocalDate expiresOn) {
		if (expiresOn == null) {
			return null;
		}
		if (!expiresOn.isAfter(LocalDate.now(SCHOOL_TIME).minusDays(1)) || expiresOn.isAfter(LocalDate.now(SCHOOL_TIME).plusYears(5))) {
			throw new InvalidInputException("expiresOn", "accounts.error.expiry");
		}
		return Timestamp.from(expiresOn.plusDays(1).atStartOfDay(SCHOOL_TIME).toInstant());
	}

	private static String validLabel(String label) {
		String l = label == null ? "" : label.strip();
		if (l.isEmpty() || l.length() > 100 || l.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException("label", "accounts.error.label");
		}
		return l;
	}

	private static Credential mapCredential(ResultSet rs, int n) throws SQLException {
		return new Credential(rs.getObject("id", UUID.class), rs.getString("label"), instant(rs, "created_at"), instant(rs, "expires_at"),
				instant(rs, "last_used_at"), rs.getString("last_used_protocol"), rs.getString("last_used_address"),
				Scope.split(rs.getString("scopes")));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	/** Serializable: it travels to the next page as a flash attribute in the database session. */
	public record CreatedSecret(UUID id, String label, String secret) implements java.io.Serializable {
	}

	/** An app password or token as its owner sees it in the list: never the secret. */
	public record Credential(UUID id, String label, Instant createdAt, Instant expiresAt, Instant lastUsedAt, String lastUsedProtocol,
			String lastUsedAddress, Set<Scope> scopes) {

		public boolean expired() {
			return expiresAt != null && !expiresAt.isAfter(Instant.now());
		}
	}
}
