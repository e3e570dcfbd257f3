package de.schulhaus.blobs;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import de.schulhaus.platform.BatchStatements;
import de.schulhaus.platform.Ids;

/**
 * File and message content by id, in a local folder or an S3 bucket ({@code SCHULHAUS_BLOBS}).
 * <p>
 * Content is {@linkplain #stage staged} outside any transaction, so a slow upload holds no database
 * connection, then {@linkplain #attach attached} in the short transaction that stores the row
 * referring to it: its own row ({@code stored_blob}, with owner and size) commits or rolls back with
 * that transaction, and a rollback removes the content at once. Deleted content is removed only after
 * the commit, so a rolled-back delete loses nothing. Staged content that is never attached, and what a
 * crash leaves behind, {@link OrphanBlobs} removes once it is older than the staging age.
 */
@Service
public class BlobStore {

	private final ContentStore content;
	private final JdbcClient jdbc;
	private final Duration attachWithin;
	private final StorageLedger ledger;
	private final BatchStatements batches;

	BlobStore(ContentStore content, JdbcClient jdbc, BlobsProperties properties, StorageLedger ledger, BatchStatements batches) {
		this.ledger = ledger;
		this.batches = batches;
		this.content = content;
		this.jdbc = jdbc;
		// half the staging age: the sweeper never removes content that a running transaction attaches
		this.attachWithin = properties.stagingAge().dividedBy(2);
	}

	/**
	 * Streams the content to the store (fsynced file or finished S3 upload). Must run outside any
	 * transaction. Attach the result, or {@link #discard} it when the caller gives up.
	 *
	 * @throws BlobStoreUnavailableException when the store cannot be reached
	 */
	public StagedBlob stage(InputStream in) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("content is staged outside transactions: a slow upload must not hold a database connection");
		}
		UUID id = Ids.newId();
		return new StagedBlob(id, content.write(id, in));
	}

	/**
	 * Registers staged content for its owner in the caller's transaction and returns its id. If the
	 * transaction rolls back, the content is removed.
	 *
	 * @throws IllegalStateException outside a transaction, or when the staged content is gone or too old
	 */
	public UUID attach(StagedBlob staged, BlobOwner owner) {
		return attach(staged, owner, -1);
	}

	/**
	 * {@link #attach(StagedBlob, BlobOwner)} if the content still fits into the owner's space of
	 * {@code limitBytes} (negative: no limit), counted in the same transaction.
	 *
	 * @throws QuotaExceededException if it does not fit; nothing is recorded, the staged content stays for the caller to discard
	 */
	public UUID attach(StagedBlob staged, BlobOwner owner, long limitBytes) {
		requireTransaction();
		ContentStore.Stat stat = attachable(staged);
		if (!ledger.tryAdd(owner, stat.size(), limitBytes)) {
			throw new QuotaExceededException(owner, stat.size());
		}
		jdbc.sql(INSERT)
			.param("id", staged.id()).param("school", owner.schoolId())
			.param("kind", owner.kind() == null ? null : owner.kind().column()).param("owner", owner.ownerId())
			.param("size", stat.size()).param("at", Timestamp.from(Instant.now()))
			.update();
		// registered only once the row is in: a second attach of the same blob fails without removing it
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					content.remove(List.of(staged.id()));
				}
			}
		});
		return staged.id();
	}

	/** The staged content's size and date, if it is still there and young enough that no sweeper removes it meanwhile. */
	private ContentStore.Stat attachable(StagedBlob staged) {
		ContentStore.Stat stat = content.stat(staged.id())
			.orElseThrow(() -> new IllegalStateException("staged blob " + staged.id() + " is gone (discarded or swept)"));
		// S3 dates a completed multipart upload by its start, which for a resumable upload may be a day
		// ago; the sweeper leaves content alone while its upload's row is there
		if (stat.modified().isBefore(Instant.now().minus(attachWithin)) && !resumable(staged.id())) {
			throw new IllegalStateException("staged blob " + staged.id() + " is older than " + attachWithin + " and may be swept; stage it again");
		}
		return stat;
	}

	/** Staged content to attach to an owner's space of {@code limitBytes} (negative: no limit), for {@link #attachAll}. */
	public record Attachment(StagedBlob staged, BlobOwner owner, long limitBytes) {
	}

	/**
	 * {@link #attach(StagedBlob, BlobOwner, long)} for several contents in few round trips, in the caller's transaction,
	 * counted against their spaces in the order given. False for what was not attached (no room, or the space has no
	 * usage row yet): its content stays staged for the single attach. A rollback leaves every content staged as well, so
	 * that the caller can attach them one by one after all; the caller discards what it gives up.
	 */
	public boolean[] attachAll(List<Attachment> attachments) {
		requireTransaction();
		long[] sizes = new long[attachments.size()];
		long[] limits = new long[attachments.size()];
		for (int i = 0; i < attachments.size(); i++) {
			ContentStore.Stat stat = attachable(attachments.get(i).staged());
			sizes[i] = stat.size();
			limits[i] = attachments.get(i).limitBytes();
		}
		boolean[] attached = ledger.tryAddAll(attachments.stream().map(Attachment::owner).toList(), sizes, limits);
		List<MapSqlParameterSource> rows = new ArrayList<>();
		Timestamp now = Timestamp.from(Instant.now());
		for (int i = 0; i < attachments.size(); i++) {
			if (attached[i]) {
				BlobOwner owner = attachments.get(i).owner();
				rows.add(new MapSqlParameterSource().addValue("id", attachments.get(i).staged().id()).addValue("school", owner.schoolId())
					.addValue("kind", owner.kind() == null ? null : owner.kind().column()).addValue("owner", owner.ownerId())
					.addValue("size", sizes[i]).addValue("at", now));
			}
		}
		if (!rows.isEmpty()) {
			batches.run(INSERT, rows);
		}
		return attached;
	}

	private static final String INSERT = "insert into stored_blob (id, school_id, owner_kind, owner_id, size_bytes, created_at) "
			+ "values (:id, :school, :kind, :owner, :size, :at)";

	/** Removes staged content that will not be attached; content that was attached meanwhile is kept. */
	public void discard(StagedBlob staged) {
		boolean attached = jdbc.sql("select count(*) from stored_blob where id = :id").param("id", staged.id())
			.query(Integer.class).single() > 0;
		if (!attached) {
			content.remove(List.of(staged.id()));
		}
	}

	/** The whole content. Close the stream: with S3 it holds a pooled HTTP connection. */
	public Optional<InputStream> open(UUID id) {
		return content.read(id, 0, Long.MAX_VALUE);
	}

	/**
	 * Up to {@code length} bytes from {@code offset} (HTTP Range requests, resumed downloads): fewer
	 * where the content ends sooner, none where it ends before the offset.
	 */
	public Optional<InputStream> open(UUID id, long offset, long length) {
		if (offset < 0 || length < 0) {
			throw new IllegalArgumentException("offset and length are not negative");
		}
		return content.read(id, offset, length);
	}

	/**
	 * The local file that holds the content, when the store is a folder (never with S3): to be sent with
	 * the operating system's sendfile, read only and never kept; empty when there is no such content.
	 */
	public Optional<Path> localFile(UUID id) {
		return content.localFile(id);
	}

	/** The content's length in bytes, as the store has it. */
	public OptionalLong size(UUID id) {
		return content.stat(id).map(stat -> OptionalLong.of(stat.size())).orElseGet(OptionalLong::empty);
	}

	/** Drops the blob's row now and its content once the transaction has committed. */
	public void delete(UUID id) {
		requireTransaction();
		// a space's usage goes down in the same transaction as its blob's row
		jdbc.sql("select school_id, owner_kind, owner_id, size_bytes from stored_blob where id = :id and owner_kind is not null")
			.param("id", id)
			.query((rs, n) -> Map.entry(new BlobOwner(rs.getObject(1, UUID.class), BlobOwner.Kind.valueOf(rs.getString(2).toUpperCase(
					java.util.Locale.ROOT)), rs.getObject(3, UUID.class)), rs.getLong(4)))
			.optional()
			.ifPresent(counted -> ledger.remove(counted.getKey(), counted.getValue()));
		jdbc.sql("delete from stored_blob where id = :id").param("id", id).update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				content.remove(List.of(id));
			}
		});
	}

	private boolean resumable(UUID id) {
		return jdbc.sql("select count(*) from blob_upload where id = :id").param("id", id).query(Integer.class).single() > 0;
	}

	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			// without one, a failure after the attach would leave content that nothing refers to but its row
			throw new IllegalStateException("blobs are attached and deleted within the transaction of the row that refers to them");
		}
	}
}
