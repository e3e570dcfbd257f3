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
 * attached against the owner's quota in one short transaction with the rows (507 and nothing left
 * behind when it does not fit). A replaced or deleted file's blob goes in the same transaction.
 */
@Service
class FileWrites {

	private final FileNodes nodes;
	private final FileProperties properties;
	private final BlobStore blobs;
	private final StorageQuotas quotas;
	private final TransactionTemplate tx;

	FileWrites(FileNodes nodes, FileProperties properties, BlobStore blobs, StorageQuotas quotas, TransactionTemplate tx) {
		this.nodes = nodes;
		this.properties = properties;
		this.blobs = blobs;
		this.quotas = quotas;
		this.tx = tx;
	}

	/**
	 * Creates or overwrites the file {@code name} in {@code parent}. An overwritten file's blob goes
	 * first in the same transaction, so replacing a file needs room only for the difference.
	 */
	FileNode write(UUID school, UUID owner, FileNode parent, String name, InputStream content, String type, long length) {
		FileNames.check(name);
		BlobOwner space = BlobOwner.account(school, owner);
		long replaced = nodes.child(school, owner, parent.id(), name).map(FileNode::size).orElse(0L);
		// the limit once per write (two queries); the attach counts against it atomically
		StorageQuotas.Usage usage = quotas.usage(space);
		// refused before a byte is read (and before 100-continue) when the announced length cannot fit
		if (length > 0 && usage.usedBytes() + length - replaced > usage.limitBytes()) {
			throw new DavException(507, "The file does not fit into your storage space.");
		}
		StagedBlob staged = blobs.stage(content);
		try {
			return tx.execute(status -> {
				Optional<FileNode> existing = nodes.child(school, owner, parent.id(), name);
				if (existing.isPresent() && existing.get().folder()) {
					throw new DavException(405, "A folder has this name.");
				}
				existing.ifPresent(old -> blobs.delete(old.blobId()));
				UUID blob = blobs.attach(staged, space, usage.limitBytes());
				String etag = FileNodes.etag();
				if (existing.isPresent()) {
					nodes.replaceContent(school, owner, existing.get().id(), blob, staged.size(), type, etag);
					return nodes.child(school, owner, parent.id(), name).orElseThrow();
				}
				Instant now = Instant.now();
				FileNode node = new FileNode(Ids.newId(), parent.id(), name, false, blob, staged.size(), type, etag, now, now);
				nodes.insert(school, owner, node);
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

	void createFolder(UUID school, UUID owner, FileNode parent, String name) {
		FileNames.check(name);
		Instant now = Instant.now();
		tx.executeWithoutResult(status -> nodes.insert(school, owner,
				new FileNode(Ids.newId(), parent.id(), name, true, null, 0, null, FileNodes.etag(), now, now)));
	}

	void delete(UUID school, UUID owner, FileNode node) {
		tx.executeWithoutResult(status -> deleteTree(school, owner, node));
	}

	private void deleteTree(UUID school, UUID owner, FileNode node) {
		List<List<FileNode>> levels = nodes.subtree(school, owner, node);
		levels.stream().flatMap(List::stream).filter(n -> !n.folder()).forEach(n -> blobs.delete(n.blobId()));
		nodes.delete(school, owner, levels);
	}

	void move(UUID school, UUID owner, FileNode node, FileNode parent, String name, Optional<FileNode> replaced) {
		FileNames.check(name);
		tx.executeWithoutResult(status -> {
			replaced.ifPresent(old -> deleteTree(school, owner, old));
			nodes.move(school, owner, node.id(), parent.id(), name);
		});
	}

	/** Copies a node (with its members when {@code deep}): the content staged first, then all rows in one transaction. */
	void copy(UUID school, UUID owner, FileNode source, FileNode parent, String name, boolean deep, Optional<FileNode> replaced) {
		FileNames.check(name);
		List<List<FileNode>> levels = deep ? nodes.subtree(school, owner, source) : List.of(List.of(source));
		Map<UUID, StagedBlob> staged = new HashMap<>();
		BlobOwner space = BlobOwner.account(school, owner);
		try {
			for (FileNode file : levels.stream().flatMap(List::stream).filter(n -> !n.folder()).toList()) {
				try (InputStream in = blobs.open(file.blobId()).orElseThrow(() -> new IllegalStateException("content of " + file.id() + " is gone"))) {
					staged.put(file.id(), blobs.stage(in));
				}
			}
			tx.executeWithoutResult(status -> {
				replaced.ifPresent(old -> deleteTree(school, owner, old));
				Map<UUID, UUID> newIds = new HashMap<>();
				newIds.put(source.parentId(), parent.id());
				Instant now = Instant.now();
				for (List<FileNode> level : levels) {
					for (FileNode node : level) {
						UUID id = Ids.newId();
						newIds.put(node.id(), id);
						UUID blob = node.folder() ? null : blobs.attach(staged.get(node.id()), space, quotas.limitBytes(space));
						nodes.insert(school, owner, new FileNode(id, newIds.get(node.parentId()), node == source ? name : node.name(), node.folder(),
								blob, node.size(), node.contentType(), FileNodes.etag(), now, now));
						properties.copy(school, node.id(), id);
					}
				}
			});
		}
		catch (QuotaExceededException ex) {
			staged.values().forEach(blobs::discard);
			throw new DavException(507, "The copy does not fit into your storage space.");
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

	Optional<Path> localFile(FileNode file) {
		return blobs.localFile(file.blobId());
	}

	InputStream open(FileNode file, long offset, long length) {
		return blobs.open(file.blobId(), offset, length)
			.orElseThrow(() -> new IllegalStateException("content of " + file.id() + " is gone"));
	}
}
