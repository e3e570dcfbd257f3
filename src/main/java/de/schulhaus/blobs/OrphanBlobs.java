package de.schulhaus.blobs;

import java.time.Duration;
import java.time.Instant;
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
 * Removes content without a {@code stored_blob} row (staged and never attached, or its transaction
 * never committed) and unfinished writes (temporary files, multipart uploads), in the folder or the
 * bucket alike. Only what is older than the staging age is a candidate, so an upload still arriving
 * or waiting for its attach is never touched. Rows are looked up in batches, never one per blob.
 * Safe on several nodes at once: deleting twice does no harm.
 */
@Component
class OrphanBlobs {

	private static final int BATCH = 500;
	private static final Logger log = LoggerFactory.getLogger(OrphanBlobs.class);

	private final ContentStore content;
	private final JdbcClient jdbc;
	private final Duration stagingAge;
	private final UploadRows uploads;

	OrphanBlobs(ContentStore content, JdbcClient jdbc, BlobsProperties properties, UploadRows uploads) {
		this.content = content;
		this.uploads = uploads;
		this.jdbc = jdbc;
		this.stagingAge = properties.stagingAge();
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
	@SchedulerLock(name = "blobs.orphans", lockAtMostFor = "PT50M")
	void sweep() {
		Removed removed = removeUntouchedSince(Instant.now().minus(stagingAge));
		if (removed.orphans() + removed.unfinished() > 0) {
			log.info("Removed {} blobs without a row and {} unfinished uploads.", removed.orphans(), removed.unfinished());
		}
	}

	record Removed(int orphans, int unfinished) {
	}

	Removed removeUntouchedSince(Instant cutoff) {
		// a resumable upload may rest far longer than the staging age (its own expiry): its parts and
		// its completed content stay while its row does
		Set<UUID> resumable = uploads.all();
		int unfinished = content.removeUnfinishedSince(cutoff, resumable);
		int[] orphans = { 0 };
		content.forEachUntouchedSince(cutoff, BATCH, candidates -> orphans[0] += removeUnreferenced(candidates, resumable));
		return new Removed(orphans[0], unfinished);
	}

	private int removeUnreferenced(List<UUID> candidates, Set<UUID> resumable) {
		Set<UUID> unreferenced = new HashSet<>(candidates);
		unreferenced.removeAll(resumable);
		unreferenced.removeAll(jdbc.sql("select id from stored_blob where id in (:ids)").param("ids", candidates).query(UUID.class).list());
		content.remove(unreferenced);
		return unreferenced.size();
	}
}
