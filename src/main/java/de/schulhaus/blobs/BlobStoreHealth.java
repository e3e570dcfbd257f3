package de.schulhaus.blobs;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} reports down when the blob folder cannot take writes. */
@Component("blobStoreHealthIndicator")
class BlobStoreHealth implements HealthIndicator {

	private final BlobStore store;

	BlobStoreHealth(BlobStore store) {
		this.store = store;
	}

	@Override
	public Health health() {
		return store.writable() ? Health.up().build() : Health.down().withDetail("reason", "blob folder not writable").build();
	}
}
