package de.schulhaus.mail.admin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.mail.internal.LocalParts;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.School;
import de.schulhaus.schools.SchoolManagement;

/** Further addresses of a person's mailbox, which the school admin gives and takes, only in the school's own domain. */
@Service
class Aliases {

	static final int MAX_PER_PERSON = 20;

	private final JdbcClient jdbc;
	private final SchoolManagement schools;
	private final AccountManagement accounts;
	private final Mailboxes mailboxes;
	private final LocalParts localParts;
	private final AuditLog audit;

	Aliases(JdbcClient jdbc, SchoolManagement schools, AccountManagement accounts, Mailboxes mailboxes, LocalParts localParts, AuditLog audit) {
		this.jdbc = jdbc;
		this.schools = schools;
		this.accounts = accounts;
		this.mailboxes = mailboxes;
		this.localParts = localParts;
		this.audit = audit;
	}

	/** An alias of a person's mailbox. */
	record Alias(String address, UUID accountId, String ownerName) {
	}

	/** The school's aliases of people, by address. */
	List<Alias> ofSchool(UUID schoolId) {
		return jdbc.sql("select a.address, m.account_id, m.display_name from mail_alias a join mail_mailbox m on m.id = a.mailbox_id "
				+ "where a.school_id = :school and m.school_id = :school and m.account_id is not null order by a.address")
			.param("school", schoolId)
			.query((rs, n) -> new Alias(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3))).list();
	}

	/** The person's aliases; another school's person is not found. */
	List<String> ofPerson(UUID schoolId, UUID accountId) {
		accounts.require(schoolId, accountId);
		return jdbc.sql("select a.address from mail_alias a join mail_mailbox m on m.id = a.mailbox_id "
				+ "where a.school_id = :school and m.school_id = :school and m.account_id = :account order by a.address")
			.param("school", schoolId).param("account", accountId).query(String.class).list();
	}

	@Transactional
	String add(SchulhausUser actor, UUID accountId, String input) {
		Account person = accounts.require(actor.schoolId(), accountId);
		School school = schools.require(actor.schoolId());
		String local = AddressInput.localPart(school, input, "address");
		AddressInput.requireFree(localParts, school, local, "address");
		if (ofPerson(school.id(), accountId).size() >= MAX_PER_PERSON) {
			throw new InvalidInputException("address", "mail.admin.error.tooManyAliases", MAX_PER_PERSON);
		}
		Mailbox mailbox = mailboxes.personal(school.id(), person.id(), person.displayName());
		String address = local + "@" + school.mailDomain();
		try {
			jdbc.sql("insert into mail_alias (address, school_id, mailbox_id, created_at) values (:address, :school, :mailbox, :now)")
				.param("address", address).param("school", school.id()).param("mailbox", mailbox.id()).param("now", Timestamp.from(Instant.now()))
				.update();
		} catch (DuplicateKeyException taken) {
			// given to somebody else a moment ago
			throw new InvalidInputException("address", "mail.admin.error.taken.alias", address);
		}
		audit.record(actor, "mail.alias.added", address, person.login());
		return address;
	}

	@Transactional
	void remove(SchulhausUser actor, UUID accountId, String address) {
		Account person = accounts.require(actor.schoolId(), accountId);
		int removed = jdbc.sql("delete from mail_alias where address = :address and school_id = :school and mailbox_id in "
				+ "(select id from mail_mailbox where school_id = :school and account_id = :account)")
			.param("address", de.schulhaus.mail.internal.MailAddresses.normalize(address)).param("school", actor.schoolId())
			.param("account", person.id()).update();
		if (removed == 0) {
			throw new NotFoundException("alias");
		}
		audit.record(actor, "mail.alias.removed", address, person.login());
	}
}
