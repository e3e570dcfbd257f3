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
 */
@ConfigurationProperties("schulhaus.platform")
public record PlatformProperties(String mode, Path dataDir, String baseUrl, boolean demo, String secretKey) {

	public PlatformProperties {
		mode = mode == null || mode.isBlank() ? "embedded" : mode.trim().toLowerCase();
		dataDir = dataDir == null ? Path.of("data") : dataDir;
		baseUrl = baseUrl == null ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
	}
}
