package de.schulhaus.accounts.security;

import java.time.Duration;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;

/**
 * "Confirm it is you": the password, and the second factor where there is one, asked again before
 * something that outlives the session is made (an app password, a token, a linked provider). A
 * session left open on a shared school computer then does not let the next person create a way in.
 * Wrong answers count towards the same limits as at sign-in.
 */
@Component
public class Reauthentication {

	static final Duration VALID = Duration.ofMinutes(5);
	private static final String CONFIRMED_AT = "schulhaus.reauthenticated-at";

	private final AccountRepository accounts;
	private final PasswordEncoder passwords;
	private final TwoFactor twoFactor;
	private final SignInThrottle throttle;
	private final AuditLog audit;

	Reauthentication(AccountRepository accounts, PasswordEncoder passwords, TwoFactor twoFactor, SignInThrottle throttle, AuditLog audit) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.twoFactor = twoFactor;
		this.throttle = throttle;
		this.audit = audit;
	}

	public enum Outcome {
		CONFIRMED, WRONG_PASSWORD, WRONG_CODE, LOCKED
	}

	/** Checks password and code; does not touch any session (the API has none). */
	public Outcome check(SchulhausUser user, String password, String code, String clientAddress) {
		if (!throttle.allowed(clientAddress) || (user.twoFactorEnabled() && twoFactor.locked(user.accountId()))) {
			return Outcome.LOCKED;
		}
		String hash = accounts.passwordHash(user.accountId()).orElse(null);
		if (password == null || password.length() > 1000 || hash == null || !passwords.matches(password, hash)) {
			throttle.failed(user.login(), clientAddress);
			audit.record(user, "reauthentication.failed", user.login(), "password");
			return Outcome.WRONG_PASSWORD;
		}
		if (user.twoFactorEnabled() && !twoFactor.verify(user.accountId(), code)) {
			throttle.failedAddress(clientAddress);
			audit.record(user, "reauthentication.failed", user.login(), "totp");
			return Outcome.WRONG_CODE;
		}
		return Outcome.CONFIRMED;
	}

	/** {@link #check}, and on success the session counts as confirmed for five minutes. */
	public Outcome confirm(SchulhausUser user, String password, String code, String clientAddress, HttpSession session) {
		Outcome outcome = check(user, password, code, clientAddress);
		if (outcome == Outcome.CONFIRMED) {
			session.setAttribute(CONFIRMED_AT, System.currentTimeMillis());
		}
		return outcome;
	}

	public boolean recent(HttpSession session) {
		return session != null && session.getAttribute(CONFIRMED_AT) instanceof Long at
				&& System.currentTimeMillis() - at <= VALID.toMillis();
	}
}
