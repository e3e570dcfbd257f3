package de.schulhaus.blobs;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import de.schulhaus.platform.UtcTimestampMigration;

/** Flyway migration 202611301052: the blob store's points in time, stored with their zone. */
@Component
class BlobsUtcTimestamps extends UtcTimestampMigration {

	BlobsUtcTimestamps() {
		super("202611301052", Map.of("stored_blob", List.of("created_at")));
	}
}
