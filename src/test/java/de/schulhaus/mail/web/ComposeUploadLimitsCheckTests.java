package de.schulhaus.mail.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/** The web server may not cut off an attachment that the largest message a school may allow would take. */
class ComposeUploadLimitsCheckTests {

	@Test
	void aMultipartLimitBelowTheLargestMessageASchoolMayAllowStopsTheStart() {
		assertThatThrownBy(() -> new ComposeUploadLimitsCheck(environment("50MB", "51MB")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("spring.servlet.multipart.max-file-size (SCHULHAUS_MULTIPART_MAX_FILE_SIZE) is 50 MB")
			.hasMessageContaining("100 MB");
		assertThatThrownBy(() -> new ComposeUploadLimitsCheck(environment("100MB", "60MB")))
			.hasMessageContaining("spring.servlet.multipart.max-request-size (SCHULHAUS_MULTIPART_MAX_REQUEST_SIZE) is 60 MB");
		assertThatThrownBy(() -> new ComposeUploadLimitsCheck(new MockEnvironment())).as("Spring Boot's 1 MB default")
			.hasMessageContaining("is 1 MB");
	}

	@Test
	void enoughOrNoLimitStarts() {
		assertThatCode(() -> new ComposeUploadLimitsCheck(environment("100MB", "110MB"))).doesNotThrowAnyException();
		assertThatCode(() -> new ComposeUploadLimitsCheck(environment("-1", "-1"))).doesNotThrowAnyException();
	}

	private static MockEnvironment environment(String file, String request) {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.servlet.multipart.max-file-size", file)
			.withProperty("spring.servlet.multipart.max-request-size", request);
		DefaultConversionService conversions = new DefaultConversionService();
		conversions.addConverter(String.class, DataSize.class, DataSize::parse);
		environment.setConversionService(conversions);
		return environment;
	}
}
