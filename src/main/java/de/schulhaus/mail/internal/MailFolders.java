package de.schulhaus.mail.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.blobs.BlobStore;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;

/**
 * The folders of a mailbox. Names are full paths with {@code /} between levels; the standard folders
 * (inbox, sent, drafts, trash, archive, junk) cannot be renamed away or deleted. A folder's UIDs and
 * modification sequence are counted on its row, which a writer locks, so UIDs are given in order and
 * never twice.
 */
@Service
public class MailFolders {

	public static final char DELIMITER = '/';
	private static final String COLUMNS = "id, school_id, mailbox_id, name, special_use, uid_validity, uid_next, highest_modseq, subscribed";

	private final JdbcClient jdbc;
	private final MailWatchers watchers;
	private final BlobStore blobs;

	MailFolders(JdbcClient jdbc, MailWatchers watchers, BlobStore blobs) {
		this.jdbc = jdbc;
		this.watchers = watchers;
		this.blobs = blobs;
	}

	void createStandard(Mailbox mailbox) {
		for (SpecialUse use : SpecialUse.values()) {
			insert(mailbox, use.defaultName(), use);
		}
	}

	public List<MailFolder> list(Mailbox mailbox) {
		return jdbc.sql("select " + COLUMNS + " from mail_folder where mailbox_id = :mailbox and school_id = :school "
				+ "order by case special_use when 'inbox' then 0 when 'drafts' then 1 when 'sent' then 2 when 'archive' then 3 "
				+ "when 'junk' then 4 when 'trash' then 5 else 6 end, name")
			.param("mailbox", mailbox.id()).param("school", mailbox.schoolId()).query(MailFolders::map).list();
	}

	public Optional<MailFolder> find(UUID schoolId, UUID folderId) {
		return jdbc.sql("select " + COLUMNS + " from mail_folder where id = :id and school_id = :school")
			.param("id", folderId).param("school", schoolId).query(MailFolders::map).optional();
	}

	/** The folder of this name; {@code INBOX} in any case is the inbox (RFC 3501). */
	public Optional<MailFolder> byName(Mailbox mailbox, String name) {
		if (name.equalsIgnoreCase("INBOX")) {
			return special(mailbox, SpecialUse.INBOX);
		}
		return jdbc.sql("select " + COLUMNS + " from mail_folder where mailbox_id = :mailbox and school_id = :school and name = :name")
			.param("mailbox", mailbox.id()).param("school", mailbox.schoolId()).param("name", name).query(MailFolders::map).optional();
	}

	public Optional<MailFolder> special(Mailbox mailbox, SpecialUse use) {
		return jdbc.sql("select " + COLUMNS + " from mail_folder where mailbox_id = :mailbox and school_id = :school and special_use = :use")
			.param("mailbox", mailbox.id()).param("school", mailbox.schoolId()).param("use", use.column()).query(MailFolders::map).optional();
	}

	@Transactional
	public MailFolder create(Mailbox mailbox, String name) {
		String clean = validName(name);
		if (byName(mailbox, clean).isPresent()) {
			throw new InvalidInputException("name", "mail.error.folderExists", clean);
		}
		return insert(mailbox, clean, null);
	}

	/** Renames a folder and its subfolders; a standard folder keeps its place (renaming the inbox is not offered). */
	@Transactional
	public void rename(Mailbox mailbox, MailFolder folder, String newName) {
		String clean = validName(newName);
		if (folder.specialUse() != null) {
			throw new InvalidInputException("name", "mail.error.folderStandard", folder.name());
		}
		if (byName(mailbox, clean).isPresent()) {
			throw new InvalidInputException("name", "mail.error.folderExists", clean);
		}
		String prefix = folder.name() + DELIMITER;
		jdbc.sql("update mail_folder set name = :new || substring(name, :cut) where mailbox_id = :mailbox and school_id = :school "
				+ "and (id = :id or name like :prefix escape '!')")
			.param("new", clean).param("cut", folder.name().length() + 1).param("mailbox", mailbox.id()).param("school", mailbox.schoolId())
			.param("id", folder.id()).param("prefix", likePrefix(prefix)).update();
		watchers.changed(mailbox.id(), folder.id());
	}

	/** Deletes a folder with its messages; subfolders stay (RFC 3501). Standard folders cannot be deleted. */
	@Transactional
	public void delete(Mailbox mailbox, MailFolder folder) {
		if (folder.specialUse() != null) {
			throw new InvalidInputException("name", "mail.error.folderStandard", folder.name());
		}
		List<UUID> blobIds = jdbc.sql("select distinct blob_id from mail_message where folder_id = :folder and school_id = :school")
			.param("folder", folder.id()).param("school", mailbox.schoolId()).query(UUID.class).list();
		jdbc.sql("delete from mail_message where folder_id = :folder and school_id = :school")
			.param("folder", folder.id()).param("school", mailbox.schoolId()).update();
		jdbc.sql("delete from mail_folder where id = :folder and school_id = :school")
			.param("folder", folder.id()).param("school", mailbox.schoolId()).update();
		MessageStore.deleteUnreferenced(jdbc, blobs, blobIds);
		watchers.changed(mailbox.id(), folder.id());
	}

	@Transactional
	public void subscribe(MailFolder folder, boolean subscribed) {
		jdbc.sql("update mail_folder set subscribed = :on where id = :id and school_id = :school")
			.param("on", subscribed).param("id", folder.id()).param("school", folder.schoolId()).update();
	}

	/**
	 * Locks the folder's row and takes {@code count} UIDs and one new modification sequence for the
	 * caller's transaction.
	 */
	Allocation allocate(UUID schoolId, UUID folderId, int count) {
		int updated = jdbc.sql("update mail_folder set uid_next = uid_next + :count, highest_modseq = highest_modseq + 1 "
				+ "where id = :id and school_id = :school")
			.param("count", count).param("id", folderId).param("school", schoolId).update();
		if (updated == 0) {
			throw new de.schulhaus.platform.NotFoundException("folder");
		}
		return jdbc.sql("select uid_next, highest_modseq, uid_validity from mail_folder where id = :id")
			.param("id", folderId)
			.query((rs, n) -> new Allocation(rs.getLong(1) - count, rs.getLong(2), rs.getLong(3))).single();
	}

	/** UIDs {@code firstUid} to {@code firstUid + count - 1} and the modification sequence of this change. */
	record Allocation(long firstUid, long modseq, long uidValidity) {
	}

	static String validName(String name) {
		String clean = name == null ? "" : name.strip();
		if (clean.isEmpty() || clean.length() > 250 || clean.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
				|| clean.startsWith("/") || clean.endsWith("/") || clean.contains("//") || clean.equalsIgnoreCase("INBOX")
				|| clean.toUpperCase(Locale.ROOT).startsWith("INBOX/") || clean.contains("*") || clean.contains("%")) {
			throw new InvalidInputException("name", "mail.error.folderName", clean);
		}
		return clean;
	}

	private MailFolder insert(Mailbox mailbox, String name, SpecialUse use) {
		UUID id = Ids.newId();
		// seconds since 1970 fit the 32 bits IMAP allows until 2106; a folder made again later gets a later value
		long validity = Math.max(1, Instant.now().getEpochSecond());
		jdbc.sql("insert into mail_folder (id, school_id, mailbox_id, name, special_use, uid_validity, uid_next, highest_modseq, subscribed, "
				+ "created_at) values (:id, :school, :mailbox, :name, :use, :validity, 1, 1, true, :now)")
			.param("id", id).param("school", mailbox.schoolId()).param("mailbox", mailbox.id()).param("name", name)
			.param("use", use == null ? null : use.column()).param("validity", validity).param("now", Timestamp.from(Instant.now()))
			.update();
		watchers.changed(mailbox.id(), id);
		return new MailFolder(id, mailbox.schoolId(), mailbox.id(), name, use, validity, 1, 1, true);
	}

	private static String likePrefix(String prefix) {
		return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
	}

	static MailFolder map(ResultSet rs, int row) throws SQLException {
		return new MailFolder(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4),
				SpecialUse.ofColumn(rs.getString(5)), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9));
	}
}
