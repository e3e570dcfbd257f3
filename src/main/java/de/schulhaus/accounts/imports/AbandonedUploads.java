package de.schulhaus.accounts.imports;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.blobs.BlobStore;

/**
 * Roster files that were uploaded but never confirmed hold pupils' personal data: they are
 * removed a day after the upload. Safe to run on several nodes at once (deletes are idempotent).
 */
@Component
class AbandonedUploads {

	static final Duration KEEP = Duration.ofDays(1);
	private static final Logger log = LoggerFactory.getLogger(AbandonedUploads.class);

	private final JdbcClient jdbc;
	private final BlobStore blobs;
	private final TransactionTemplate transactions;

	AbandonedUploads(JdbcClient jdbc, BlobStore blobs, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.blobs = blobs;
		this.transactions = transactions;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	@SchedulerLock(name = "accounts.abandoned-uploads", lockAtMostFor = "PT30M")
	void sweep() {
		removeOlderThan(Instant.now().minus(KEEP));
	}

	int removeOlderThan(Instant cutoff) {
		List<UUID[]> old = jdbc.sql("select id, blob_id from roster_upload where created_at < :cutoff")
			.param("cutoff", Timestamp.from(cutoff))
			.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) }).list();
		for (UUID[] upload : old) {
			transactions.executeWithoutResult(status -> {
				jdbc.sql("delete from roster_upload where id = :id").param("id", upload[0]).update();
				blobs.delete(upload[1]);
			});
		}
		if (!old.isEmpty()) {
			log.info("Removed {} roster uploads that were never confirmed.", old.size());
		}
		return old.size();
	}
}
