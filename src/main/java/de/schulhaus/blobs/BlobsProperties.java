package de.schulhaus.blobs;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where blob content lives.
 *
 * @param store {@code local} (a folder under the data directory, the default) or {@code s3}
 * @param stagingAge how long staged content may wait to be attached; older content without a row
 *                   (staged and abandoned, or left by a crash) is removed by the sweeper. Must be
 *                   longer than the slowest upload plus its attach; attach refuses content older
 *                   than half of it, so the sweeper never races a transaction.
 * @param s3 the S3-compatible store, for {@code store: s3}
 * @param uploadExpiry how long a resumable upload may rest unfinished (since its last bytes) before
 *                     the sweeper removes it and what it holds
 * @param uploadMaxSize the longest resumable upload taken at all (tus {@code Tus-Max-Size}); a
 *                      person's quota usually stops one much earlier
 */
@ConfigurationProperties("schulhaus.blobs")
public record BlobsProperties(String store, Duration stagingAge, S3 s3, Duration uploadExpiry, DataSize uploadMaxSize) {

	public BlobsProperties {
		store = store == null || store.isBlank() ? "local" : store.trim().toLowerCase(Locale.ROOT);
		stagingAge = stagingAge == null ? Duration.ofHours(6) : stagingAge;
		uploadExpiry = uploadExpiry == null ? Duration.ofHours(24) : uploadExpiry;
		uploadMaxSize = uploadMaxSize == null ? DataSize.ofGigabytes(100) : uploadMaxSize;
		s3 = s3 == null ? new S3(null, null, null, null, null, null, null) : s3;
	}

	/**
	 * @param endpoint the store's address, e.g. {@code https://s3.example.org}; empty for AWS itself
	 * @param bucket the bucket, created beforehand by the operator
	 * @param region the region to sign for ({@code us-east-1} where the store does not care)
	 * @param accessKey the access key; with the secret key empty too, the SDK's default credentials
	 * @param secretKey the secret key, from the environment or a file
	 * @param pathStyle {@code https://host/bucket/key} addresses, which self-hosted stores (MinIO, Ceph,
	 *                  Garage) expect; false for virtual-host addresses ({@code https://bucket.host/key})
	 * @param partSize content longer than this is uploaded in parts of this size (at least 5 MB, S3's minimum)
	 */
	public record S3(String endpoint, String bucket, String region, String accessKey, String secretKey, Boolean pathStyle,
			DataSize partSize) {

		public S3 {
			region = region == null || region.isBlank() ? "us-east-1" : region.trim();
			pathStyle = pathStyle == null || pathStyle;
			partSize = partSize == null ? DataSize.ofMegabytes(8) : partSize;
			if (partSize.toBytes() < DataSize.ofMegabytes(5).toBytes() || partSize.toBytes() > Integer.MAX_VALUE) {
				throw new IllegalArgumentException("schulhaus.blobs.s3.part-size must be between 5MB and 2GB");
			}
		}

		URI endpointUri() {
			return endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim());
		}
	}
}
