package de.schulhaus.accounts.security;

import java.util.Locale;
import java.util.Optional;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.SchoolManagement;

/**
 * Loads a person for sign-in by service address. Deactivated people and people of a suspended
 * school load as disabled, so Spring Security refuses them with the same message.
 */
@Service
public class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final AccountRepository accounts;
	private final SchoolManagement schools;
	private final SignInThrottle throttle;

	AccountUserDetailsService(AccountRepository accounts, SchoolManagement schools, SignInThrottle throttle) {
		this.accounts = accounts;
		this.schools = schools;
		this.throttle = throttle;
	}

	@Override
	public SchulhausUser loadUserByUsername(String username) {
		return load(username).orElseThrow(() -> new UsernameNotFoundException("unknown"));
	}

	public Optional<SchulhausUser> load(String login) {
		if (login == null || login.isBlank() || login.length() > 320) {
			return Optional.empty();
		}
		return accounts.findForSignIn(login.strip().toLowerCase(Locale.ROOT))
			.map(found -> throttle.withSharedFailures(toUser(found.account(), found.passwordHash()), found.failedSignIns(),
					found.failedSignInsSince()));
	}

	/** The person with this account id, as sign-in sees them (status, school open, failures). */
	public Optional<SchulhausUser> loadById(java.util.UUID accountId) {
		return accounts.findById(accountId).flatMap(account -> load(account.login()));
	}

	/** Re-hashes with the current argon2 parameters after a successful sign-in with older ones. */
	@Override
	public UserDetails updatePassword(UserDetails user, String newPassword) {
		SchulhausUser person = (SchulhausUser) user;
		accounts.updatePasswordHash(person.accountId(), newPassword);
		return person;
	}

	public SchulhausUser toUser(Account account) {
		return toUser(account, accounts.passwordHash(account.id()).orElse(null));
	}

	private SchulhausUser toUser(Account account, String hash) {
		boolean schoolOpen = account.schoolId() == null
				|| schools.find(account.schoolId()).map(s -> s.signInAllowed()).orElse(false);
		return new SchulhausUser(account.id(), account.schoolId(), account.login(), account.displayName(), account.role(),
				account.language(), account.totpEnabled(), account.active() && schoolOpen, account.mustChangePassword(), hash);
	}
}
