package de.schulhaus.platform.internal;

import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A management port of its own ({@code SCHULHAUS_MANAGEMENT_PORT}) listens on localhost unless
 * {@code SCHULHAUS_MANAGEMENT_ADDRESS} says otherwise. Set only then: Spring Boot refuses an address
 * for the management server while it shares the main port.
 */
public class ManagementServerAddress implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment env = event.getEnvironment();
		String port = env.getProperty("management.server.port", "").strip();
		if (port.isEmpty() || env.containsProperty("management.server.address")) {
			return;
		}
		String address = env.getProperty("SCHULHAUS_MANAGEMENT_ADDRESS", "127.0.0.1");
		env.getPropertySources().addLast(new MapPropertySource("schulhaus-management-address",
				Map.of("management.server.address", address)));
	}
}
