package de.schulhaus.mail.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Membership;
import de.schulhaus.schools.School;
import de.schulhaus.schools.SchoolManagement;

/**
 * What an address means: a person's mailbox (the sign-in name is the address), an alias, a function
 * mailbox, a group's list, an unknown address of one of our schools, or somebody outside. Addresses are
 * compared in lower case.
 */
@Service
public class MailAddresses {

	private final SchoolManagement schools;
	private final AccountManagement accounts;
	private final GroupManagement groups;
	private final Mailboxes mailboxes;
	private final JdbcClient jdbc;

	MailAddresses(SchoolManagement schools, AccountManagement accounts, GroupManagement groups, Mailboxes mailboxes, JdbcClient jdbc) {
		this.schools = schools;
		this.accounts = accounts;
		this.groups = groups;
		this.mailboxes = mailboxes;
		this.jdbc = jdbc;
	}

	/** Where mail to this address goes. */
	public sealed interface Destination permits ToMailbox, ToList, Unknown, Disabled, External {
	}

	/** A mailbox of one of our schools (made at first use for a person). */
	public record ToMailbox(School school, Mailbox mailbox) implements Destination {
	}

	/** A group's list: its members at delivery time, if the sender may write to it. */
	public record ToList(School school, UUID groupId, String localPart, ListPolicy policy) implements Destination {
	}

	/** A domain of ours with no such address. */
	public record Unknown(String address) implements Destination {
	}

	/** A person of ours whose account is not active (suspended, marked for deletion). */
	public record Disabled(String address) implements Destination {
	}

	/** Somebody outside the platform. */
	public record External(String address, String domain) implements Destination {
	}

	public Destination resolve(String address) {
		String normalized = normalize(address);
		int at = normalized.lastIndexOf('@');
		if (at <= 0 || at == normalized.length() - 1) {
			return new Unknown(normalized);
		}
		String local = normalized.substring(0, at);
		String domain = normalized.substring(at + 1);
		Optional<School> school = schools.findByMailDomain(domain);
		if (school.isEmpty()) {
			return new External(normalized, domain);
		}
		UUID schoolId = school.get().id();
		List<Account> people = accounts.findByLogins(schoolId, List.of(normalized));
		if (!people.isEmpty()) {
			Account person = people.get(0);
			if (!person.active()) {
				return new Disabled(normalized);
			}
			return new ToMailbox(school.get(), mailboxes.personal(schoolId, person.id(), person.displayName()));
		}
		Optional<UUID> aliased = jdbc.sql("select mailbox_id from mail_alias where address = :address and school_id = :school")
			.param("address", normalized).param("school", schoolId).query(UUID.class).optional();
		if (aliased.isPresent()) {
			return mailboxes.find(schoolId, aliased.get()).<Destination>map(m -> new ToMailbox(school.get(), m))
				.orElse(new Unknown(normalized));
		}
		Optional<Mailbox> function = mailboxes.function(schoolId, local);
		if (function.isPresent()) {
			return new ToMailbox(school.get(), function.get());
		}
		return jdbc.sql("select group_id, policy from mail_list where school_id = :school and local_part = :local")
			.param("school", schoolId).param("local", local)
			.query((rs, n) -> (Destination) new ToList(school.get(), rs.getObject(1, UUID.class), local, ListPolicy.ofColumn(rs.getString(2))))
			.optional().orElse(new Unknown(normalized));
	}

	/** A list's group as it is now: everyone in it, and the mailboxes of its active people (made at first use). */
	public record ListMembers(Set<UUID> accountIds, List<Mailbox> mailboxes) {

		public boolean includes(UUID accountId) {
			return accountIds.contains(accountId);
		}
	}

	public ListMembers listMembers(ToList list) {
		Set<UUID> ids = groups.members(list.school().id(), list.groupId()).stream().map(Membership::accountId)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		List<Account> active = accounts.findAll(list.school().id(), ids).stream().filter(Account::active).toList();
		return new ListMembers(ids, mailboxes.personal(list.school().id(), active));
	}

	/** An address in lower case without surrounding brackets and spaces. */
	public static String normalize(String address) {
		String value = address == null ? "" : address.strip();
		if (value.startsWith("<") && value.endsWith(">")) {
			value = value.substring(1, value.length() - 1).strip();
		}
		return value.toLowerCase(Locale.ROOT);
	}
}
