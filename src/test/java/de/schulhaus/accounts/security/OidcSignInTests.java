package de.schulhaus.accounts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import jakarta.servlet.http.Cookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/** Sign-in through an external OpenID Connect provider, against a real mock provider over HTTP. */
@IntegrationTest
class OidcSignInTests {

	static final MockOAuth2Server IDP = new MockOAuth2Server();

	static {
		IDP.start();
	}

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.client.registration.idp.client-id", () -> "schulhaus");
		registry.add("spring.security.oauth2.client.registration.idp.client-secret", () -> "secret");
		registry.add("spring.security.oauth2.client.registration.idp.client-name", () -> "Landes-IdP");
		registry.add("spring.security.oauth2.client.registration.idp.scope", () -> "openid,email");
		registry.add("spring.security.oauth2.client.provider.idp.issuer-uri", () -> IDP.issuerUrl("idp").toString());
	}

	@AfterAll
	static void stop() {
		IDP.shutdown();
	}

	@Autowired
	MockMvc mvc;

	@Test
	void personWithMatchingServiceAddressIsSignedIn() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("OIDC-Schule");
		var teacher = schools.createUser(school, "Olga", "Idp", "TEACHER", null, null);
		mvc.perform(get("/anmelden")).andExpect(content().string(containsString("Mit Landes-IdP anmelden")));

		Cookie session = signInAtProvider(teacher.login());
		mvc.perform(get("/").cookie(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("Guten Tag, Olga Idp")));
	}

	@Test
	void unknownAddressIsRefusedWithAClearMessage() throws Exception {
		Cookie[] session = new Cookie[1];
		URI callback = authorize(session, "stranger@example.org");
		String target = mvc.perform(get(callback).cookie(session[0])).andReturn().getResponse().getRedirectedUrl();
		assertThat(target).isEqualTo("/anmelden?unbekannt");
	}

	/** Sessions live in the database, so the flow carries the session cookie as a browser does. */
	private Cookie signInAtProvider(String email) throws Exception {
		Cookie[] session = new Cookie[1];
		URI callback = authorize(session, email);
		var result = mvc.perform(get(callback).cookie(session[0])).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
		Cookie renewed = result.getResponse().getCookie("SCHULHAUS_SESSION");
		return renewed != null ? renewed : session[0];
	}

	/** Starts the flow here, lets the provider issue a code for {@code email}, returns our callback URL. */
	private URI authorize(Cookie[] session, String email) throws Exception {
		IDP.enqueueCallback(new DefaultOAuth2TokenCallback("idp", "subject-" + email, "JWT", List.of("schulhaus"),
				Map.of("email", email), 3600));
		var start = mvc.perform(get("/oauth2/authorization/idp")).andReturn().getResponse();
		session[0] = start.getCookie("SCHULHAUS_SESSION");
		assertThat(session[0]).isNotNull();
		String authorizeUrl = start.getRedirectedUrl();
		assertThat(authorizeUrl).startsWith(IDP.issuerUrl("idp").toString());
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).contains("code=");
		URI uri = URI.create(location);
		return URI.create("http://localhost" + uri.getRawPath() + "?" + uri.getRawQuery());
	}
}
