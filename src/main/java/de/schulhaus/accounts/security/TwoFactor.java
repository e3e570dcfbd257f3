package de.schulhaus.accounts.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.SecretHashes;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.SecretBox;
import de.schulhaus.platform.SignedInSessions;

/**
 * Setting up, checking and switching off the second factor (TOTP with recovery codes).
 * <p>
 * What makes it hard to get around: the secret is sealed with a key outside the database; each time
 * step is accepted once; wrong codes are counted per account in the database (all nodes together)
 * and five within 15 minutes lock the second step, however often the password is entered again;
 * recovery codes carry 80 random bits and are stored as argon2id hashes.
 */
@Service
public class TwoFactor {

	static final int CODE_FAILURES = 5;
	static final Duration CODE_WINDOW = Duration.ofMinutes(15);
	static final int RECOVERY_CODES = 10;

	private static final Logger log = LoggerFactory.getLogger(TwoFactor.class);
	// four groups of four from a 32-letter alphabet: 80 bits
	private static final Pattern RECOVERY_CODE = Pattern.compile("[a-z2-9]{4}(-?[a-z2-9]{4}){3}");

	private final AccountRepository accounts;
	private final TotpCodes totp;
	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final SignedInSessions sessions;
	private final SecretBox box;
	private final PasswordEncoder passwords;

	TwoFactor(AccountRepository accounts, TotpCodes totp, JdbcClient jdbc, AuditLog audit, SignedInSessions sessions, SecretBox box,
			PasswordEncoder passwords) {
		this.accounts = accounts;
		this.totp = totp;
		this.jdbc = jdbc;
		this.audit = audit;
		this.sessions = sessions;
		this.box = box;
		this.passwords = passwords;
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
		OptionalLong step = totp.matchingStep(secret, code);
		if (step.isEmpty()) {
			return Optional.empty();
		}
		accounts.updateTotp(user.accountId(), box.seal(secret, context(user.accountId())), true, step.getAsLong());
		List<String> codes = newRecoveryCodes(user.accountId());
		audit.record(user, "2fa.enabled", user.login(), null);
		return Optional.of(codes);
	}

	/** A fresh set of recovery codes; the old ones stop working. */
	@Transactional
	public List<String> renewRecoveryCodes(SchulhausUser user) {
		List<String> codes = newRecoveryCodes(user.accountId());
		audit.record(user, "2fa.recovery-codes-renewed", user.login(), null);
		return codes;
	}

	public int unusedRecoveryCodes(UUID accountId) {
		return jdbc.sql("select count(*) from recovery_code where account_id = :a and used_at is null").param("a", accountId)
			.query(Integer.class).single();
	}

	private List<String> newRecoveryCodes(UUID accountId) {
		jdbc.sql("delete from recovery_code where account_id = :a").param("a", accountId).update();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			String c = SecretHashes.readablePassword(4);
			codes.add(c);
			jdbc.sql("insert into recovery_code (account_id, code_hash) values (:a, :h)").param("a", accountId)
				.param("h", passwords.encode(c)).update();
		}
		return codes;
	}

	@Transactional
	public void disable(SchulhausUser user) {
		accounts.updateTotp(user.accountId(), null, false, null);
		jdbc.sql("delete from recovery_code where account_id = :a").param("a", user.accountId()).update();
		audit.record(user, "2fa.disabled", user.login(), null);
	}

	/** Admin reset for a person who lost their phone and codes. */
	@Transactional
	public void reset(UUID accountId, String login, SchulhausUser actor) {
		accounts.updateTotp(accountId, null, false, null);
		jdbc.sql("delete from recovery_code where account_id = :a").param("a", accountId).update();
		sessions.endFor(login);
		audit.record(actor, "2fa.reset", login, null);
	}

	/** Whether too many wrong codes were entered lately for the second step to be tried again now. */
	public boolean locked(UUID accountId) {
		return accounts.codeFailuresSince(accountId, Instant.now().minus(CODE_WINDOW)) >= CODE_FAILURES;
	}

	/**
	 * A TOTP code of a step not used before, or an unused recovery code (which is then used up).
	 * A wrong code is counted; the caller checks {@link #locked} first.
	 */
	@Transactional
	public boolean verify(UUID accountId, String code) {
		if (code != null && code.length() <= 40 && (totpAccepted(accountId, code) || recoveryCodeAccepted(accountId, code))) {
			return true;
		}
		Instant now = Instant.now();
		accounts.recordCodeFailure(accountId, now, now.minus(CODE_WINDOW));
		return false;
	}

	private boolean totpAccepted(UUID accountId, String code) {
		String sealed = accounts.totpSecret(accountId).orElse(null);
		if (sealed == null) {
			return false;
		}
		OptionalLong step = totp.matchingStep(box.open(sealed, context(accountId)), code);
		return step.isPresent() && accounts.acceptTotpStep(accountId, step.getAsLong());
	}

	// only input shaped like a recovery code costs hashes: at most ten, and wrong ones are counted
	private boolean recoveryCodeAccepted(UUID accountId, String code) {
		String candidate = code.strip().toLowerCase(Locale.ROOT);
		if (!RECOVERY_CODE.matcher(candidate).matches()) {
			return false;
		}
		String normalized = candidate.replace("-", "").replaceAll("(.{4})(?!$)", "$1-");
		List<String> unused = jdbc.sql("select code_hash from recovery_code where account_id = :a and used_at is null")
			.param("a", accountId).query(String.class).list();
		for (String hash : unused) {
			if (passwords.matches(normalized, hash)) {
				return jdbc.sql("update recovery_code set used_at = current_timestamp where account_id = :a and code_hash = :h and used_at is null")
					.param("a", accountId).param("h", hash).update() == 1;
			}
		}
		return false;
	}

	private static String context(UUID accountId) {
		return "totp:" + accountId;
	}

	/** Seals the TOTP secrets that older versions stored in plain text, once, at start-up. */
	@EventListener(ApplicationReadyEvent.class)
	@Transactional
	public void sealPlainSecrets() {
		var plain = accounts.plainTotpSecrets();
		for (var entry : plain) {
			accounts.replaceTotpSecret(entry.getKey(), entry.getValue(), box.seal(entry.getValue(), context(entry.getKey())));
		}
		if (!plain.isEmpty()) {
			log.info("Sealed {} TOTP secrets that were stored in plain text.", plain.size());
		}
	}
}
