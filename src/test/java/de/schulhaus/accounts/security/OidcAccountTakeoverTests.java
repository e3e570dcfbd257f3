package de.schulhaus.accounts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.platform.SecretBox;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/** Sign-in through an external OpenID Connect provider, against a real mock provider over HTTP: no account taken over by a claim. */
@IntegrationTest
class OidcAccountTakeoverTests {

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

	@Autowired
	AccountRepository accounts;

	@Autowired
	SecretBox box;

	@Autowired
	JdbcClient jdbc;

	@Test
	void someoneElsesEmailClaimOpensNoAccount() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("OIDC-Uebernahme-Schule");
		var teacher = schools.createUser(school, "Olga", "Opfer", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		mvc.perform(get("/anmelden")).andExpect(content().string(containsString("Mit Landes-IdP anmelden")));

		// an attacker's identity at the provider that claims the teacher's (verified) address
		Cookie[] session = new Cookie[1];
		URI callback = authorize(session, "attacker-subject", Map.of("email", teacher.login(), "email_verified", true));
		var result = mvc.perform(get(callback).cookie(session[0])).andReturn().getResponse();
		assertThat(result.getRedirectedUrl()).isEqualTo("/anmelden/extern?grund=nicht-verknuepft");
		mvc.perform(get("/").cookie(session[0])).andExpect(redirectedUrl("/anmelden"));
		mvc.perform(get("/anmelden/extern?grund=nicht-verknuepft")).andExpect(status().isForbidden())
			.andExpect(content().string(containsString("mit keinem Schulhaus-Konto verknüpft")));
	}

	@Test
	void anIdentityLinkedAfterAFullSignInSignsInAndCanBeUnlinked() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("OIDC-Link-Schule");
		var teacher = schools.createUser(school, "Lina", "Link", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var support = new SignInSupport(mvc);
		Cookie session = SignInSupport.session(support.signIn(teacher.login(), teacher.password()));

		// linking needs a fresh confirmation of the password
		mvc.perform(post("/konto/anbieter/idp/verknuepfen").with(csrf()).cookie(session))
			.andExpect(redirectedUrl("/konto/bestaetigen?weiter=%2Fkonto%23anbieter"));
		mvc.perform(post("/konto/bestaetigen").with(csrf()).cookie(session).param("password", teacher.password()).param("weiter", "/konto#anbieter"))
			.andExpect(redirectedUrl("/konto#anbieter"));
		var start = mvc.perform(post("/konto/anbieter/idp/verknuepfen").with(csrf()).cookie(session)).andReturn().getResponse();
		assertThat(start.getRedirectedUrl()).isEqualTo("/oauth2/authorization/idp");
		URI callback = authorizeFrom(session, "lina-at-idp", Map.of("email", "someone-else@example.org"));
		var linked = mvc.perform(get(callback).cookie(session)).andReturn().getResponse();
		assertThat(linked.getRedirectedUrl()).isEqualTo("/konto?anbieter=verknuepft#anbieter");
		Cookie after = linked.getCookie("SCHULHAUS_SESSION") != null ? linked.getCookie("SCHULHAUS_SESSION") : session;
		mvc.perform(get("/konto").cookie(after)).andExpect(content().string(containsString("verknüpft seit")));

		// now the provider's identity signs in as Lina, whatever e-mail it claims
		Cookie[] fresh = new Cookie[1];
		URI signIn = authorize(fresh, "lina-at-idp", Map.of("email", "someone-else@example.org"));
		var signedIn = mvc.perform(get(signIn).cookie(fresh[0])).andReturn().getResponse();
		assertThat(signedIn.getRedirectedUrl()).isEqualTo("/");
		Cookie idpSession = signedIn.getCookie("SCHULHAUS_SESSION") != null ? signedIn.getCookie("SCHULHAUS_SESSION") : fresh[0];
		mvc.perform(get("/").cookie(idpSession)).andExpect(content().string(containsString("Guten Tag, Lina Link")));

		String linkId = jdbc.sql("select id from external_identity where account_id = :a").param("a", teacher.id()).query(String.class).single();
		mvc.perform(post("/konto/anbieter/" + linkId + "/loesen").with(csrf()).cookie(idpSession)).andExpect(redirectedUrl("/konto#anbieter"));
		assertThat(jdbc.sql("select action from audit_event where actor_id = :a and action like 'oidc.%'").param("a", teacher.id())
			.query(String.class).list()).contains("oidc.linked", "oidc.unlinked");
		Cookie[] later = new Cookie[1];
		URI refused = authorize(later, "lina-at-idp", Map.of());
		assertThat(mvc.perform(get(refused).cookie(later[0])).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/anmelden/extern?grund=nicht-verknuepft");
	}

	@Test
	void anUnverifiedAddressIsRefused() throws Exception {
		Cookie[] session = new Cookie[1];
		URI callback = authorize(session, "unverified-subject", Map.of("email", "x@example.org", "email_verified", false));
		assertThat(mvc.perform(get(callback).cookie(session[0])).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/anmelden/extern?grund=unbestaetigt");
	}

	@Test
	void anAdminSignedInThroughTheProviderStillGivesTheLocalSecondFactor() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("OIDC-Admin-Schule");
		var admin = schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2026", null);
		String secret = SignInSupport.enableTotp(accounts, box, admin.id());
		jdbc.sql("insert into external_identity (id, school_id, account_id, registration_id, issuer, subject, created_at) "
				+ "values (:id, :s, :a, 'idp', :i, 'ada-at-idp', current_timestamp)")
			.param("id", java.util.UUID.randomUUID()).param("s", school.id()).param("a", admin.id()).param("i", IDP.issuerUrl("idp").toString())
			.update();
		Cookie[] session = new Cookie[1];
		URI callback = authorize(session, "ada-at-idp", Map.of());
		var answer = mvc.perform(get(callback).cookie(session[0])).andReturn().getResponse();
		assertThat(answer.getRedirectedUrl()).isEqualTo("/anmelden/zwei-faktor");
		Cookie pending = answer.getCookie("SCHULHAUS_SESSION") != null ? answer.getCookie("SCHULHAUS_SESSION") : session[0];
		mvc.perform(get("/").cookie(pending)).andExpect(redirectedUrl("/anmelden"));
		var done = new SignInSupport(mvc).code(pending, SignInSupport.totp(secret, 0));
		assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/");
	}

	private URI authorize(Cookie[] session, String subject, Map<String, Object> claims) throws Exception {
		var start = mvc.perform(get("/oauth2/authorization/idp")).andReturn().getResponse();
		session[0] = start.getCookie("SCHULHAUS_SESSION");
		assertThat(session[0]).isNotNull();
		return atProvider(start.getRedirectedUrl(), subject, claims);
	}

	private URI authorizeFrom(Cookie session, String subject, Map<String, Object> claims) throws Exception {
		var start = mvc.perform(get("/oauth2/authorization/idp").cookie(session)).andReturn().getResponse();
		return atProvider(start.getRedirectedUrl(), subject, claims);
	}

	/** Lets the provider issue a code for {@code subject} with these claims; returns our callback URL. */
	private URI atProvider(String authorizeUrl, String subject, Map<String, Object> claims) throws Exception {
		IDP.enqueueCallback(new DefaultOAuth2TokenCallback("idp", subject, "JWT", List.of("schulhaus"), claims, 3600));
		assertThat(authorizeUrl).startsWith(IDP.issuerUrl("idp").toString());
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).contains("code=");
		URI uri = URI.create(location);
		return URI.create("http://localhost" + uri.getRawPath() + "?" + uri.getRawQuery());
	}
}
