package de.schulhaus.platform.internal;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Notifications are a pointer to something, not the thing: after half a year they go, read or not,
 * so that a school's group notifications (a row per member) do not pile up for ever. In batches,
 * each its own short statement, once per cluster.
 */
@Component
class NotificationRetention {

	static final Duration KEPT = Duration.ofDays(180);
	static final int BATCH = 1000;
	private static final Logger log = LoggerFactory.getLogger(NotificationRetention.class);

	private final NotificationRepository repository;

	NotificationRetention(NotificationRepository repository) {
		this.repository = repository;
	}

	@Scheduled(cron = "0 45 3 * * *")
	@SchedulerLock(name = "platform.notification-retention", lockAtMostFor = "PT1H")
	void run() {
		long deleted = deleteWrittenBefore(Instant.now().minus(KEPT));
		log.info("Notifications: {} older than {} days deleted", deleted, KEPT.toDays());
	}

	long deleteWrittenBefore(Instant cutoff) {
		long deleted = 0;
		int batch;
		do {
			batch = repository.deleteWrittenBefore(cutoff, BATCH);
			deleted += batch;
		}
		while (batch == BATCH);
		return deleted;
	}
}
