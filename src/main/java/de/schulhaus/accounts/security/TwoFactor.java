package de.schulhaus.accounts.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.SecretHashes;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.SignedInSessions;

/** Setting up, checking and switching off the second factor (TOTP with recovery codes). */
@Service
public class TwoFactor {

	private final AccountRepository accounts;
	private final TotpCodes totp;
	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final SignedInSessions sessions;

	TwoFactor(AccountRepository accounts, TotpCodes totp, JdbcClient jdbc, AuditLog audit, SignedInSessions sessions) {
		this.accounts = accounts;
		this.totp = totp;
		this.jdbc = jdbc;
		this.audit = audit;
		this.sessions = sessions;
	}

	public String newSecret() {
		return totp.newSecret();
	}

	public String uri(String secret, String login) {
		return totp.uri(secret, login);
	}

	/** Switches TOTP on when the code matches the new secret; returns the recovery codes, shown once. */
	@Transactional
	public Optional<List<String>> enable(SchulhausUser user, String secret, String code) {
		if (!totp.valid(secret, code)) {
			return Optional.empty();
		}
		accounts.updateTotp(user.accountId(), secret, true);
		jdbc.sql("delete from recovery_code where account_id = :a").param("a", user.accountId()).update();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			String c = SecretHashes.readablePassword(2);
			codes.add(c);
			jdbc.sql("insert into recovery_code (account_id, code_hash) values (:a, :h)").param("a", user.accountId())
				.param("h", SecretHashes.sha256(c)).update();
		}
		audit.record(user, "2fa.enabled", user.login(), null);
		return Optional.of(codes);
	}

	@Transactional
	public void disable(SchulhausUser user) {
		accounts.updateTotp(user.accountId(), null, false);
		jdbc.sql("delete from recovery_code where account_id = :a").param("a", user.accountId()).update();
		audit.record(user, "2fa.disabled", user.login(), null);
	}

	/** Admin reset for a person who lost their phone and codes. */
	@Transactional
	public void reset(UUID accountId, String login, SchulhausUser actor) {
		accounts.updateTotp(accountId, null, false);
		jdbc.sql("delete from recovery_code where account_id = :a").param("a", accountId).update();
		sessions.endFor(login);
		audit.record(actor, "2fa.reset", login, null);
	}

	/** A TOTP code or an unused recovery code (which is then used up). */
	@Transactional
	public boolean verify(UUID accountId, String code) {
		if (code == null) {
			return false;
		}
		String secret = accounts.totpSecret(accountId).orElse(null);
		if (totp.valid(secret, code)) {
			return true;
		}
		int used = jdbc.sql("update recovery_code set used_at = current_timestamp where account_id = :a and code_hash = :h and used_at is null")
			.param("a", accountId).param("h", SecretHashes.sha256(code.strip().toLowerCase())).update();
		return used == 1;
	}
}
