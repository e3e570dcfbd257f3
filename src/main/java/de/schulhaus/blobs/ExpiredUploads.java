package de.schulhaus.blobs;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Removes resumable uploads that rested unfinished past their expiry, with their bytes. */
@Component
class ExpiredUploads {

	private static final Logger log = LoggerFactory.getLogger(ExpiredUploads.class);

	private final ResumableUploads uploads;

	ExpiredUploads(ResumableUploads uploads) {
		this.uploads = uploads;
	}

	@Scheduled(fixedDelayString = "PT15M", initialDelayString = "PT5M")
	@SchedulerLock(name = "blobs.expired-uploads", lockAtMostFor = "PT14M")
	void sweep() {
		int removed = uploads.removeExpired(Instant.now());
		if (removed > 0) {
			log.info("Removed {} expired resumable uploads.", removed);
		}
	}
}
