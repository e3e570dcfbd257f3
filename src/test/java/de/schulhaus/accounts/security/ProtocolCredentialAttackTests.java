package de.schulhaus.accounts.security;

import static de.schulhaus.accounts.security.SignInSupport.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.Set;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.ProtocolSignIn;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import io.micrometer.core.instrument.MeterRegistry;

/** Attacks with programs' credentials: HTTP Basic, app passwords, tokens and the API from another site. */
@IntegrationTest
class ProtocolCredentialAttackTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	ProtocolSignIn protocolSignIn;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAdminNeverUsesTheAccountPasswordOverBasicEvenWithoutASecondFactor() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Basic-Admin-Schule");
		var admin = t.createUser(school, "Berta", "Basic", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2026", null);
		mvc.perform(get("/api/v1/me").with(httpBasic(admin.login(), admin.password()))).andExpect(status().isUnauthorized());
		assertThat(protocolSignIn.authenticate(admin.login(), admin.password(), Scope.FILES, "webdav", "10.1.1.1")).isEmpty();

		var user = users.load(admin.login()).orElseThrow();
		String app = credentials.createAppPassword(user, "Skript", Set.of(Scope.API), null).secret();
		mvc.perform(get("/api/v1/me").with(httpBasic(admin.login(), app))).andExpect(status().isOk());
	}

	@Test
	void anAppPasswordWorksOnlyForItsScopesAndUntilItExpires() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Scope-Schule");
		var teacher = t.createUser(school, "Sina", "Scope", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var user = users.load(teacher.login()).orElseThrow();
		String files = credentials.createAppPassword(user, "Dateien am Laptop", Set.of(Scope.FILES), null).secret();
		mvc.perform(get("/api/v1/me").with(httpBasic(teacher.login(), files))).andExpect(status().isUnauthorized());
		assertThat(protocolSignIn.authenticate(teacher.login(), files, Scope.FILES, "webdav", "10.2.2.2")).isPresent();
		assertThat(protocolSignIn.authenticate(teacher.login(), files, Scope.MAIL, "imap", "10.2.2.2")).isEmpty();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> credentials.createAppPassword(user, "API", Set.of(Scope.API), null))
			.hasMessageContaining("accounts.error.scopeApi");

		String valid = credentials.createAppPassword(user, "Kalender", Set.of(Scope.CALENDAR), LocalDate.now().plusDays(2)).secret();
		assertThat(protocolSignIn.authenticate(teacher.login(), valid, Scope.CALENDAR, "caldav", "10.2.2.2")).isPresent();
		String expired = credentials.createAppPassword(user, "Alter Kalender", Set.of(Scope.CALENDAR), LocalDate.now().plusDays(2)).secret();
		jdbc.sql("update app_password set expires_at = current_timestamp - interval '1' minute where label = 'Alter Kalender' and account_id = :a")
			.param("a", teacher.id()).update();
		assertThat(protocolSignIn.authenticate(teacher.login(), expired, Scope.CALENDAR, "caldav", "10.2.2.2")).isEmpty();

		// where it was used last is shown to its owner
		var listed = credentials.appPasswords(user).stream().filter(c -> c.label().equals("Dateien am Laptop")).findFirst().orElseThrow();
		assertThat(listed.lastUsedProtocol()).isEqualTo("webdav");
		assertThat(listed.lastUsedAddress()).isEqualTo("10.2.2.2");
		assertThat(listed.lastUsedAt()).isNotNull();

		// revoked: refused at once (every node reads the database)
		credentials.revokeAppPassword(user, listed.id());
		assertThat(protocolSignIn.authenticate(teacher.login(), files, Scope.FILES, "webdav", "10.2.2.2")).isEmpty();
	}

	@Test
	void anUnknownLoginCostsOnePasswordHashLikeAKnownOne() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Hash-Schule");
		var teacher = t.createUser(school, "Hanna", "Hash", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var admin = t.createUser(school, "Harald", "Hash", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2026", null);
		assertThat(hashesFor(() -> protocolSignIn.authenticate(teacher.login(), "falsch-falsch", Scope.FILES, "webdav", "10.3.3.3")))
			.isEqualTo(1);
		assertThat(hashesFor(() -> protocolSignIn.authenticate("niemand@" + school.domain(), "falsch", Scope.FILES, "webdav", "10.3.3.3")))
			.isEqualTo(1);
		assertThat(hashesFor(() -> protocolSignIn.authenticate(admin.login(), "falsch", Scope.FILES, "webdav", "10.3.3.3")))
			.isEqualTo(1);
		// the form: an unknown address and a known one with a wrong password both cost one hash
		var support = new SignInSupport(mvc);
		assertThat(hashesFor(() -> support.signIn("niemand@" + school.domain(), "falsch"))).isEqualTo(1);
		assertThat(hashesFor(() -> support.signIn(teacher.login(), "falsch"))).isEqualTo(1);
	}

	@Test
	void creatingAppPasswordsAndTokensNeedsAFreshConfirmation() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Bestaetigen-Schule");
		var teacher = t.createUser(school, "Bea", "Bestaetigt", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		Cookie session = session(new SignInSupport(mvc).signIn(teacher.login(), teacher.password()));
		mvc.perform(post("/konto/app-passwoerter").with(csrf()).cookie(session).param("label", "Handy").param("scopes", "mail"))
			.andExpect(redirectedUrl("/konto/bestaetigen?weiter=%2Fkonto%23app-passwoerter"));
		assertThat(credentials.appPasswords(users.load(teacher.login()).orElseThrow())).isEmpty();
		mvc.perform(post("/konto/bestaetigen").with(csrf()).cookie(session).param("password", "falsch").param("weiter", "/konto"))
			.andExpect(status().isOk());
		mvc.perform(post("/konto/bestaetigen").with(csrf()).cookie(session).param("password", teacher.password())
			.param("weiter", "https://evil.example/konto")).andExpect(redirectedUrl("/konto"));
		mvc.perform(post("/konto/app-passwoerter").with(csrf()).cookie(session).param("label", "Handy").param("scopes", "mail"))
			.andExpect(redirectedUrl("/konto#app-passwoerter"));
		assertThat(credentials.appPasswords(users.load(teacher.login()).orElseThrow())).extracting(c -> c.scopes())
			.containsExactly(Set.of(Scope.MAIL));

		// over the API the same rule: the account password in the request itself
		var admin = t.createUser(school, "Anton", "Api", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2026", null);
		String app = credentials.createAppPassword(users.load(admin.login()).orElseThrow(), "Skript", Set.of(Scope.API), null).secret();
		mvc.perform(post("/api/v1/me/app-passwords").with(httpBasic(admin.login(), app)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"label\":\"Noch eins\",\"scopes\":[\"files\"]}")).andExpect(status().isForbidden());
	}

	@Test
	void theApiRefusesWhatAFormOnAnotherSiteCanSend() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Fremdseiten-Schule");
		String url = "/api/v1/schools/" + school.id() + "/users";
		// a form on another site: form encoding, cached Basic credentials of an operator
		mvc.perform(post(url).header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).param("firstName", "Eve").param("lastName", "Evil").param("role", "TEACHER"))
			.andExpect(status().isUnsupportedMediaType());
		mvc.perform(post(url).header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN).contentType(MediaType.TEXT_PLAIN)
			.content("{\"firstName\":\"Eve\",\"lastName\":\"Evil\",\"role\":\"TEACHER\"}")).andExpect(status().isUnsupportedMediaType());
		assertThat(jdbc.sql("select count(*) from account where school_id = :s and last_name = 'Evil'").param("s", school.id())
			.query(Long.class).single()).isZero();
		// no credentials: a 401 without a Basic challenge, so no browser asks for a password
		mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized()).andExpect(header().doesNotExist("WWW-Authenticate"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.status").value(401))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.title").value("Unauthorized"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.detail").isString());
		mvc.perform(get("/api/v1/me").with(httpBasic("nobody@example.org", "x"))).andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic realm=\"Schulhaus\"")));
	}

	private double hashesFor(ThrowingRunnable action) throws Exception {
		double before = meters.counter("schulhaus.passwords.verified").count();
		action.run();
		return meters.counter("schulhaus.passwords.verified").count() - before;
	}

	interface ThrowingRunnable {
		void run() throws Exception;
	}
}
