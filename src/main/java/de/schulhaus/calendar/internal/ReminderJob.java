package de.schulhaus.calendar.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Every minute, on one node: rings the calendars' due alarms as notifications ({@link Reminders}). */
@Component
class ReminderJob {

	private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

	private final Reminders reminders;

	ReminderJob(Reminders reminders) {
		this.reminders = reminders;
	}

	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	@SchedulerLock(name = "calendar.reminders", lockAtMostFor = "PT10M")
	void ring() {
		int notified = reminders.ring(Instant.now());
		if (notified > 0) {
			log.debug("Rang calendar reminders for {} people.", notified);
		}
	}
}
