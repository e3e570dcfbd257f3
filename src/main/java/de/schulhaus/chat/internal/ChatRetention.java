package de.schulhaus.chat.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The schools' message retention: once a night, on one node, messages older than the school's
 * retention days are deleted (with their pins and reports); 0 keeps them. Rooms keep their numbering,
 * so clients that resume from a seq lose nothing newer.
 */
@Component
class ChatRetention {

	private static final Logger log = LoggerFactory.getLogger(ChatRetention.class);

	private final JdbcClient jdbc;

	ChatRetention(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Scheduled(cron = "0 40 3 * * *", zone = "Europe/Berlin")
	@SchedulerLock(name = "chat.retention", lockAtMostFor = "PT1H")
	void run() {
		sweep(Instant.now());
	}

	/** Deletes what is past each school's retention at {@code now}; answers how many messages went. */
	int sweep(Instant now) {
		List<School> schools = jdbc.sql("select school_id, retention_days from chat_rules where retention_days > 0")
			.query((rs, n) -> new School(rs.getObject(1, UUID.class), rs.getInt(2))).list();
		int total = 0;
		for (School school : schools) {
			Timestamp before = Timestamp.from(now.minus(Duration.ofDays(school.days())));
			int deleted = jdbc.sql("delete from chat_message where school_id = :school and created_at < :before")
				.param("school", school.id()).param("before", before).update();
			if (deleted > 0) {
				log.info("Deleted {} chat messages of school {} older than {} days.", deleted, school.id(), school.days());
			}
			total += deleted;
		}
		return total;
	}

	private record School(UUID id, int days) {
	}
}
