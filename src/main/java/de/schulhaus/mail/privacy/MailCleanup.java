package de.schulhaus.mail.privacy;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.blobs.BlobStore;
import de.schulhaus.mail.internal.MailboxRemoval;
import de.schulhaus.schools.SchoolDeleted;

/**
 * Mail goes with its owners: a deleted person's mailbox (folders, messages, raw messages), aliases,
 * places in function mailboxes and settings; everything of a deleted school, its queue for outside
 * included. Delivered through the event registry, so a node dying half-way leaves the work to the next one.
 */
@Component
class MailCleanup {

	/** A person's settings and what the rules remember about them. */
	static final List<String> PERSON_TABLES = List.of("mail_absence", "mail_absence_reply", "mail_forwarding", "mail_quota_warning");

	private final JdbcClient jdbc;
	private final MailboxRemoval removal;
	private final BlobStore blobs;

	MailCleanup(JdbcClient jdbc, MailboxRemoval removal, BlobStore blobs) {
		this.jdbc = jdbc;
		this.removal = removal;
		this.blobs = blobs;
	}

	@ApplicationModuleListener
	void on(AccountsChanged event) {
		List<UUID> deleted = event.changes().stream().filter(c -> c.kind() == AccountsChanged.Kind.DELETED)
			.map(AccountsChanged.Change::accountId).toList();
		if (!deleted.isEmpty()) {
			removePeople(event.schoolId(), deleted);
		}
	}

	@ApplicationModuleListener
	void on(SchoolDeleted event) {
		UUID school = event.schoolId();
		removal.removeSchool(school);
		for (String table : PERSON_TABLES) {
			jdbc.sql("delete from " + table + " where school_id = :school").param("school", school).update();
		}
		List<UUID> queued = jdbc.sql("select blob_id from mail_outbound_message where school_id = :school").param("school", school)
			.query(UUID.class).list();
		// recipients go with their message (on delete cascade)
		jdbc.sql("delete from mail_outbound_message where school_id = :school").param("school", school).update();
		queued.forEach(blobs::delete);
		jdbc.sql("delete from mail_policy where school_id = :school").param("school", school).update();
	}

	/** Removes these people's mail in the caller's transaction; answers what went. */
	@Transactional
	MailboxRemoval.Removed removePeople(UUID school, Collection<UUID> people) {
		MailboxRemoval.Removed removed = removal.removePeople(school, people);
		for (String table : PERSON_TABLES) {
			jdbc.sql("delete from " + table + " where school_id = :school and account_id in (:people)").param("school", school)
				.param("people", List.copyOf(people)).update();
		}
		return removed;
	}
}
