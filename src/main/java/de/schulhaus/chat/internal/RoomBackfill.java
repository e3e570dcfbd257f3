package de.schulhaus.chat.internal;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Gives the groups of schools that had them before the messenger (or whose events were lost) their
 * rooms, and each school its announcement room: soon after start-up and then hourly, on one node,
 * only for schools not yet done.
 */
@Component
class RoomBackfill {

	private static final Logger log = LoggerFactory.getLogger(RoomBackfill.class);

	private final GroupRooms rooms;

	RoomBackfill(GroupRooms rooms) {
		this.rooms = rooms;
	}

	@Scheduled(initialDelayString = "PT15S", fixedDelayString = "PT1H")
	@SchedulerLock(name = "chat.room-backfill", lockAtMostFor = "PT30M")
	void run() {
		for (UUID school : rooms.unsyncedSchools()) {
			try {
				int made = rooms.reconcile(school);
				if (made > 0) {
					log.info("Gave school {} {} chat rooms.", school, made);
				}
			} catch (RuntimeException e) {
				// one school's trouble must not keep the others waiting; it is tried again within the hour
				log.warn("Could not give the groups of school {} their chat rooms: {}", school, e.toString());
			}
		}
	}
}
