package de.schulhaus.platform.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start production mode with an unsafe configuration, before any data source exists: on
 * anything but PostgreSQL (a typo never silently creates an H2 database on a production server),
 * without a secret key for the secrets stored encrypted, with a plain {@code http://} address
 * (cookies and passwords would travel in clear), or with the demo school and its known password.
 */
public class ProductionModeGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final Logger log = LoggerFactory.getLogger(ProductionModeGuard.class);

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment env = event.getEnvironment();
		String mode = env.getProperty("schulhaus.platform.mode", "embedded").trim().toLowerCase();
		String url = env.getProperty("spring.datasource.url", "");
		if ("production".equals(mode)) {
			if (!url.startsWith("jdbc:postgresql:")) {
				throw new IllegalStateException("SCHULHAUS_MODE=production needs PostgreSQL: set SCHULHAUS_DB_URL "
						+ "(jdbc:postgresql://host:5432/schulhaus), SCHULHAUS_DB_USER and SCHULHAUS_DB_PASSWORD. "
						+ "Refusing to fall back to the embedded H2 database.");
			}
			String key = env.getProperty("schulhaus.platform.secret-key", "").strip();
			if (key.length() < 32) {
				throw new IllegalStateException("SCHULHAUS_MODE=production needs SCHULHAUS_SECRET_KEY with at least 32 characters "
						+ "(e.g. openssl rand -base64 32), kept outside the database and backed up with it: it encrypts the "
						+ "second-factor secrets.");
			}
			String baseUrl = env.getProperty("schulhaus.platform.base-url", "").strip().toLowerCase();
			if (!baseUrl.startsWith("https://") && !env.getProperty("schulhaus.platform.allow-insecure-http", Boolean.class, false)) {
				throw new IllegalStateException("SCHULHAUS_MODE=production needs an https:// SCHULHAUS_BASE_URL (now: '" + baseUrl
						+ "'). Terminate TLS in a reverse proxy (see docs/operations.md). Only for a test on one machine: "
						+ "SCHULHAUS_ALLOW_INSECURE_HTTP=true.");
			}
			if (env.getProperty("schulhaus.platform.demo", Boolean.class, false) || env.containsProperty("demo")) {
				throw new IllegalStateException("SCHULHAUS_MODE=production refuses the demo school (--demo / SCHULHAUS_DEMO): its "
						+ "people share a password that is printed in the README.");
			}
		}
		else if (url.startsWith("jdbc:h2:")) {
			log.warn("Schulhaus runs in embedded mode (H2 under {}): fine for one school or trying it out, "
					+ "not meant for production.", env.getProperty("schulhaus.platform.data-dir"));
		}
	}
}
