package de.schulhaus.accounts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.SecretHashes;
import de.schulhaus.platform.PlatformProperties;

/**
 * One-time sign-in links: how new people get in without a password on paper. A link works once,
 * expires, and a new link replaces the person's older unused ones. Only the hash is stored.
 */
@Service
public class SignInLinks {

	private final JdbcClient jdbc;
	private final AccountRepository accounts;
	private final AccountsProperties properties;
	private final PlatformProperties platform;

	SignInLinks(JdbcClient jdbc, AccountRepository accounts, AccountsProperties properties, PlatformProperties platform) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.properties = properties;
		this.platform = platform;
	}

	/** Creates a link for the person and returns its full URL. */
	@Transactional
	public IssuedLink issue(Account account) {
		String token = SecretHashes.token(24);
		Instant expires = Instant.now().plus(properties.signInLinkValidity());
		jdbc.sql("delete from sign_in_link where account_id = :a and used_at is null").param("a", account.id()).update();
		jdbc.sql("insert into sign_in_link (token_hash, school_id, account_id, expires_at) values (:h, :s, :a, :e)")
			.param("h", SecretHashes.sha256(token)).param("s", account.schoolId()).param("a", account.id())
			.param("e", Timestamp.from(expires)).update();
		return new IssuedLink(platform.baseUrl() + "/anmelden/link/" + token, expires);
	}

	/** The account a still valid link belongs to, without using it up. */
	public Optional<Account> peek(String token) {
		return validAccountId(token).flatMap(accounts::findById).filter(Account::active);
	}

	/** Uses the link up; answers the account if the link was valid. */
	@Transactional
	public Optional<Account> redeem(String token) {
		Optional<UUID> accountId = validAccountId(token);
		if (accountId.isEmpty()) {
			return Optional.empty();
		}
		int used = jdbc.sql("update sign_in_link set used_at = :now where token_hash = :h and used_at is null")
			.param("now", Timestamp.from(Instant.now())).param("h", SecretHashes.sha256(token)).update();
		return used == 1 ? accountId.flatMap(accounts::findById).filter(Account::active) : Optional.empty();
	}

	private Optional<UUID> validAccountId(String token) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		return jdbc.sql("select account_id from sign_in_link where token_hash = :h and used_at is null and expires_at > :now")
			.param("h", SecretHashes.sha256(token)).param("now", Timestamp.from(Instant.now())).query(UUID.class).optional();
	}

	public record IssuedLink(String url, Instant expiresAt) {
	}
}
