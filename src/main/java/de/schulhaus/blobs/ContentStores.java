package de.schulhaus.blobs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import de.schulhaus.platform.PlatformProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The content store that {@code schulhaus.blobs.store} names (SCHULHAUS_BLOBS=local or s3). */
@Configuration(proxyBeanMethods = false)
class ContentStores {

	private static final Logger log = LoggerFactory.getLogger(ContentStores.class);

	@Bean
	ContentStore contentStore(BlobsProperties blobs, PlatformProperties platform) throws IOException {
		return switch (blobs.store()) {
			case "local" -> new FolderContentStore(platform.dataDir().resolve("blobs"));
			case "s3" -> s3(blobs.s3(), platform.dataDir().resolve("blobs").resolve("tmp"));
			default -> throw new IllegalStateException("SCHULHAUS_BLOBS must be local or s3, not '" + blobs.store() + "'");
		};
	}

	/** @param temp where resumable uploads fill a part before it goes to S3 */
	static S3ContentStore s3(BlobsProperties.S3 properties, Path temp) {
		if (properties.bucket() == null || properties.bucket().isBlank()) {
			throw new IllegalStateException("SCHULHAUS_BLOBS=s3 needs SCHULHAUS_S3_BUCKET (and SCHULHAUS_S3_ENDPOINT unless it is AWS)");
		}
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(properties.region()))
			.credentialsProvider(credentials(properties))
			.forcePathStyle(properties.pathStyle())
			// a store that is down answers within seconds, not after the operating system's connect timeout
			.httpClientBuilder(Apache5HttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofMinutes(1)))
			// checksums only where S3 requires them: self-hosted stores (Ceph, Garage, older MinIO) refuse
			// the trailing checksums that the SDK would otherwise add to every upload
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (properties.endpointUri() != null) {
			builder.endpointOverride(properties.endpointUri());
		}
		log.info("Blobs in S3 bucket {} at {} (path-style: {}).", properties.bucket(),
				properties.endpointUri() == null ? "AWS" : properties.endpointUri(), properties.pathStyle());
		return new S3ContentStore(builder.build(), properties.bucket().trim(), (int) properties.partSize().toBytes(), temp);
	}

	private static AwsCredentialsProvider credentials(BlobsProperties.S3 properties) {
		if (isBlank(properties.accessKey()) && isBlank(properties.secretKey())) {
			return DefaultCredentialsProvider.builder().build(); // AWS_* variables, instance roles
		}
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()));
	}

	private static boolean isBlank(String s) {
		return s == null || s.isBlank();
	}
}
