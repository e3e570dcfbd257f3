package de.schulhaus.mail.admin;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.mail.internal.LocalParts;
import de.schulhaus.mail.internal.MailAddresses;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.MailboxRemoval;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.School;
import de.schulhaus.schools.SchoolManagement;

/**
 * Function mailboxes ({@code sekretariat@}, {@code schulleitung@}) that the school admin makes, shares
 * with the people named, and deletes with their messages.
 */
@Service
class FunctionMailboxes {

	private final JdbcClient jdbc;
	private final SchoolManagement schools;
	private final AccountManagement accounts;
	private final Mailboxes mailboxes;
	private final MailboxRemoval removal;
	private final LocalParts localParts;
	private final AuditLog audit;

	FunctionMailboxes(JdbcClient jdbc, SchoolManagement schools, AccountManagement accounts, Mailboxes mailboxes, MailboxRemoval removal,
			LocalParts localParts, AuditLog audit) {
		this.jdbc = jdbc;
		this.schools = schools;
		this.accounts = accounts;
		this.mailboxes = mailboxes;
		this.removal = removal;
		this.localParts = localParts;
		this.audit = audit;
	}

	/** A function mailbox with how many share it. */
	record Summary(Mailbox mailbox, int members) {
	}

	List<Summary> ofSchool(UUID schoolId) {
		return jdbc.sql("select m.id, m.local_part, m.display_name, (select count(*) from mail_mailbox_member mm where mm.mailbox_id = m.id) "
				+ "from mail_mailbox m where m.school_id = :school and m.local_part is not null order by m.local_part")
			.param("school", schoolId)
			.query((rs, n) -> new Summary(new Mailbox(rs.getObject(1, UUID.class), schoolId, null, rs.getString(2), rs.getString(3)), rs.getInt(4)))
			.list();
	}

	/** The school's function mailbox; a person's mailbox or another school's is not found. */
	Mailbox require(UUID schoolId, UUID id) {
		return mailboxes.find(schoolId, id).filter(m -> !m.personal()).orElseThrow(() -> new NotFoundException("mailbox"));
	}

	/** The people who share it, by name. */
	List<Account> members(Mailbox function) {
		return accounts.findAll(function.schoolId(), mailboxes.members(function)).stream()
			.sorted(Comparator.comparing(Account::lastName).thenComparing(Account::firstName)).toList();
	}

	@Transactional
	Mailbox create(SchulhausUser actor, String input, String displayName) {
		School school = schools.require(actor.schoolId());
		String local = AddressInput.localPart(school, input, "localPart");
		String name = displayName == null || displayName.isBlank() ? local : displayName.strip();
		if (name.length() > 200) {
			throw new InvalidInputException("displayName", "mail.admin.error.displayName");
		}
		AddressInput.requireFree(localParts, school, local, "localPart");
		Mailbox created;
		try {
			created = mailboxes.createFunction(school.id(), local, name);
		} catch (DuplicateKeyException taken) {
			throw new InvalidInputException("localPart", "mail.admin.error.taken.function", local + "@" + school.mailDomain());
		}
		audit.record(actor, "mail.function.created", local + "@" + school.mailDomain(), name);
		return created;
	}

	/** Names a person of the school, by their service address, to share the mailbox. */
	@Transactional
	void addMember(SchulhausUser actor, UUID id, String login) {
		Mailbox function = require(actor.schoolId(), id);
		String address = MailAddresses.normalize(login);
		Account person = accounts.findByLogins(actor.schoolId(), List.of(address)).stream().findFirst()
			.orElseThrow(() -> new InvalidInputException("login", "mail.admin.error.unknownPerson", address));
		mailboxes.addMember(function, person.id());
		audit.record(actor, "mail.function.member.added", function.localPart(), person.login());
	}

	@Transactional
	void removeMember(SchulhausUser actor, UUID id, UUID accountId) {
		Mailbox function = require(actor.schoolId(), id);
		if (!mailboxes.members(function).contains(accountId)) {
			throw new NotFoundException("member");
		}
		mailboxes.removeMember(function, accountId);
		audit.record(actor, "mail.function.member.removed", function.localPart(),
				accounts.find(actor.schoolId(), accountId).map(Account::login).orElse(accountId.toString()));
	}

	/** Deletes the mailbox with its folders and messages; answers how many messages went. */
	@Transactional
	long delete(SchulhausUser actor, UUID id) {
		Mailbox function = require(actor.schoolId(), id);
		MailboxRemoval.Removed removed = removal.remove(function);
		audit.record(actor, "mail.function.deleted", function.localPart(), removed.messages() + " messages");
		return removed.messages();
	}
}
