package de.schulhaus.mail.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.accounts.Account;
import de.schulhaus.platform.Ids;

/**
 * Mailboxes and who may use them. A person's own mailbox, with its standard folders, is made at its first
 * use (delivery, sign-in to IMAP, the webmail); function mailboxes by the school admin.
 */
@Service
public class Mailboxes {

	private static final String COLUMNS = "id, school_id, account_id, local_part, display_name";

	private final JdbcClient jdbc;
	private final MailFolders folders;
	private final TransactionTemplate transaction;

	Mailboxes(JdbcClient jdbc, MailFolders folders, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.folders = folders;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * The person's own mailbox with its standard folders, made if it is not there yet (also when two ask at
	 * once). Every delivery asks: the mailbox that is there is read without a transaction of its own.
	 */
	public Mailbox personal(UUID schoolId, UUID accountId, String displayName) {
		return ofAccount(schoolId, accountId).orElseGet(() -> transaction.execute(status -> create(schoolId, accountId, displayName)));
	}

	/** The own mailboxes of these people, in their order, made where missing; one query for those that are there. */
	public List<Mailbox> personal(UUID schoolId, List<Account> people) {
		Map<UUID, Mailbox> existing = new HashMap<>();
		List<UUID> ids = people.stream().map(Account::id).toList();
		for (int i = 0; i < ids.size(); i += 1000) {
			jdbc.sql("select " + COLUMNS + " from mail_mailbox where school_id = :school and account_id in (:accounts)")
				.param("school", schoolId).param("accounts", ids.subList(i, Math.min(ids.size(), i + 1000)))
				.query(Mailboxes::map).list().forEach(m -> existing.put(m.accountId(), m));
		}
		return people.stream().map(p -> existing.containsKey(p.id()) ? existing.get(p.id()) : personal(schoolId, p.id(), p.displayName()))
			.toList();
	}

	private Mailbox create(UUID schoolId, UUID accountId, String displayName) {
		UUID id = Ids.newId();
		int inserted = jdbc.sql("insert into mail_mailbox (id, school_id, account_id, local_part, display_name, created_at) "
				+ "values (:id, :school, :account, null, :name, :now) on conflict do nothing")
			.param("id", id).param("school", schoolId).param("account", accountId).param("name", clip(displayName))
			.param("now", Timestamp.from(Instant.now())).update();
		Mailbox mailbox = ofAccount(schoolId, accountId).orElseThrow();
		if (inserted == 1) {
			folders.createStandard(mailbox);
		}
		return mailbox;
	}

	/** A function mailbox such as {@code sekretariat}, with its standard folders. */
	@Transactional
	public Mailbox createFunction(UUID schoolId, String localPart, String displayName) {
		UUID id = Ids.newId();
		jdbc.sql("insert into mail_mailbox (id, school_id, account_id, local_part, display_name, created_at) "
				+ "values (:id, :school, null, :local, :name, :now)")
			.param("id", id).param("school", schoolId).param("local", localPart).param("name", clip(displayName))
			.param("now", Timestamp.from(Instant.now())).update();
		Mailbox mailbox = find(schoolId, id).orElseThrow();
		folders.createStandard(mailbox);
		return mailbox;
	}

	public Optional<Mailbox> ofAccount(UUID schoolId, UUID accountId) {
		return jdbc.sql("select " + COLUMNS + " from mail_mailbox where school_id = :school and account_id = :account")
			.param("school", schoolId).param("account", accountId).query(Mailboxes::map).optional();
	}

	public Optional<Mailbox> find(UUID schoolId, UUID mailboxId) {
		return jdbc.sql("select " + COLUMNS + " from mail_mailbox where school_id = :school and id = :id")
			.param("school", schoolId).param("id", mailboxId).query(Mailboxes::map).optional();
	}

	public Optional<Mailbox> function(UUID schoolId, String localPart) {
		return jdbc.sql("select " + COLUMNS + " from mail_mailbox where school_id = :school and local_part = :local")
			.param("school", schoolId).param("local", localPart).query(Mailboxes::map).optional();
	}

	/** The mailboxes a person may read and send from: their own (if made) and the function mailboxes they were named for. */
	public List<Mailbox> usableBy(UUID schoolId, UUID accountId) {
		return jdbc.sql("select " + COLUMNS + " from mail_mailbox m where m.school_id = :school and (m.account_id = :account "
				+ "or exists (select 1 from mail_mailbox_member mm where mm.mailbox_id = m.id and mm.account_id = :account)) "
				+ "order by m.account_id nulls first, m.display_name")
			.param("school", schoolId).param("account", accountId).query(Mailboxes::map).list();
	}

	/** Whether the person may use the mailbox; a mailbox of another school is never theirs. */
	public boolean mayUse(UUID schoolId, UUID accountId, UUID mailboxId) {
		return jdbc.sql("select count(*) from mail_mailbox m where m.id = :id and m.school_id = :school and (m.account_id = :account "
				+ "or exists (select 1 from mail_mailbox_member mm where mm.mailbox_id = m.id and mm.account_id = :account))")
			.param("id", mailboxId).param("school", schoolId).param("account", accountId).query(Integer.class).single() > 0;
	}

	@Transactional
	public void addMember(Mailbox function, UUID accountId) {
		jdbc.sql("insert into mail_mailbox_member (mailbox_id, school_id, account_id) values (:mailbox, :school, :account) on conflict do nothing")
			.param("mailbox", function.id()).param("school", function.schoolId()).param("account", accountId).update();
	}

	@Transactional
	public void removeMember(Mailbox function, UUID accountId) {
		jdbc.sql("delete from mail_mailbox_member where mailbox_id = :mailbox and school_id = :school and account_id = :account")
			.param("mailbox", function.id()).param("school", function.schoolId()).param("account", accountId).update();
	}

	public List<UUID> members(Mailbox function) {
		return jdbc.sql("select account_id from mail_mailbox_member where mailbox_id = :mailbox and school_id = :school")
			.param("mailbox", function.id()).param("school", function.schoolId()).query(UUID.class).list();
	}

	private static String clip(String name) {
		String value = name == null ? "" : name.strip();
		return value.length() <= 200 ? value : value.substring(0, 200);
	}

	static Mailbox map(ResultSet rs, int row) throws SQLException {
		return new Mailbox(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4),
				rs.getString(5));
	}
}
