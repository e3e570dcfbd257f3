package de.schulhaus.files.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.blobs.BlobStore;
import de.schulhaus.dav.DavException;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * What a space keeps of the past: earlier versions of files and the trash. Restoring brings back what
 * was there; purging removes rows and content for good. The daily sweep purges what is older than the
 * school's time for it ({@link FilesProperties}).
 */
@Service
class FileHistory {

	private static final Logger log = LoggerFactory.getLogger(FileHistory.class);

	private final FileNodes nodes;
	private final FileVersions versions;
	private final BlobStore blobs;
	private final TransactionTemplate tx;
	private final FilesProperties properties;
	private final JdbcClient jdbc;
	private final FileActivity activity;

	FileHistory(FileNodes nodes, FileVersions versions, BlobStore blobs, TransactionTemplate tx, FilesProperties properties, JdbcClient jdbc,
			FileActivity activity) {
		this.activity = activity;
		this.nodes = nodes;
		this.versions = versions;
		this.blobs = blobs;
		this.tx = tx;
		this.properties = properties;
		this.jdbc = jdbc;
	}

	List<FileVersions.Version> versions(Space space, FileNode file) {
		return versions.of(space.schoolId(), file.id());
	}

	Optional<FileVersions.Version> version(Space space, FileNode file, UUID id) {
		return versions.find(space.schoolId(), file.id(), id);
	}

	/** Makes an earlier version the file's content again; the content it had becomes a version itself. */
	void restoreVersion(Space space, FileNode file, UUID versionId) {
		tx.executeWithoutResult(status -> {
			FileNode current = nodes.byId(space.schoolId(), space.id(), file.id()).orElseThrow(() -> new DavException(404, "The file is gone."));
			FileVersions.Version version = versions.find(space.schoolId(), file.id(), versionId)
				.orElseThrow(() -> new DavException(404, "The version is gone."));
			versions.keep(space.schoolId(), current);
			versions.remove(space.schoolId(), version.id());
			nodes.replaceContent(space.schoolId(), space.id(), current.id(), version.blobId(), version.size(), version.contentType(),
					FileNodes.etag(), Instant.now(), space.viewer());
			prune(space.schoolId(), current.id());
			activity.record(space, FileActivity.Action.RESTORED, current.name());
		});
	}

	/** Drops versions beyond the newest {@code versionsKept} that were replaced longer ago than {@code versionsAge}. In the caller's transaction. */
	void prune(UUID school, UUID file) {
		Instant cutoff = Instant.now().minus(properties.versionsAge());
		List<FileVersions.Version> all = versions.of(school, file).stream()
			.sorted((a, b) -> b.replaced().compareTo(a.replaced())).toList();
		for (int i = properties.versionsKept(); i < all.size(); i++) {
			FileVersions.Version old = all.get(i);
			if (old.replaced().isBefore(cutoff)) {
				versions.remove(school, old.id());
				blobs.delete(old.blobId());
			}
		}
	}

	List<FileNodes.Trashed> trash(Space space) {
		return nodes.trashed(space.schoolId(), space.id());
	}

	/**
	 * Puts a trashed file or folder back where it was, or into the space's top folder when that folder
	 * is gone; under a free name when its own is taken meanwhile. Answers the node as restored.
	 *
	 * @param check sees the folder and the name it comes back with before it does (a lock there refuses it)
	 */
	FileNode restore(Space space, UUID trashedId, java.util.function.BiConsumer<FileNode, String> check) {
		return tx.execute(status -> {
			FileNodes.Trashed trashed = nodes.trashed(space.schoolId(), space.id(), trashedId)
				.orElseThrow(() -> new DavException(404, "Nothing with this id is in the trash."));
			UUID root = nodes.root(space.schoolId(), space.id()).id();
			UUID parent = trashed.from() != null && nodes.inTree(space.schoolId(), space.id(), trashed.from()) ? trashed.from() : root;
			String name = FileNames.free(trashed.node().name(), n -> nodes.child(space.schoolId(), space.id(), parent, n).isPresent());
			check.accept(nodes.byId(space.schoolId(), space.id(), parent).orElseThrow(), name);
			nodes.restore(space.schoolId(), space.id(), trashedId, parent, name);
			activity.record(space, FileActivity.Action.RESTORED, name);
			return nodes.byId(space.schoolId(), space.id(), trashedId).orElseThrow();
		});
	}

	/** Removes a trashed file or folder for good, with its members and versions. */
	void purge(Space space, UUID trashedId) {
		tx.executeWithoutResult(status -> {
			FileNodes.Trashed trashed = nodes.trashed(space.schoolId(), space.id(), trashedId)
				.orElseThrow(() -> new DavException(404, "Nothing with this id is in the trash."));
			purgeTree(space.schoolId(), space.id(), trashed.node());
		});
	}

	/** Empties the space's trash; answers how many items went. */
	int empty(Space space) {
		List<FileNodes.Trashed> all = nodes.trashed(space.schoolId(), space.id());
		// each item in its own transaction: a trash of thousands does not hold one for minutes
		all.forEach(t -> tx.executeWithoutResult(status -> purgeTree(space.schoolId(), space.id(), t.node())));
		return all.size();
	}

	@Scheduled(cron = "${schulhaus.files.sweep-cron:0 40 3 * * *}")
	@SchedulerLock(name = "files.history", lockAtMostFor = "PT2H")
	void sweep() {
		Instant cutoff = Instant.now().minus(properties.trashAge());
		int purged = purgeTrashedBefore(cutoff);
		int pruned = pruneAll();
		int forgotten = activity.forgetBefore(Instant.now().minus(java.time.Duration.ofDays(90)));
		if (purged + pruned + forgotten > 0) {
			log.info("files sweep: {} items purged from trashes, versions of {} files pruned, {} activity entries forgotten", purged, pruned,
					forgotten);
		}
	}

	/** Purges every trashed item deleted before the cutoff, in batches, each item in its own transaction. */
	int purgeTrashedBefore(Instant cutoff) {
		int purged = 0;
		List<UUID[]> batch;
		do {
			batch = nodes.trashedBefore(cutoff, 500);
			for (UUID[] item : batch) {
				tx.executeWithoutResult(status -> nodes.byId(item[0], item[1], item[2]).ifPresent(node -> purgeTree(item[0], item[1], node)));
				purged++;
			}
		}
		while (batch.size() == 500);
		return purged;
	}

	private int pruneAll() {
		List<UUID[]> files = jdbc.sql("select school_id, node_id from file_version group by school_id, node_id having count(*) > :keep")
			.param("keep", properties.versionsKept())
			.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) }).list();
		files.forEach(f -> tx.executeWithoutResult(status -> prune(f[0], f[1])));
		return files.size();
	}

	private void purgeTree(UUID school, UUID owner, FileNode top) {
		List<List<FileNode>> levels = nodes.subtree(school, owner, top);
		List<UUID> files = levels.stream().flatMap(List::stream).filter(n -> !n.folder()).map(FileNode::id).toList();
		versions.blobsOf(school, files).forEach(blobs::delete);
		levels.stream().flatMap(List::stream).filter(n -> !n.folder()).forEach(n -> blobs.delete(n.blobId()));
		nodes.delete(school, owner, levels);
	}
}
