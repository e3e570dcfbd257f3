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
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.PlatformProperties;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.SignedInSessions;

/**
 * One-time sign-in links: how new people get in without a password on paper, and how an admin
 * resets a forgotten password. A link works once, expires, and a new link replaces the person's
 * older unused ones; only the hash is stored. Issuing one is audited and ends the person's open
 * sessions; using one asks for the second factor where there is one and then for a new password.
 * Operator and school admins get none: a link would skip their password, and they are reset by
 * another admin or the operator.
 */
@Service
public class SignInLinks {

	private final JdbcClient jdbc;
	private final AccountRepository accounts;
	private final AccountsProperties properties;
	private final PlatformProperties platform;
	private final AuditLog audit;
	private final SignedInSessions sessions;

	SignInLinks(JdbcClient jdbc, AccountRepository accounts, AccountsProperties properties, PlatformProperties platform, AuditLog audit,
			SignedInSessions sessions) {
		this.audit = audit;
		this.sessions = sessions;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.properties = properties;
		this.platform = platform;
	}

	/** Whether a link may be issued for this person at all. */
	public static boolean allowedFor(Account account) {
		return !account.role().requiresTwoFactor();
	}

	/** Creates a link for the person and returns its full URL. */
	@Transactional
	public IssuedLink issue(Account account, SchulhausUser actor) {
		if (!allowedFor(account)) {
			throw new InvalidInputException("account", "accounts.error.linkForAdmin");
		}
		sessions.endFor(account.login());
		audit.record(account.schoolId(), actor == null ? null : actor.accountId(), actor == null ? null : actor.login(),
				"sign-in-link.issued", account.login(), null);
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
		if (used != 1) {
			return Optional.empty();
		}
		// whoever signs in by link chooses a new password before anything else
		accounts.markMustChangePassword(accountId.get());
		return accountId.flatMap(accounts::findById).filter(Account::active);
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
