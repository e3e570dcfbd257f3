package de.schulhaus.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.blobs.BlobStore;
import de.schulhaus.blobs.QuotaExceededException;
import de.schulhaus.blobs.StagedBlob;
import de.schulhaus.mail.MailDelivered;
import de.schulhaus.platform.BatchStatements;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.NotFoundException;

/**
 * Messages in folders. Raw messages go to the blob store first (streamed, outside any transaction) and
 * are read once there; then one short transaction puts them into their folders: a delivery that
 * returns has committed, so SMTP may say {@code 250}. A mail counts against its mailbox owner's mail
 * quota; a copy within the store shares the raw message, which goes when its last message does.
 */
@Service
public class MessageStore {

	static final String COLUMNS = "id, school_id, mailbox_id, folder_id, uid, modseq, blob_id, size_bytes, header_bytes, received_at, "
			+ "seen, answered, flagged, deleted, draft, keywords, sent_at, subject, from_address, from_name, to_text, cc_text, message_id, "
			+ "in_reply_to, thread_id, has_attachments, preview";

	private final JdbcClient jdbc;
	private final BlobStore blobs;
	private final MailFolders folders;
	private final MailWatchers watchers;
	private final StorageQuotas quotas;
	private final TransactionTemplate transaction;
	private final ApplicationEventPublisher events;
	private final BatchStatements batches;

	MessageStore(JdbcClient jdbc, BlobStore blobs, MailFolders folders, MailWatchers watchers, StorageQuotas quotas,
			PlatformTransactionManager transactions, ApplicationEventPublisher events, BatchStatements batches) {
		this.events = events;
		this.batches = batches;
		this.jdbc = jdbc;
		this.blobs = blobs;
		this.folders = folders;
		this.watchers = watchers;
		this.quotas = quotas;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Streams a raw message into the blob store and reads it once. Outside any transaction.
	 *
	 * @throws MessageTooLargeException beyond {@code maxBytes}; nothing is kept
	 */
	public StagedMessage stage(InputStream raw, long maxBytes) {
		StagedBlob blob = blobs.stage(new LimitedInputStream(raw, maxBytes));
		try (InputStream in = blobs.open(blob.id()).orElseThrow(() -> new IllegalStateException("staged message vanished"))) {
			return new StagedMessage(blob, MessageScan.scan(in));
		} catch (IOException | RuntimeException e) {
			blobs.discard(blob);
			throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
		}
	}

	/** Gives up a staged message that went nowhere. */
	public void discard(StagedMessage message) {
		blobs.discard(message.blob());
	}

	/**
	 * Puts the message into the inbox of every mailbox, in one transaction, and answers per mailbox
	 * whether it arrived: a full mailbox refuses, the others still get it. The staged message is used up.
	 * Each arrival publishes {@link MailDelivered} in the same transaction.
	 */
	public Map<UUID, Delivery> deliver(StagedMessage message, List<Mailbox> mailboxes, String envelopeFrom) {
		Copies copies = copies(message, mailboxes.size());
		try {
			Map<UUID, Delivery> results = transaction.execute(status -> deliver(copies, mailboxes, envelopeFrom));
			copies.discardUnused();
			return results;
		} catch (RuntimeException e) {
			copies.discardAll();
			throw e;
		}
	}

	/**
	 * The staged message and {@code count - 1} copies of it, staged now (outside any transaction): every
	 * mailbox owns its copy, so its quota counts it. Use them in one transaction, then
	 * {@link Copies#discardUnused()} (or {@link Copies#discardAll()} when it failed).
	 */
	public Copies copies(StagedMessage message, int count) {
		List<StagedBlob> staged = new ArrayList<>();
		staged.add(message.blob());
		try {
			for (int i = 1; i < count; i++) {
				try (InputStream in = blobs.open(message.blob().id()).orElseThrow()) {
					staged.add(blobs.stage(in));
				}
			}
		} catch (IOException | RuntimeException e) {
			staged.forEach(blobs::discard);
			throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
		}
		return new Copies(message.scan(), staged);
	}

	/** Copies of one message for several places, taken one by one in a transaction. */
	public final class Copies {
		private final ScannedMessage scan;
		private final List<StagedBlob> staged;
		private final boolean[] taken;
		private int next;

		Copies(ScannedMessage scan, List<StagedBlob> staged) {
			this.scan = scan;
			this.staged = staged;
			this.taken = new boolean[staged.size()];
		}

		StagedMessage take() {
			if (next >= staged.size()) {
				throw new IllegalStateException("no copy left");
			}
			taken[next] = true;
			return new StagedMessage(staged.get(next++), scan);
		}

		void giveBack(StagedMessage copy) {
			int index = staged.indexOf(copy.blob());
			if (index >= 0) {
				taken[index] = false;
			}
		}

		/** After the commit: removes the copies that went nowhere. */
		public void discardUnused() {
			for (int i = 0; i < staged.size(); i++) {
				if (!taken[i]) {
					blobs.discard(staged.get(i));
				}
			}
		}

		/** After a failure: the transaction's rollback removed what it attached; this removes the rest. */
		public void discardAll() {
			staged.forEach(blobs::discard);
		}
	}

	/** {@link #deliver(StagedMessage, List, String)} inside the caller's transaction, one copy per mailbox. */
	public Map<UUID, Delivery> deliver(Copies copies, List<Mailbox> mailboxes, String envelopeFrom) {
		Map<UUID, Delivery> results = new LinkedHashMap<>();
		for (Mailbox mailbox : mailboxes) {
			MailFolder inbox = folders.special(mailbox, SpecialUse.INBOX).orElseThrow(() -> new NotFoundException("inbox"));
			StagedMessage copy = copies.take();
			try {
				UUID blobId = attach(mailbox, copy.blob());
				Appended appended = insert(mailbox, inbox, blobId, copy, Flags.NONE, Instant.now());
				results.put(mailbox.id(), new Delivery(true, appended));
				events.publishEvent(new MailDelivered(mailbox.schoolId(), mailbox.id(), mailbox.accountId(), appended.messageId(),
						envelopeFrom == null ? "" : envelopeFrom, copy.scan().calendarReply()));
			} catch (QuotaExceededException full) {
				copies.giveBack(copy);
				results.put(mailbox.id(), new Delivery(false, null));
			}
		}
		return results;
	}

	/** Whether the message reached one mailbox, and where. */
	public record Delivery(boolean delivered, Appended appended) {
	}

	/** Where a message was put: its folder's UIDVALIDITY and its UID (UIDPLUS). */
	public record Appended(UUID messageId, UUID folderId, long uidValidity, long uid, long modseq) {
	}

	/**
	 * Puts a staged message into a folder with flags (IMAP APPEND, the webmail's sent copy and drafts).
	 *
	 * @throws QuotaExceededException when the mailbox is full; the staged message is discarded
	 */
	public Appended append(Mailbox mailbox, MailFolder folder, StagedMessage message, Flags flags, Instant receivedAt) {
		try {
			return transaction.execute(status -> {
				UUID blobId = attach(mailbox, message.blob());
				return insert(mailbox, folder, blobId, message, flags, receivedAt == null ? Instant.now() : receivedAt);
			});
		} catch (RuntimeException e) {
			blobs.discard(message.blob());
			throw e;
		}
	}

	/** {@link #append} inside the caller's transaction with one of the copies. */
	public Appended append(Mailbox mailbox, MailFolder folder, Copies copies, Flags flags) {
		StagedMessage copy = copies.take();
		UUID blobId = attach(mailbox, copy.blob());
		return insert(mailbox, folder, blobId, copy, flags, Instant.now());
	}

	/** {@link #append(Mailbox, MailFolder, Copies, Flags)}, or nothing when the mailbox is full (the copy goes back). */
	public Optional<Appended> appendIfRoom(Mailbox mailbox, MailFolder folder, Copies copies, Flags flags) {
		StagedMessage copy = copies.take();
		UUID blobId;
		try {
			blobId = attach(mailbox, copy.blob());
		} catch (QuotaExceededException full) {
			copies.giveBack(copy);
			return Optional.empty();
		}
		return Optional.of(insert(mailbox, folder, blobId, copy, flags, Instant.now()));
	}

	private UUID attach(Mailbox mailbox, StagedBlob blob) {
		if (mailbox.personal()) {
			BlobOwner owner = BlobOwner.mail(mailbox.schoolId(), mailbox.accountId());
			return blobs.attach(blob, owner, quotas.limitBytes(owner));
		}
		return blobs.attach(blob, BlobOwner.school(mailbox.schoolId()));
	}

	private Appended insert(Mailbox mailbox, MailFolder folder, UUID blobId, StagedMessage message, Flags flags, Instant receivedAt) {
		MailFolders.Allocation slot = folders.allocate(mailbox.schoolId(), folder.id(), 1);
		ScannedMessage scan = message.scan();
		UUID id = Ids.newId();
		jdbc.sql("insert into mail_message (" + COLUMNS + ", search_text) values (:id, :school, :mailbox, :folder, :uid, :modseq, :blob, "
				+ ":size, :header, :received, :seen, :answered, :flagged, :deleted, :draft, :keywords, :sent, :subject, :fromAddress, "
				+ ":fromName, :to, :cc, :messageId, :inReplyTo, :thread, :attachments, :preview, :text)")
			.param("id", id).param("school", mailbox.schoolId()).param("mailbox", mailbox.id()).param("folder", folder.id())
			.param("uid", slot.firstUid()).param("modseq", slot.modseq()).param("blob", blobId).param("size", message.size())
			.param("header", scan.headerBytes()).param("received", Timestamp.from(receivedAt))
			.param("seen", flags.seen()).param("answered", flags.answered()).param("flagged", flags.flagged())
			.param("deleted", flags.deleted()).param("draft", flags.draft()).param("keywords", flags.keywordColumn())
			.param("sent", scan.sentAt() == null ? null : Timestamp.from(scan.sentAt())).param("subject", scan.subject())
			.param("fromAddress", scan.fromAddress()).param("fromName", scan.fromName()).param("to", scan.toText()).param("cc", scan.ccText())
			.param("messageId", scan.messageId()).param("inReplyTo", scan.inReplyTo()).param("thread", threadOf(mailbox, scan))
			.param("attachments", scan.hasAttachments()).param("preview", scan.preview()).param("text", scan.text())
			.update();
		watchers.changed(mailbox.id(), folder.id());
		return new Appended(id, folder.id(), slot.uidValidity(), slot.firstUid(), slot.modseq());
	}

	/** The conversation of the message it answers or refers to in the same mailbox, else a new one. */
	private UUID threadOf(Mailbox mailbox, ScannedMessage scan) {
		if (scan.references().isEmpty()) {
			return Ids.newId();
		}
		return jdbc.sql("select thread_id from mail_message where mailbox_id = :mailbox and school_id = :school and message_id in (:ids) "
				+ "order by received_at limit 1")
			.param("mailbox", mailbox.id()).param("school", mailbox.schoolId()).param("ids", scan.references())
			.query(UUID.class).optional().orElseGet(Ids::newId);
	}

	public Optional<StoredMessage> find(UUID schoolId, UUID messageId) {
		return jdbc.sql("select " + COLUMNS + " from mail_message where id = :id and school_id = :school")
			.param("id", messageId).param("school", schoolId).query(MessageStore::map).optional();
	}

	/** The folder's messages with these UIDs, in UID order. */
	public List<StoredMessage> byUids(MailFolder folder, Collection<Long> uids) {
		if (uids.isEmpty()) {
			return List.of();
		}
		List<StoredMessage> found = new ArrayList<>();
		for (List<Long> chunk : chunks(uids)) {
			found.addAll(jdbc.sql("select " + COLUMNS + " from mail_message where folder_id = :folder and school_id = :school and uid in (:uids) "
					+ "order by uid")
				.param("folder", folder.id()).param("school", folder.schoolId()).param("uids", chunk).query(MessageStore::map).list());
		}
		found.sort(Comparator.comparingLong(StoredMessage::uid));
		return found;
	}

	/** The raw message; close it. */
	public InputStream open(StoredMessage message) {
		return blobs.open(message.blobId()).orElseThrow(() -> new NotFoundException("message"));
	}

	/** A part of the raw message ({@code BODY[]<offset.length>}, the header, a MIME part). */
	public InputStream open(StoredMessage message, long offset, long length) {
		return blobs.open(message.blobId(), offset, length).orElseThrow(() -> new NotFoundException("message"));
	}

	public enum FlagMode {
		ADD, REMOVE, REPLACE
	}

	/** A message whose flags changed, with its new flags and modification sequence. */
	public record FlagChange(long uid, Flags flags, long modseq) {
	}

	/**
	 * Changes the flags of the folder's messages with these UIDs. With {@code unchangedSince} (CONDSTORE),
	 * messages changed after it are left alone and returned as {@code failed}.
	 */
	@Transactional
	public FlagResult storeFlags(MailFolder folder, Collection<Long> uids, FlagMode mode, Flags flags, Long unchangedSince) {
		List<StoredMessage> messages = byUids(folder, uids);
		List<Long> failed = new ArrayList<>();
		List<StoredMessage> changing = new ArrayList<>();
		List<Flags> next = new ArrayList<>();
		for (StoredMessage message : messages) {
			if (unchangedSince != null && message.modseq() > unchangedSince) {
				failed.add(message.uid());
				continue;
			}
			Flags updated = switch (mode) {
				case ADD -> message.flags().plus(flags);
				case REMOVE -> message.flags().minus(flags);
				case REPLACE -> flags;
			};
			if (updated.keywords().size() > Flags.MAX_KEYWORDS) {
				throw new IllegalArgumentException("at most " + Flags.MAX_KEYWORDS + " keywords per message");
			}
			if (!updated.equals(message.flags())) {
				changing.add(message);
				next.add(updated);
			}
		}
		List<FlagChange> changes = new ArrayList<>();
		if (!changing.isEmpty()) {
			long modseq = folders.allocate(folder.schoolId(), folder.id(), 0).modseq();
			List<MapSqlParameterSource> rows = new ArrayList<>();
			for (int i = 0; i < changing.size(); i++) {
				Flags f = next.get(i);
				rows.add(new MapSqlParameterSource().addValue("seen", f.seen()).addValue("answered", f.answered())
					.addValue("flagged", f.flagged()).addValue("deleted", f.deleted()).addValue("draft", f.draft())
					.addValue("keywords", f.keywordColumn()).addValue("modseq", modseq).addValue("id", changing.get(i).id())
					.addValue("school", folder.schoolId()));
				changes.add(new FlagChange(changing.get(i).uid(), f, modseq));
			}
			batches.run("update mail_message set seen = :seen, answered = :answered, flagged = :flagged, deleted = :deleted, "
					+ "draft = :draft, keywords = :keywords, modseq = :modseq where id = :id and school_id = :school", rows);
			watchers.changed(folder.mailboxId(), folder.id());
		}
		return new FlagResult(changes, failed);
	}

	public record FlagResult(List<FlagChange> changed, List<Long> failed) {
	}

	/** Source UIDs and the UIDs their copies got in the target (COPYUID/MOVE of UIDPLUS). */
	public record Transfer(long uidValidity, List<Long> sourceUids, List<Long> targetUids) {
	}

	/** Copies messages into another folder of a mailbox the caller may use; they share the raw message. */
	@Transactional
	public Transfer copy(MailFolder from, Collection<Long> uids, MailFolder to) {
		return transfer(from, uids, to, false);
	}

	/** Moves messages (RFC 6851): they get new UIDs in the target, and the source reports them expunged. */
	@Transactional
	public Transfer move(MailFolder from, Collection<Long> uids, MailFolder to) {
		return transfer(from, uids, to, true);
	}

	private Transfer transfer(MailFolder from, Collection<Long> uids, MailFolder to, boolean move) {
		requireSameSchool(from, to);
		List<StoredMessage> messages = byUids(from, uids);
		if (messages.isEmpty()) {
			return new Transfer(to.uidValidity(), List.of(), List.of());
		}
		MailFolders.Allocation slot = folders.allocate(to.schoolId(), to.id(), messages.size());
		long sourceModseq = move ? folders.allocate(from.schoolId(), from.id(), 0).modseq() : 0;
		List<Long> sources = new ArrayList<>();
		List<Long> targets = new ArrayList<>();
		List<MapSqlParameterSource> rows = new ArrayList<>();
		long uid = slot.firstUid();
		for (StoredMessage message : messages) {
			rows.add(new MapSqlParameterSource().addValue("newId", Ids.newId()).addValue("to", to.id()).addValue("mailbox", to.mailboxId())
				.addValue("uid", uid).addValue("modseq", slot.modseq()).addValue("id", message.id()).addValue("school", from.schoolId()));
			sources.add(message.uid());
			targets.add(uid++);
		}
		if (move) {
			batches.run("update mail_message set folder_id = :to, mailbox_id = :mailbox, uid = :uid, modseq = :modseq "
					+ "where id = :id and school_id = :school", rows);
			recordExpunged(from, sources, sourceModseq);
		} else {
			batches.run("insert into mail_message (" + COLUMNS + ", search_text) select :newId, school_id, :mailbox, :to, :uid, :modseq, "
					+ "blob_id, size_bytes, header_bytes, received_at, seen, answered, flagged, deleted, draft, keywords, sent_at, subject, "
					+ "from_address, from_name, to_text, cc_text, message_id, in_reply_to, thread_id, has_attachments, preview, search_text "
					+ "from mail_message where id = :id and school_id = :school", rows);
		}
		watchers.changed(to.mailboxId(), to.id());
		if (move) {
			watchers.changed(from.mailboxId(), from.id());
		}
		return new Transfer(slot.uidValidity(), sources, targets);
	}

	/**
	 * Removes messages for good: those with these UIDs that are marked deleted, or with {@code uids} null
	 * every message marked deleted (IMAP EXPUNGE). Answers the UIDs removed, in order.
	 */
	@Transactional
	public List<Long> expunge(MailFolder folder, Collection<Long> uids) {
		List<StoredMessage> marked = uids == null
				? jdbc.sql("select " + COLUMNS + " from mail_message where folder_id = :folder and school_id = :school and deleted = true order by uid")
					.param("folder", folder.id()).param("school", folder.schoolId()).query(MessageStore::map).list()
				: byUids(folder, uids).stream().filter(m -> m.flags().deleted()).toList();
		return remove(folder, marked);
	}

	/** Removes messages for good whatever their flags (the webmail's "delete from the trash"). */
	@Transactional
	public List<Long> delete(MailFolder folder, Collection<Long> uids) {
		return remove(folder, byUids(folder, uids));
	}

	private List<Long> remove(MailFolder folder, List<StoredMessage> messages) {
		if (messages.isEmpty()) {
			return List.of();
		}
		long modseq = folders.allocate(folder.schoolId(), folder.id(), 0).modseq();
		List<Long> removed = messages.stream().map(StoredMessage::uid).toList();
		List<UUID> blobIds = messages.stream().map(StoredMessage::blobId).toList();
		for (List<Long> chunk : chunks(removed)) {
			jdbc.sql("delete from mail_message where folder_id = :folder and school_id = :school and uid in (:uids)")
				.param("folder", folder.id()).param("school", folder.schoolId()).param("uids", chunk).update();
		}
		recordExpunged(folder, removed, modseq);
		deleteUnreferenced(jdbc, blobs, blobIds);
		watchers.changed(folder.mailboxId(), folder.id());
		return removed;
	}

	/** Remembers UIDs that left a folder, for QRESYNC-style catch-up and the webmail's live view. */
	private void recordExpunged(MailFolder folder, List<Long> uids, long modseq) {
		Timestamp now = Timestamp.from(Instant.now());
		batches.run("insert into mail_expunged (folder_id, uid, modseq, expunged_at) values (:folder, :uid, :modseq, :now)",
				uids.stream().map(uid -> new MapSqlParameterSource().addValue("folder", folder.id()).addValue("uid", uid)
					.addValue("modseq", modseq).addValue("now", now)).toList());
	}

	/** Deletes the raw messages that no message refers to any more: one query per thousand blobs. */
	static void deleteUnreferenced(JdbcClient jdbc, BlobStore blobs, Collection<UUID> blobIds) {
		List<UUID> distinct = List.copyOf(new LinkedHashSet<>(blobIds));
		for (int i = 0; i < distinct.size(); i += 1000) {
			List<UUID> chunk = distinct.subList(i, Math.min(distinct.size(), i + 1000));
			Set<UUID> used = new HashSet<>(jdbc.sql("select distinct blob_id from mail_message where blob_id in (:blobs)")
				.param("blobs", chunk).query(UUID.class).list());
			chunk.stream().filter(id -> !used.contains(id)).forEach(blobs::delete);
		}
	}

	private static void requireSameSchool(MailFolder from, MailFolder to) {
		if (!from.schoolId().equals(to.schoolId())) {
			throw new NotFoundException("folder");
		}
	}

	private static List<List<Long>> chunks(Collection<Long> uids) {
		List<Long> all = List.copyOf(uids);
		List<List<Long>> chunks = new ArrayList<>();
		for (int i = 0; i < all.size(); i += 1000) {
			chunks.add(all.subList(i, Math.min(all.size(), i + 1000)));
		}
		return chunks;
	}

	static StoredMessage map(ResultSet rs, int row) throws SQLException {
		Flags flags = new Flags(rs.getBoolean("seen"), rs.getBoolean("answered"), rs.getBoolean("flagged"), rs.getBoolean("deleted"),
				rs.getBoolean("draft"), Flags.keywordsOf(rs.getString("keywords")));
		OffsetDateTime sent = rs.getObject("sent_at", OffsetDateTime.class);
		return new StoredMessage(rs.getObject("id", UUID.class), rs.getObject("school_id", UUID.class), rs.getObject("mailbox_id", UUID.class),
				rs.getObject("folder_id", UUID.class), rs.getLong("uid"), rs.getLong("modseq"), rs.getObject("blob_id", UUID.class),
				rs.getLong("size_bytes"), rs.getLong("header_bytes"), rs.getObject("received_at", OffsetDateTime.class).toInstant(), flags,
				sent == null ? null : sent.toInstant(), rs.getString("subject"), rs.getString("from_address"), rs.getString("from_name"),
				rs.getString("to_text"), rs.getString("cc_text"), rs.getString("message_id"), rs.getString("in_reply_to"),
				rs.getObject("thread_id", UUID.class), rs.getBoolean("has_attachments"), rs.getString("preview"));
	}
}
