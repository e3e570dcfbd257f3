package de.schulhaus.blobs;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import de.schulhaus.platform.PlatformProperties;

/** The content store that {@code schulhaus.blobs.store} names (SCHULHAUS_BLOBS=local). */
@Configuration(proxyBeanMethods = false)
class ContentStores {

	@Bean
	ContentStore contentStore(BlobsProperties blobs, PlatformProperties platform) throws IOException {
		return switch (blobs.store()) {
			case "local" -> new FolderContentStore(platform.dataDir().resolve("blobs"));
			default -> throw new IllegalStateException("SCHULHAUS_BLOBS must be local, not '" + blobs.store() + "'");
		};
	}
}
