package de.schulhaus.mail.lists;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Gives the groups of schools that had them before the mail module (or whose events were lost) their
 * list addresses: soon after start-up and then hourly, on one node, only for schools not yet done
 * (one query once all are).
 */
@Component
class ListBackfill {

	private static final Logger log = LoggerFactory.getLogger(ListBackfill.class);

	private final MailLists lists;

	ListBackfill(MailLists lists) {
		this.lists = lists;
	}

	@Scheduled(initialDelayString = "PT15S", fixedDelayString = "PT1H")
	@SchedulerLock(name = "mail.list-backfill", lockAtMostFor = "PT30M")
	void run() {
		for (UUID school : lists.unsyncedSchools()) {
			try {
				int made = lists.reconcile(school);
				if (made > 0) {
					log.info("Gave {} groups of school {} their list addresses.", made, school);
				}
			} catch (RuntimeException e) {
				// one school's trouble must not keep the others waiting; it is tried again within the hour
				log.warn("Could not give the groups of school {} their list addresses: {}", school, e.toString());
			}
		}
	}
}
