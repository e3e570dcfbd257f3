package de.schulhaus.accounts;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import de.schulhaus.platform.Role;

/** What an app password may be used for: one protocol family each, so a leaked mail password opens no files. */
public enum Scope {

	/** WebDAV access to the cloud files. */
	FILES,
	/** CalDAV and CardDAV. */
	CALENDAR,
	/** IMAP and SMTP submission. */
	MAIL,
	/** The provisioning API; only for roles that may use it. */
	API;

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<Scope> of(String key) {
		return Arrays.stream(values()).filter(s -> s.key().equalsIgnoreCase(key == null ? "" : key.strip())).findFirst();
	}

	/** Whether a person in this role may hold credentials of this scope. */
	public boolean allowedFor(Role role) {
		return this != API || mayUseApi(role);
	}

	public static boolean mayUseApi(Role role) {
		return role == Role.OPERATOR || role == Role.SCHOOL_ADMIN;
	}

	static String join(Set<Scope> scopes) {
		return scopes.stream().sorted().map(Scope::key).collect(Collectors.joining(","));
	}

	static Set<Scope> split(String stored) {
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		for (String key : stored == null ? new String[0] : stored.split(",")) {
			of(key).ifPresent(scopes::add);
		}
		return scopes;
	}
}
