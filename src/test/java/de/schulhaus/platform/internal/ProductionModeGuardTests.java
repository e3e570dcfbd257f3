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

/** Production mode never falls back to the embedded database. */
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

	@Test
	void productionWithPostgresqlStarts() {
		assertThatCode(() -> new ProductionModeGuard().onApplicationEvent(event(Map.of("schulhaus.platform.mode", "PRODUCTION",
				"spring.datasource.url", "jdbc:postgresql://db:5432/schulhaus")))).doesNotThrowAnyException();
	}

	@Test
	void embeddedModeIsTheDefault() {
		assertThatCode(() -> new ProductionModeGuard().onApplicationEvent(event(Map.of(
				"spring.datasource.url", "jdbc:h2:file:./data/db/schulhaus")))).doesNotThrowAnyException();
	}
}
