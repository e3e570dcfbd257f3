package de.schulhaus.accounts.imports;

import org.junit.jupiter.api.Test;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The web server's own limits may not refuse a roster file the import would take. */
class UploadLimitsCheckTests {

	@Test
	void acceptsServerLimitsAtLeastAsLargeAsTheUploadLimit() {
		assertThatCode(() -> new UploadLimitsCheck(ImportLimits.defaults(), environment("50MB", "51MB", "100MB")))
			.doesNotThrowAnyException();
		assertThatCode(() -> new UploadLimitsCheck(ImportLimits.defaults(), environment("20MB", "-1", "-1")))
			.doesNotThrowAnyException();
	}

	@Test
	void refusesToStartWhenAServerLimitIsBelowTheUploadLimit() {
		assertThatThrownBy(() -> new UploadLimitsCheck(ImportLimits.defaults(), environment("10MB", "51MB", "100MB")))
			.hasMessageContaining("spring.servlet.multipart.max-file-size (SCHULHAUS_MULTIPART_MAX_FILE_SIZE) is 10 MB");
		ImportLimits large = new ImportLimits(DataSize.ofMegabytes(60), null, 0, 0, 0);
		assertThatThrownBy(() -> new UploadLimitsCheck(large, environment("100MB", "100MB", "50MB")))
			.hasMessageContaining("server.tomcat.max-swallow-size");
		// Tomcat's default of 2 MB when nothing is set
		assertThatThrownBy(() -> new UploadLimitsCheck(ImportLimits.defaults(), new MockEnvironment()))
			.isInstanceOf(IllegalStateException.class);
	}

	private static MockEnvironment environment(String file, String request, String swallow) {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.servlet.multipart.max-file-size", file)
			.withProperty("spring.servlet.multipart.max-request-size", request)
			.withProperty("server.tomcat.max-swallow-size", swallow);
		DefaultConversionService conversions = new DefaultConversionService();
		conversions.addConverter(String.class, DataSize.class, DataSize::parse);
		environment.setConversionService(conversions);
		return environment;
	}

}
