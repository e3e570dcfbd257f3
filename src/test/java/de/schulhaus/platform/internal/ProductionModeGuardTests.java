package de.schulhaus.platform.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Production mode never falls back to the embedded database, never runs on plain HTTP, never without its key, never with the demo. */
class ProductionModeGuardTests {

	private static ApplicationEnvironmentPreparedEvent event(Map<String, Object> properties) {
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(), new String[0], env);
	}

	@Test
	void productionWithH2RefusesToStartAndSaysWhatToSet() {
		assertThatThrownBy(() -> new ProductionModeGuard().onApplicationEvent(event(Map.of("schulhaus.platform.mode", "production",
				"spring.datasource.url", "jdbc:h2:file:./data/db/schulhaus"))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("SCHULHAUS_DB_URL");
	}

	private static final String KEY = "k5Jq0yq3m1u8bQ7pW2r6sT9vX4zA0cE3gH6jL8nP1s=";

	private static Map<String, Object> production(String... more) {
		Map<String, Object> properties = new java.util.HashMap<>(Map.of("schulhaus.platform.mode", "PRODUCTION",
				"spring.datasource.url", "jdbc:postgresql://db:5432/schulhaus", "schulhaus.platform.secret-key", KEY,
				"schulhaus.platform.base-url", "https://schule.example.org"));
		for (int i = 0; i < more.length; i += 2) {
			properties.put(more[i], more[i + 1]);
		}
		return properties;
	}

	@Test
	void productionWithPostgresqlHttpsAndAKeyStarts() {
		assertThatCode(() -> new ProductionModeGuard().onApplicationEvent(event(production()))).doesNotThrowAnyException();
	}

	@Test
	void productionWithAnHttpBaseUrlRefusesToStart() {
		assertThatThrownBy(() -> new ProductionModeGuard().onApplicationEvent(event(production("schulhaus.platform.base-url",
				"http://schule.example.org"))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("https://")
			.hasMessageContaining("SCHULHAUS_ALLOW_INSECURE_HTTP");
		assertThatCode(() -> new ProductionModeGuard().onApplicationEvent(event(production("schulhaus.platform.base-url",
				"http://127.0.0.1:8080", "schulhaus.platform.allow-insecure-http", "true")))).doesNotThrowAnyException();
	}

	@Test
	void productionWithoutASecretKeyRefusesToStart() {
		assertThatThrownBy(() -> new ProductionModeGuard().onApplicationEvent(event(production("schulhaus.platform.secret-key", ""))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("SCHULHAUS_SECRET_KEY");
		assertThatThrownBy(() -> new ProductionModeGuard().onApplicationEvent(event(production("schulhaus.platform.secret-key",
				"too-short"))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("32");
	}

	@Test
	void productionRefusesTheDemoSchool() {
		assertThatThrownBy(() -> new ProductionModeGuard().onApplicationEvent(event(production("schulhaus.platform.demo", "true"))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("demo");
		assertThatThrownBy(() -> new ProductionModeGuard().onApplicationEvent(event(production("demo", ""))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("demo");
	}

	@Test
	void embeddedModeIsTheDefault() {
		assertThatCode(() -> new ProductionModeGuard().onApplicationEvent(event(Map.of(
				"spring.datasource.url", "jdbc:h2:file:./data/db/schulhaus")))).doesNotThrowAnyException();
	}
}
