package de.schulhaus.platform;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person as every module sees them. The school id is the tenant: every query of a
 * tenant-owned table filters by it. Serializable because sessions live in the database.
 */
public final class SchulhausUser implements UserDetails, CredentialsContainer, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final UUID accountId;
	private final UUID schoolId;
	private final String login;
	private final String displayName;
	private final Role role;
	private final String language;
	private final boolean twoFactorEnabled;
	private final boolean enabled;
	// sessions stored before this field existed read it as false
	private final boolean mustChangePassword;
	private String passwordHash;
	// known only while signing in; never stored with the session
	private final transient int recentSignInFailures;
	private final transient boolean signInLocked;

	public SchulhausUser(UUID accountId, UUID schoolId, String login, String displayName, Role role, String language,
			boolean twoFactorEnabled, boolean enabled, String passwordHash) {
		this(accountId, schoolId, login, displayName, role, language, twoFactorEnabled, enabled, false, passwordHash);
	}

	public SchulhausUser(UUID accountId, UUID schoolId, String login, String displayName, Role role, String language,
			boolean twoFactorEnabled, boolean enabled, boolean mustChangePassword, String passwordHash) {
		this.mustChangePassword = mustChangePassword;
		this.accountId = accountId;
		this.schoolId = schoolId;
		this.login = login;
		this.displayName = displayName;
		this.role = role;
		this.language = language;
		this.twoFactorEnabled = twoFactorEnabled;
		this.enabled = enabled;
		this.passwordHash = passwordHash;
		this.recentSignInFailures = 0;
		this.signInLocked = false;
	}

	private SchulhausUser(SchulhausUser user, int recentSignInFailures, boolean signInLocked) {
		this.accountId = user.accountId;
		this.schoolId = user.schoolId;
		this.login = user.login;
		this.displayName = user.displayName;
		this.role = user.role;
		this.language = user.language;
		this.twoFactorEnabled = user.twoFactorEnabled;
		this.enabled = user.enabled;
		this.mustChangePassword = user.mustChangePassword;
		this.passwordHash = user.passwordHash;
		this.recentSignInFailures = recentSignInFailures;
		this.signInLocked = signInLocked;
	}

	/** This person as met while signing in: failed sign-ins counted on any node, and whether they lock. */
	public SchulhausUser withSignInFailures(int recentFailures, boolean locked) {
		return new SchulhausUser(this, recentFailures, locked);
	}

	/** Failed sign-ins counted in the current window; 0 once signed in. */
	public int recentSignInFailures() {
		return recentSignInFailures;
	}

	public UUID accountId() {
		return accountId;
	}

	/** The school this person belongs to; {@code null} for the operator. */
	public UUID schoolId() {
		return schoolId;
	}

	public String login() {
		return login;
	}

	public String displayName() {
		return displayName;
	}

	public Role role() {
		return role;
	}

	public Locale locale() {
		return Locale.forLanguageTag(language == null ? "de" : language);
	}

	public boolean twoFactorEnabled() {
		return twoFactorEnabled;
	}

	public boolean is(Role other) {
		return role == other;
	}

	/** Whether the person must choose a new password before anything else (after a sign-in link, a generated one). */
	public boolean mustChangePassword() {
		return mustChangePassword;
	}

	public SchulhausUser withLanguage(String newLanguage) {
		return new SchulhausUser(accountId, schoolId, login, displayName, role, newLanguage, twoFactorEnabled, enabled,
				mustChangePassword, null);
	}

	public SchulhausUser withTwoFactor(boolean on) {
		return new SchulhausUser(accountId, schoolId, login, displayName, role, language, on, enabled, mustChangePassword, null);
	}

	public SchulhausUser withPasswordChanged() {
		return new SchulhausUser(accountId, schoolId, login, displayName, role, language, twoFactorEnabled, enabled, false, null);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority(role.authority()));
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return login;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	/** Locked while too many sign-ins failed recently: checked before the password is. */
	@Override
	public boolean isAccountNonLocked() {
		return !signInLocked;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof SchulhausUser other && accountId.equals(other.accountId);
	}

	@Override
	public int hashCode() {
		return accountId.hashCode();
	}

	@Override
	public String toString() {
		return "SchulhausUser[" + login + ", " + role + "]";
	}
}
