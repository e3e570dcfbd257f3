package de.schulhaus.blobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.stereotype.Component;

/**
 * Removes what a crash leaves in the blob folder: content whose transaction never committed (no
 * {@code stored_blob} row) and unfinished temporary files. Only files untouched for {@link #GRACE}
 * are candidates, so a transaction still running or an upload still arriving is never touched.
 * Safe on several nodes at once: deleting twice does no harm.
 */
@Component
class OrphanBlobs {

	static final Duration GRACE = Duration.ofHours(6);
	private static final int BATCH = 500;
	private static final Logger log = LoggerFactory.getLogger(OrphanBlobs.class);

	private final BlobStore store;
	private final JdbcClient jdbc;

	OrphanBlobs(BlobStore store, JdbcClient jdbc) {
		this.store = store;
		this.jdbc = jdbc;
	}

	@Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT10M")
	@SchedulerLock(name = "blobs.orphans", lockAtMostFor = "PT1H")
	void sweep() {
		Removed removed = removeUntouchedSince(Instant.now().minus(GRACE));
		if (removed.orphans() + removed.unfinished() > 0) {
			log.info("Removed {} orphan blobs and {} unfinished temporary files.", removed.orphans(), removed.unfinished());
		}
	}

	record Removed(int orphans, int unfinished) {
	}

	Removed removeUntouchedSince(Instant cutoff) {
		int unfinished = 0;
		int orphans = 0;
		try (DirectoryStream<Path> parts = Files.newDirectoryStream(store.temp(), "*.part")) {
			for (Path part : parts) {
				if (untouchedSince(part, cutoff)) {
					BlobStore.deleteQuietly(part);
					unfinished++;
				}
			}
			try (DirectoryStream<Path> shards = Files.newDirectoryStream(store.root(), OrphanBlobs::isShard)) {
				for (Path shard : shards) {
					orphans += sweepShard(shard, cutoff);
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return new Removed(orphans, unfinished);
	}

	// one shard at a time, its old files checked against the table in batches
	private int sweepShard(Path shard, Instant cutoff) throws IOException {
		int removed = 0;
		List<UUID> candidates = new ArrayList<>(BATCH);
		try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
			for (Path file : files) {
				UUID id = idOf(file);
				if (id != null && untouchedSince(file, cutoff)) {
					candidates.add(id);
					if (candidates.size() == BATCH) {
						removed += removeUnreferenced(candidates);
						candidates.clear();
					}
				}
			}
		}
		return removed + removeUnreferenced(candidates);
	}

	private int removeUnreferenced(List<UUID> candidates) {
		if (candidates.isEmpty()) {
			return 0;
		}
		Set<UUID> known = new HashSet<>(jdbc.sql("select id from stored_blob where id in (:ids)")
			.param("ids", candidates).query(UUID.class).list());
		int removed = 0;
		for (UUID id : candidates) {
			if (!known.contains(id)) {
				BlobStore.deleteQuietly(store.path(id));
				removed++;
			}
		}
		return removed;
	}

	private static boolean isShard(Path dir) {
		String name = dir.getFileName().toString();
		return name.length() == 2 && Files.isDirectory(dir);
	}

	private static UUID idOf(Path file) {
		try {
			return UUID.fromString(file.getFileName().toString());
		}
		catch (IllegalArgumentException e) {
			return null; // not ours: left alone
		}
	}

	private static boolean untouchedSince(Path file, Instant cutoff) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			return attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff);
		}
		catch (IOException e) {
			return false; // gone meanwhile
		}
	}
}
