package de.schulhaus.schools.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import de.schulhaus.platform.UtcTimestampMigration;

/** Flyway migration 202611301051: the schools module's points in time, stored with their zone. */
@Component
class SchoolsUtcTimestamps extends UtcTimestampMigration {

	SchoolsUtcTimestamps() {
		super("202611301051", Map.of("school", List.of("created_at")));
	}
}
