package de.schulhaus.blobs;

import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs the test suite on the S3 store when asked to ({@code SCHULHAUS_BLOBS=s3} without an
 * endpoint, as {@code .ci/run}'s S3 pass does): one s3proxy server in the test JVM, which every test
 * context then uses. Without that variable it does nothing.
 */
public class S3WhenAsked implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static S3TestServer server;

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment env = event.getEnvironment();
		String endpoint = System.getenv("SCHULHAUS_S3_ENDPOINT");
		if (!"s3".equalsIgnoreCase(System.getenv("SCHULHAUS_BLOBS")) || (endpoint != null && !endpoint.isBlank())) {
			return;
		}
		env.getPropertySources().addFirst(new MapPropertySource("s3-test-server", Map.of("schulhaus.blobs.store", "s3",
				"schulhaus.blobs.s3.endpoint", shared().endpoint(), "schulhaus.blobs.s3.bucket", S3TestServer.BUCKET,
				"schulhaus.blobs.s3.region", "garage", "schulhaus.blobs.s3.access-key", S3TestServer.ACCESS_KEY,
				"schulhaus.blobs.s3.secret-key", S3TestServer.SECRET_KEY)));
	}

	/** The server every test context of the S3 pass uses. */
	static synchronized S3TestServer shared() {
		if (server == null) {
			server = S3TestServer.start();
		}
		return server;
	}
}
