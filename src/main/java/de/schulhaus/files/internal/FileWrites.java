package de.schulhaus.files.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.xml.namespace.QName;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.blobs.BlobStore;
import de.schulhaus.blobs.QuotaExceededException;
import de.schulhaus.blobs.StagedBlob;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DeadProperty;
import de.schulhaus.platform.Ids;

/**
 * Changes to a space that involve content: staged in the blob store outside any transaction, then
 * attached against the space's quota in one short transaction with the rows (507 and nothing left
 * behind when it does not fit). A replaced file's content becomes a version; a deleted file or folder,
 * and what a MOVE or COPY replaces, goes to the trash.
 */
@Service
class FileWrites {

	/** From this announced length on, a write asks for the space's usage before it reads the content. */
	static final long EARLY_QUOTA_CHECK_FROM = 1024 * 1024;

	private final FileNodes nodes;
	private final FileProperties properties;
	private final BlobStore blobs;
	private final StorageQuotas quotas;
	private final TransactionTemplate tx;
	private final FileVersions versions;
	private final FileHistory history;
	private final FileActivity activity;
	private final NewFileCommits commits;

	FileWrites(FileNodes nodes, FileProperties properties, BlobStore blobs, StorageQuotas quotas, TransactionTemplate tx, FileVersions versions,
			FileHistory history, FileActivity activity, NewFileCommits commits) {
		this.activity = activity;
		this.commits = commits;
		this.versions = versions;
		this.history = history;
		this.nodes = nodes;
		this.properties = properties;
		this.blobs = blobs;
		this.quotas = quotas;
		this.tx = tx;
	}

	/**
	 * Creates or overwrites the file {@code name} in {@code parent}. An overwritten file's content is
	 * kept as a version; where the space has no room for both, the old content goes instead, so that
	 * replacing a file never needs more room than the difference.
	 */
	FileNode write(Space target, FileNode parent, String name, InputStream content, String type, long length) {
		return write(target, parent, name, null, content, type, length, null);
	}

	/**
	 * {@link #write(Space, FileNode, String, InputStream, String, long)} keeping the client's
	 * modification time, if given.
	 *
	 * @param known what the request found at that name already, empty for nothing, null when it did not look
	 */
	FileNode write(Space target, FileNode parent, String name, Optional<FileNode> known, InputStream content, String type, long length,
			Instant modified) {
		FileNames.check(name);
		UUID school = target.schoolId();
		UUID owner = target.id();
		BlobOwner space = target.quotaOwner();
		long limit;
		if (length >= EARLY_QUOTA_CHECK_FROM) {
			// refused before a byte is read (and before 100-continue) when the announced length cannot fit
			long replaced = (known != null ? known : nodes.child(school, owner, parent.id(), name)).map(FileNode::size).orElse(0L);
			StorageQuotas.Usage usage = quotas.usage(space);
			if (usage.usedBytes() + length - replaced > usage.limitBytes()) {
				throw new DavException(507, "The file does not fit into your storage space.");
			}
			limit = usage.limitBytes();
		}
		else {
			// small content: reading it costs less than asking for the usage twice; the attach refuses what does not fit
			limit = quotas.limitBytes(space);
		}
		// a small new file goes into the database together with others of the moment: the batch waits for its content
		try (NewFileCommits.Arrival arrival = known != null && known.isEmpty() && length >= 0 && length < EARLY_QUOTA_CHECK_FROM
				? commits.announce() : null) {
			StagedBlob staged = blobs.stage(content);
			return attachStaged(target, parent, name, known, staged, type, modified, limit, arrival);
		}
	}

	/**
	 * Stores content as a new file, never replacing one: under {@code name}, or the first of "name (2).ext",
	 * "name (3).ext", … that is free when the row goes in. The name is taken by the insert itself (it does nothing
	 * where the name exists, then the next is tried), so two uploads of the same name at once both keep their file.
	 * For drop boxes, where nobody may replace another's work.
	 */
	FileNode writeNew(Space target, FileNode parent, String name, InputStream content, String type, long length) {
		FileNames.check(name);
		UUID school = target.schoolId();
		UUID owner = target.id();
		long limit;
		if (length >= EARLY_QUOTA_CHECK_FROM) {
			StorageQuotas.Usage usage = quotas.usage(target.quotaOwner());
			if (usage.usedBytes() + length > usage.limitBytes()) {
				throw new DavException(507, "The file does not fit into your storage space.");
			}
			limit = usage.limitBytes();
		}
		else {
			limit = quotas.limitBytes(target.quotaOwner());
		}
		StagedBlob staged = blobs.stage(content);
		try {
			for (int attempt = 1;; attempt++) {
				try {
					return tx.execute(status -> {
						Instant now = Instant.now();
						for (int n = 1;; n++) {
							String candidate = FileNames.numbered(name, n);
							FileNames.check(candidate);
							FileNode node = new FileNode(Ids.newId(), parent.id(), candidate, false, staged.id(), staged.size(), type,
									FileNodes.etag(), now, now, target.viewer());
							if (nodes.insertIfAbsent(school, owner, node)) {
								blobs.attach(staged, target.quotaOwner(), limit);
								activity.record(target, FileActivity.Action.UPLOADED, candidate);
								return node;
							}
						}
					});
				}
				catch (DuplicateKeyException raced) {
					// a database that reports a name taken by a transaction not yet committed instead of waiting for it: again
					if (attempt == 5) {
						throw new DavException(409, "Other uploads took every name tried at the same moment; try again.");
					}
				}
			}
		}
		catch (QuotaExceededException ex) {
			blobs.discard(staged);
			throw new DavException(507, "The file does not fit into your storage space.");
		}
		catch (RuntimeException ex) {
			blobs.discard(staged);
			throw ex;
		}
	}

	/**
	 * Makes staged content the file {@code name} in {@code parent} (a new file, or the new content of
	 * the existing one) in one short transaction; the staged content is discarded when that fails.
	 */
	FileNode attachStaged(Space target, FileNode parent, String name, StagedBlob staged, String type) {
		return attachStaged(target, parent, name, null, staged, type, null, quotas.limitBytes(target.quotaOwner()), null);
	}

	/** @param known what the request found at the name (a replace then checks that it is still so), null to look in the transaction */
	private FileNode attachStaged(Space target, FileNode parent, String name, Optional<FileNode> known, StagedBlob staged, String type,
			Instant clientModified, long limit, NewFileCommits.Arrival arrival) {
		FileNames.check(name);
		UUID school = target.schoolId();
		UUID owner = target.id();
		if (known != null && known.isEmpty()) {
			// a new name, as the request found it: together with the other new files of this moment
			Instant now = Instant.now();
			FileNode node = new FileNode(Ids.newId(), parent.id(), name, false, staged.id(), staged.size(), type, FileNodes.etag(), now,
					clientModified != null ? clientModified : now, target.viewer());
			if (commits.commit(target, node, staged, limit, arrival)) {
				return node;
			}
			// taken meanwhile, no room, or the batch failed: alone, as below
		}
		try {
			return tx.execute(status -> {
				Optional<FileNode> existing = known != null ? known : nodes.child(school, owner, parent.id(), name);
				if (existing.isPresent()) {
					return replace(target, existing.get(), staged, type, clientModified, limit);
				}
				Instant now = Instant.now();
				// the row first (the blob's id is known before it is attached): a name taken meanwhile costs no rollback
				FileNode node = new FileNode(Ids.newId(), parent.id(), name, false, staged.id(), staged.size(), type, FileNodes.etag(), now,
						clientModified != null ? clientModified : now, target.viewer());
				if (!nodes.insertIfAbsent(school, owner, node)) {
					// a concurrent upload made this name a moment ago: ours replaces it, as if it had come second
					return replace(target, current(target, parent.id(), name), staged, type, clientModified, limit);
				}
				blobs.attach(staged, target.quotaOwner(), limit);
				activity.record(target, FileActivity.Action.UPLOADED, name);
				return node;
			});
		}
		catch (QuotaExceededException ex) {
			blobs.discard(staged);
			throw new DavException(507, "The file does not fit into your storage space.");
		}
		catch (DuplicateKeyException ex) {
			blobs.discard(staged);
			throw new DavException(409, "Another upload created this name at the same moment; try again.");
		}
		catch (RuntimeException ex) {
			blobs.discard(staged);
			throw ex;
		}
	}

	/**
	 * New content for a file the request saw: its row changes only if it is still as seen (else the current row
	 * is read once more), so that two replacements at once each keep what they really replaced as a version.
	 * Where the space has no room for the new content and the version, the old content goes instead.
	 */
	private FileNode replace(Space target, FileNode seen, StagedBlob staged, String type, Instant clientModified, long limit) {
		UUID school = target.schoolId();
		UUID owner = target.id();
		String etag = FileNodes.etag();
		Instant now = clientModified != null ? clientModified : Instant.now();
		FileNode old = seen;
		if (old.folder()) {
			throw new DavException(405, "A folder has this name.");
		}
		if (!nodes.replaceContent(school, owner, old, staged.id(), staged.size(), type, etag, now, target.viewer())) {
			old = current(target, seen.parentId(), seen.name());
			if (old.folder()) {
				throw new DavException(405, "A folder has this name.");
			}
			if (!nodes.replaceContent(school, owner, old, staged.id(), staged.size(), type, etag, now, target.viewer())) {
				throw new DavException(409, "Another change replaced this file at the same moment; try again.");
			}
		}
		UUID version = versions.keep(school, old);
		try {
			blobs.attach(staged, target.quotaOwner(), limit);
		}
		catch (QuotaExceededException full) {
			// no room for the version too: the old content goes instead
			versions.remove(school, version);
			blobs.delete(old.blobId());
			blobs.attach(staged, target.quotaOwner(), limit);
		}
		history.prune(school, old.id());
		activity.record(target, FileActivity.Action.UPDATED, old.name());
		return new FileNode(old.id(), old.parentId(), old.name(), false, staged.id(), staged.size(), type, etag, old.created(), now,
				target.viewer());
	}

	/** The node at a name now, in the caller's transaction; a 409 when a concurrent change took it away. */
	private FileNode current(Space target, UUID parent, String name) {
		return nodes.child(target.schoolId(), target.id(), parent, name)
			.orElseThrow(() -> new DavException(409, "Another change took this name at the same moment; try again."));
	}

	void createFolder(Space space, FileNode parent, String name) {
		FileNames.check(name);
		UUID school = space.schoolId();
		UUID owner = space.id();
		Instant now = Instant.now();
		try {
			tx.executeWithoutResult(status -> {
				nodes.insert(school, owner, new FileNode(Ids.newId(), parent.id(), name, true, null, 0, null, FileNodes.etag(), now, now,
						space.viewer()));
				activity.record(space, FileActivity.Action.CREATED_FOLDER, name);
			});
		}
		catch (DuplicateKeyException ex) {
			// a parallel client (rclone, a sync app) made it a moment earlier: MKCOL on what exists
			throw new DavException(405, "Something with this name exists already.");
		}
	}

	/** Moves a file or folder (with everything in it) to the space's trash. */
	void delete(Space space, FileNode node) {
		tx.executeWithoutResult(status -> {
			nodes.trash(space.schoolId(), space.id(), node.id(), space.viewer());
			activity.record(space, FileActivity.Action.DELETED, node.name());
		});
	}

	void move(Space space, FileNode node, FileNode parent, String name, Optional<FileNode> replaced) {
		FileNames.check(name);
		UUID school = space.schoolId();
		UUID owner = space.id();
		try {
			tx.executeWithoutResult(status -> {
				if (node.folder()) {
					// the request's check that the target is not inside the folder used paths read before; another move
					// may have put the target there since: asked again, one folder move of the space at a time
					nodes.lockSpace(school, owner);
					if (nodes.isWithin(school, owner, parent.id(), node.id())) {
						throw new FileChangedMeanwhile("Another move put the destination inside " + node.name() + " meanwhile.");
					}
					if (!nodes.inTree(school, owner, parent.id())) {
						throw new FileChangedMeanwhile("The destination folder was deleted meanwhile.");
					}
				}
				// what a move replaces goes to the trash, where it can be fetched back
				replaced.ifPresent(old -> nodes.trash(school, owner, old.id(), space.viewer()));
				if (!nodes.move(school, owner, node, parent.id(), name)) {
					throw new FileChangedMeanwhile(node.name() + " was moved, renamed or deleted meanwhile.");
				}
				activity.record(space, FileActivity.Action.MOVED, name);
			});
		}
		catch (DuplicateKeyException ex) {
			throw new DavException(409, "Another change took this name at the same moment; try again.");
		}
	}

	/** Copies a node (with its members when {@code deep}): the content staged first, then all rows in one transaction. */
	void copy(Space target, FileNode source, FileNode parent, String name, boolean deep, Optional<FileNode> replaced) {
		FileNames.check(name);
		UUID school = target.schoolId();
		UUID owner = target.id();
		List<List<FileNode>> levels = deep ? nodes.subtree(school, owner, source) : List.of(List.of(source));
		Map<UUID, StagedBlob> staged = new HashMap<>();
		BlobOwner space = target.quotaOwner();
		try {
			for (FileNode file : levels.stream().flatMap(List::stream).filter(n -> !n.folder()).toList()) {
				try (InputStream in = blobs.open(file.blobId()).orElseThrow(() -> new IllegalStateException("content of " + file.id() + " is gone"))) {
					staged.put(file.id(), blobs.stage(in));
				}
			}
			tx.executeWithoutResult(status -> {
				replaced.ifPresent(old -> nodes.trash(school, owner, old.id(), target.viewer()));
				Map<UUID, UUID> newIds = new HashMap<>();
				newIds.put(source.parentId(), parent.id());
				Instant now = Instant.now();
				for (List<FileNode> level : levels) {
					for (FileNode node : level) {
						UUID id = Ids.newId();
						newIds.put(node.id(), id);
						UUID blob = node.folder() ? null : blobs.attach(staged.get(node.id()), space, quotas.limitBytes(space));
						nodes.insert(school, owner, new FileNode(id, newIds.get(node.parentId()), node == source ? name : node.name(), node.folder(),
								blob, node.size(), node.contentType(), FileNodes.etag(), now, now, target.viewer()));
						properties.copy(school, node.id(), id);
					}
				}
				activity.record(target, FileActivity.Action.COPIED, name);
			});
		}
		catch (QuotaExceededException ex) {
			staged.values().forEach(blobs::discard);
			throw new DavException(507, "The copy does not fit into your storage space.");
		}
		catch (DuplicateKeyException ex) {
			staged.values().forEach(blobs::discard);
			throw new DavException(409, "Another change took this name at the same moment; try again.");
		}
		catch (java.io.IOException | RuntimeException ex) {
			staged.values().forEach(blobs::discard);
			throw ex instanceof RuntimeException r ? r : new IllegalStateException(ex);
		}
	}

	void patch(UUID school, UUID node, List<DeadProperty> set, List<QName> remove) {
		for (DeadProperty property : set) {
			QName name = property.name();
			if (name.getNamespaceURI().length() > 1000 || name.getLocalPart().length() > 255) {
				throw new DavException(400, "A property name is longer than 255 characters or its namespace longer than 1000.");
			}
			if (property.xml().length() > 100_000) {
				throw new DavException(507, "A property value is longer than 100,000 characters.");
			}
		}
		tx.executeWithoutResult(status -> {
			remove.forEach(name -> properties.remove(school, node, name));
			set.forEach(property -> properties.set(school, node, property));
		});
	}

	InputStream open(UUID blob, long offset, long length) {
		return blobs.open(blob, offset, length).orElseThrow(() -> new IllegalStateException("content " + blob + " is gone"));
	}

	Optional<Path> localFile(FileNode file) {
		return blobs.localFile(file.blobId());
	}

	InputStream open(FileNode file, long offset, long length) {
		return blobs.open(file.blobId(), offset, length)
			.orElseThrow(() -> new IllegalStateException("content of " + file.id() + " is gone"));
	}
}
