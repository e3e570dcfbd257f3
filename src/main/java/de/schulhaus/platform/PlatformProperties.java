package de.schulhaus.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this node runs.
 *
 * @param mode {@code embedded} (H2 and a local folder, for one school or trying it out) or
 *             {@code production} (PostgreSQL required)
 * @param dataDir folder for the embedded database and blobs
 * @param baseUrl public address of the platform, used in sign-in links and letters
 * @param demo whether to seed the demo school on an empty database
 * @param secretKey key for secrets stored encrypted ({@link SecretBox}); embedded mode creates a key file when empty
 * @param metricsToken bearer token that scrapers present for {@code /actuator/prometheus} and {@code /actuator/info};
 *                     without one they are not served on the public port
 * @param allowInsecureHttp lets production mode run with an {@code http://} base URL (tests on one machine only)
 */
@ConfigurationProperties("schulhaus.platform")
public record PlatformProperties(String mode, Path dataDir, String baseUrl, boolean demo, String secretKey, String metricsToken,
		boolean allowInsecureHttp) {

	public PlatformProperties {
		mode = mode == null || mode.isBlank() ? "embedded" : mode.trim().toLowerCase();
		dataDir = dataDir == null ? Path.of("data") : dataDir;
		baseUrl = baseUrl == null ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
	}

	public boolean production() {
		return "production".equals(mode);
	}

	/**
	 * Whether every answer may assume HTTPS: Secure cookies and HSTS. Production mode, unless it was
	 * explicitly allowed plain HTTP for a test on one machine (where Secure cookies would never come back).
	 */
	public boolean httpsOnly() {
		return production() && !allowInsecureHttp;
	}
}
