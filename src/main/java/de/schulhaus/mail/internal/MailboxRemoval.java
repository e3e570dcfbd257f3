package de.schulhaus.mail.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.blobs.BlobStore;

/**
 * Removes mailboxes for good, with their folders, messages and raw messages: a function mailbox the
 * admin deletes, a person's on erasure or when the account goes, all of a deleted school's. A raw
 * message shared with a message elsewhere (a copy into another mailbox) stays until its last message goes.
 */
@Service
public class MailboxRemoval {

	private static final int BATCH = 1000;

	private final JdbcClient jdbc;
	private final BlobStore blobs;

	MailboxRemoval(JdbcClient jdbc, BlobStore blobs) {
		this.jdbc = jdbc;
		this.blobs = blobs;
	}

	/** What went: messages and their bytes. */
	public record Removed(long messages, long bytes) {

		Removed plus(Removed other) {
			return new Removed(messages + other.messages, bytes + other.bytes);
		}
	}

	/** Removes the mailbox with everything in it (aliases and members go with its row). */
	@Transactional
	public Removed remove(Mailbox mailbox) {
		Removed removed = new Removed(0, 0);
		List<Row> batch;
		// in batches: a mailbox of years holds tens of thousands of messages
		while (!(batch = rows("mailbox_id = :owner", mailbox.schoolId(), mailbox.id())).isEmpty()) {
			removed = removed.plus(delete(mailbox.schoolId(), batch));
		}
		jdbc.sql("delete from mail_mailbox where id = :id and school_id = :school").param("id", mailbox.id()).param("school", mailbox.schoolId())
			.update();
		return removed;
	}

	/** Removes these people's own mailboxes and their places in function mailboxes. */
	@Transactional
	public Removed removePeople(UUID schoolId, Collection<UUID> accountIds) {
		Removed removed = new Removed(0, 0);
		if (accountIds.isEmpty()) {
			return removed;
		}
		List<Mailbox> own = jdbc.sql("select id, school_id, account_id, local_part, display_name from mail_mailbox "
				+ "where school_id = :school and account_id in (:accounts)")
			.param("school", schoolId).param("accounts", List.copyOf(accountIds)).query(Mailboxes::map).list();
		for (Mailbox mailbox : own) {
			removed = removed.plus(remove(mailbox));
		}
		jdbc.sql("delete from mail_mailbox_member where school_id = :school and account_id in (:accounts)")
			.param("school", schoolId).param("accounts", List.copyOf(accountIds)).update();
		return removed;
	}

	/** Removes all mail of a school: mailboxes, messages, aliases, lists. */
	@Transactional
	public Removed removeSchool(UUID schoolId) {
		Removed removed = new Removed(0, 0);
		List<Row> batch;
		while (!(batch = rows("school_id = :owner", schoolId, schoolId)).isEmpty()) {
			removed = removed.plus(delete(schoolId, batch));
		}
		jdbc.sql("delete from mail_alias where school_id = :school").param("school", schoolId).update();
		jdbc.sql("delete from mail_mailbox_member where school_id = :school").param("school", schoolId).update();
		jdbc.sql("delete from mail_mailbox where school_id = :school").param("school", schoolId).update();
		jdbc.sql("delete from mail_list where school_id = :school").param("school", schoolId).update();
		return removed;
	}

	private record Row(UUID id, UUID blobId, long size) {
	}

	private List<Row> rows(String where, UUID schoolId, UUID owner) {
		return jdbc.sql("select id, blob_id, size_bytes from mail_message where school_id = :school and " + where + " limit " + BATCH)
			.param("school", schoolId).param("owner", owner)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3))).list();
	}

	private Removed delete(UUID schoolId, List<Row> batch) {
		List<UUID> ids = batch.stream().map(Row::id).toList();
		jdbc.sql("delete from mail_message where school_id = :school and id in (:ids)").param("school", schoolId).param("ids", ids).update();
		Set<UUID> candidates = new HashSet<>();
		batch.forEach(r -> candidates.add(r.blobId()));
		Set<UUID> stillUsed = new HashSet<>(jdbc.sql("select distinct blob_id from mail_message where blob_id in (:blobs)")
			.param("blobs", new ArrayList<>(candidates)).query(UUID.class).list());
		candidates.removeAll(stillUsed);
		candidates.forEach(blobs::delete);
		return new Removed(batch.size(), batch.stream().mapToLong(Row::size).sum());
	}
}
