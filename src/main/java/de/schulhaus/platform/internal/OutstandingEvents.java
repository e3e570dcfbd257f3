package de.schulhaus.platform.internal;

import java.time.Duration;

import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Delivers module events whose listener did not finish: it failed, or its node died after the
 * commit. At start-up the registry resubmits them anyway; this job catches the rest while the
 * cluster runs, on one node at a time.
 */
@Component
class OutstandingEvents {

	static final Duration OLDER_THAN = Duration.ofMinutes(2);

	private final IncompleteEventPublications incomplete;

	OutstandingEvents(IncompleteEventPublications incomplete) {
		this.incomplete = incomplete;
	}

	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	@SchedulerLock(name = "platform.outstanding-events", lockAtMostFor = "PT10M")
	void resubmit() {
		incomplete.resubmitIncompletePublicationsOlderThan(OLDER_THAN);
	}
}
