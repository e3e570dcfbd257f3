package de.schulhaus.blobs;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} reports down when the blob folder takes no writes or the S3 bucket cannot be reached. */
@Component("blobStoreHealthIndicator")
class BlobStoreHealth implements HealthIndicator {

	private final ContentStore content;

	BlobStoreHealth(ContentStore content) {
		this.content = content;
	}

	@Override
	public Health health() {
		return content.problem().map(reason -> Health.down().withDetail("reason", reason).build()).orElseGet(() -> Health.up().build());
	}
}
