package de.schulhaus.files.tus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.blobs.ResumableUploads;

/**
 * On the S3 store ({@code .ci/run}'s S3 pass, {@code SCHULHAUS_BLOBS=s3}), which keeps no resumable
 * uploads yet: creating one is refused with a problem that says so, before a byte is sent.
 */
@IntegrationTest
class TusUploadsOnS3Tests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	ResumableUploads resumable;

	@Test
	void creationIsRefusedClearly() throws Exception {
		assumeFalse(resumable.available(), "runs in the S3 pass; the folder store is TusUploadsTests'");
		var schools = new TestSchools(mvc);
		var teacher = schools.createUser(schools.createSchool("S3-Schule"), "Sina", "Speicher", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		String secret = credentials.createAppPassword(users.load(teacher.login()).orElseThrow(), "Handy", Set.of(Scope.FILES), null).secret();
		MockHttpServletResponse refused = mvc.perform(request(HttpMethod.POST, "/api/files/uploads").with(httpBasic(teacher.login(), secret))
				.header("Tus-Resumable", "1.0.0").header("Upload-Length", 10)
				.header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("a.txt".getBytes(StandardCharsets.UTF_8))))
			.andReturn().getResponse();
		assertThat(refused.getStatus()).isEqualTo(501);
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("urn:schulhaus:problem:resumable-uploads-unavailable");
		assertThat(refused.getHeader("Location")).isNull();
	}
}
