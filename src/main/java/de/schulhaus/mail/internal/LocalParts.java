package de.schulhaus.mail.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import de.schulhaus.accounts.AccountManagement;

/**
 * Who has an address of a school: a person (the sign-in name), an alias, a function mailbox or a group's
 * list. Lists, aliases and function mailboxes ask here before they take a local part, so that an address
 * never means two things.
 */
@Service
public class LocalParts {

	/** Addresses the mail system itself answers for (RFC 2142) or that people expect to go nowhere. */
	public static final Set<String> RESERVED = Set.of("postmaster", "abuse", "mailer-daemon", "hostmaster", "webmaster", "noreply",
			"no-reply", "root", "admin");

	private static final Pattern VALID = Pattern.compile("[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?");

	/** What holds a local part. */
	public enum Holder {
		PERSON, ALIAS, FUNCTION, LIST, RESERVED
	}

	private final AccountManagement accounts;
	private final JdbcClient jdbc;

	LocalParts(AccountManagement accounts, JdbcClient jdbc) {
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	/** A local part we hand out: lower-case letters, digits, '.', '-', '_', not at the ends, no "..", at most 64. */
	public static boolean valid(String localPart) {
		return localPart != null && VALID.matcher(localPart).matches() && !localPart.contains("..");
	}

	/**
	 * What already has {@code localPart@domain} in the school, if anything.
	 *
	 * @param exceptGroup a group whose own list does not count (it is being renamed), or null
	 */
	public Optional<Holder> holder(UUID schoolId, String domain, String localPart, UUID exceptGroup) {
		if (RESERVED.contains(localPart)) {
			return Optional.of(Holder.RESERVED);
		}
		String address = localPart + "@" + domain;
		if (!accounts.findByLogins(schoolId, List.of(address)).isEmpty()) {
			return Optional.of(Holder.PERSON);
		}
		// one query for the mail module's own three tables (PostgreSQL cannot type a null parameter in "is null")
		String otherGroup = exceptGroup == null ? "" : " and group_id <> :except";
		var query = jdbc.sql("select 'ALIAS' from mail_alias where school_id = :school and address = :address "
				+ "union all select 'FUNCTION' from mail_mailbox where school_id = :school and local_part = :local "
				+ "union all select 'LIST' from mail_list where school_id = :school and local_part = :local" + otherGroup)
			.param("school", schoolId).param("address", address).param("local", localPart);
		if (exceptGroup != null) {
			query = query.param("except", exceptGroup);
		}
		return query.query(String.class).list().stream().findFirst().map(Holder::valueOf);
	}
}
