package de.schulhaus.platform.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start production mode on anything but PostgreSQL, before any data source exists, so a
 * typo in the configuration never silently creates an H2 database on a production server.
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
		}
		else if (url.startsWith("jdbc:h2:")) {
			log.warn("Schulhaus runs in embedded mode (H2 under {}): fine for one school or trying it out, "
					+ "not meant for production.", env.getProperty("schulhaus.platform.data-dir"));
		}
	}
}
