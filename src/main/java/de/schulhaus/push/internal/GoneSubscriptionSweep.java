package de.schulhaus.push.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Deletes the subscriptions their push service called gone longer than {@link PushSubscriptions#GONE_KEPT}
 * ago, which no browser renewed: nightly, once per cluster.
 */
@Component
class GoneSubscriptionSweep {

	private static final Logger log = LoggerFactory.getLogger(GoneSubscriptionSweep.class);

	private final PushSubscriptions subscriptions;

	GoneSubscriptionSweep(PushSubscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@Scheduled(cron = "0 50 3 * * *", zone = "Europe/Berlin")
	@SchedulerLock(name = "push.gone-sweep", lockAtMostFor = "PT30M")
	void run() {
		int deleted = subscriptions.deleteGoneBefore(Instant.now().minus(PushSubscriptions.GONE_KEPT));
		if (deleted > 0) {
			log.info("Push: {} subscriptions gone for over {} days deleted", deleted, PushSubscriptions.GONE_KEPT.toDays());
		}
	}
}
