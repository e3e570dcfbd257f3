package de.schulhaus.accounts.security;

import static de.schulhaus.accounts.security.SignInSupport.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.platform.PlatformProperties;

/** What must hold by default: metrics not public, tokens renewed at sign-in, redirects local, nothing cached in the browser. */
@IntegrationTest
class ProductionDefaultsTests {

	@Autowired
	MockMvc mvc;

	@Test
	void healthIsPublicButMetricsAndInfoNeedTheScrapersToken() throws Exception {
		mvc.perform(get("/actuator/health")).andExpect(status().isOk());
		mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
		mvc.perform(get("/actuator/info")).andExpect(status().isUnauthorized());
		mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer wrong-token")).andExpect(status().isUnauthorized());
		mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer test-metrics-token-for-the-scraper-0123456789"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("schulhaus_passwords_verified")));
	}

	@Autowired
	SignInHandlers handlers;

	@Autowired
	AccountUserDetailsService users;

	/** Every way of finishing a sign-in (code step, link, provider) goes through establish(): it drops the old CSRF token. */
	@Test
	void theCsrfTokenIsRenewedAtSignIn() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Token-Schule");
		var teacher = t.createUser(school, "Tara", "Token", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var request = new MockHttpServletRequest("POST", "/anmelden/zwei-faktor");
		request.getSession(true);
		request.setCookies(new Cookie("SCHULHAUS_CSRF", "token-seen-before-sign-in"));
		var response = new MockHttpServletResponse();
		handlers.establish(users.load(teacher.login()).orElseThrow(), request, response);
		Cookie dropped = response.getCookie("SCHULHAUS_CSRF");
		assertThat(dropped).isNotNull();
		assertThat(dropped.getMaxAge()).isZero();
		assertThat(dropped.isHttpOnly()).isTrue();
	}

	@Test
	void theLanguageSwitchLeadsOnlyToPagesOfThisSite() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Sprung-Schule");
		var teacher = t.createUser(school, "Sven", "Sprung", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		Cookie session = session(new SignInSupport(mvc).signIn(teacher.login(), teacher.password()));
		mvc.perform(post("/konto/sprache").with(csrf()).cookie(session).param("lang", "en").header("Referer", "//evil.example/phish"))
			.andExpect(redirectedUrl("/phish"));
		mvc.perform(post("/konto/sprache").with(csrf()).cookie(session).param("lang", "en").header("Referer", "javascript:alert(1)"))
			.andExpect(redirectedUrl("/konto"));
		mvc.perform(post("/konto/sprache").with(csrf()).cookie(session).param("lang", "de")
			.header("Referer", "http://localhost.evil.example/gruppen?x=1")).andExpect(redirectedUrl("/gruppen?x=1"));
		mvc.perform(post("/sprache").with(csrf()).param("lang", "en")).andExpect(redirectedUrl("/anmelden"));
	}

	@Test
	void pagesKeepNoCopiesInTheBrowsersHistoryStorage() throws Exception {
		mvc.perform(get("/anmelden")).andExpect(content().string(containsString("\"historyCacheSize\":0")));
	}

	@Test
	void productionWithHttpsSetsSecureCookiesAndHsts() {
		var production = new PlatformProperties("production", Path.of("data"), "https://schule.example.org", false, null, null, false);
		var test = new PlatformProperties("production", Path.of("data"), "http://127.0.0.1:8080", false, null, null, true);
		assertThat(production.httpsOnly()).isTrue();
		assertThat(test.httpsOnly()).as("only when plain HTTP was allowed explicitly").isFalse();
		assertThat(new PlatformProperties(null, null, null, false, null, null, false).httpsOnly()).isFalse();
	}
}
