package de.schulhaus.blobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import de.schulhaus.IntegrationTest;

/** The store is the one the configuration names: the folder by default, S3 with SCHULHAUS_BLOBS=s3 (CI's third pass). */
@IntegrationTest
class BlobStoreSelectionTests {

	@Autowired
	ContentStore content;

	@Test
	void theConfiguredStoreIsTheOneInUse() {
		boolean s3 = "s3".equalsIgnoreCase(System.getenv("SCHULHAUS_BLOBS"));
		assertThat(content).isInstanceOf(s3 ? S3ContentStore.class : FolderContentStore.class);
	}
}
