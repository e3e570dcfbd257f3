package de.schulhaus.accounts.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.ProtocolSecurity;
import de.schulhaus.accounts.Scope;
import de.schulhaus.platform.SchulhausUser;

/**
 * A module's own filter chain for its protocol paths, as the files module will declare one for
 * {@code /dav/**}: Basic through the protocol sign-in for one scope, no CSRF, no redirect, a challenge.
 */
@IntegrationTest
@Import(ProtocolSecurityChainTests.TestDavModule.class)
class ProtocolSecurityChainTests {

	@TestConfiguration
	static class TestDavModule {

		@Bean
		@Order(ProtocolSecurity.ORDER)
		SecurityFilterChain testDavChain(HttpSecurity http, ProtocolSecurity protocols) throws Exception {
			return protocols.chain(http, "Schulhaus Dateien", Scope.FILES, "webdav", "/test-dav/**");
		}

		@Bean
		TestDavEndpoint testDavEndpoint() {
			return new TestDavEndpoint();
		}
	}

	@RestController
	static class TestDavEndpoint {

		@RequestMapping("/test-dav/**")
		String answer(@AuthenticationPrincipal SchulhausUser user) {
			return "hello " + user.login();
		}
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Test
	void clientsGetAChallengeAndInWithAnAppPasswordOfTheModulesScope() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("DAV-Schule");
		var teacher = t.createUser(school, "Dana", "Dav", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var user = users.load(teacher.login()).orElseThrow();
		String files = credentials.createAppPassword(user, "Dateimanager", Set.of(Scope.FILES), null).secret();
		String mail = credentials.createAppPassword(user, "Thunderbird", Set.of(Scope.MAIL), null).secret();

		mvc.perform(request(HttpMethod.valueOf("PROPFIND"), "/test-dav/dateien/")).andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Basic realm=\"Schulhaus Dateien\", charset=\"UTF-8\""))
			.andExpect(header().doesNotExist("Location"));
		mvc.perform(request(HttpMethod.valueOf("PROPFIND"), "/test-dav/dateien/").with(httpBasic(teacher.login(), files)))
			.andExpect(status().isOk()).andExpect(content().string("hello " + teacher.login()));
		// a state-changing method without any CSRF token: programs have none
		mvc.perform(request(HttpMethod.PUT, "/test-dav/dateien/a.txt").with(httpBasic(teacher.login(), files)).content("x"))
			.andExpect(status().isOk());
		mvc.perform(get("/test-dav/dateien/").with(httpBasic(teacher.login(), mail))).andExpect(status().isUnauthorized())
			.andExpect(header().exists("WWW-Authenticate"));
		mvc.perform(get("/test-dav/dateien/").with(httpBasic(teacher.login(), "falsch"))).andExpect(status().isUnauthorized());
	}
}
