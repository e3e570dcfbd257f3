package de.schulhaus.accounts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.SignInLinks;
import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.AddressFailureRepository;
import de.schulhaus.schools.SchoolManagement;
import de.schulhaus.schools.SchoolStatus;
import dev.samstevens.totp.code.DefaultCodeGenerator;

/** Sign-in as a person does it: through the form, with cookies, second factor and links. */
@IntegrationTest
class SignInTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountRepository accounts;

	@Autowired
	SignInLinks links;

	@Autowired
	SchoolManagement schools;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AddressFailureRepository addressFailures;

	@Autowired
	de.schulhaus.platform.SecretBox box;

	private MvcResult signIn(String login, String password) throws Exception {
		return mvc.perform(post("/anmelden").with(csrf()).param("login", login).param("password", password)).andReturn();
	}

	private static Cookie session(MvcResult result) {
		Cookie cookie = result.getResponse().getCookie("SCHULHAUS_SESSION");
		assertThat(cookie).as("session cookie").isNotNull();
		assertThat(cookie.isHttpOnly()).isTrue();
		return cookie;
	}

	@Test
	void passwordAloneOpensNoSessionWhenTheSecondFactorIsOn() throws Exception {
		var school = new TestSchools(mvc).createSchool("TOTP-Schule");
		var teacher = new TestSchools(mvc).createUser(school, "Tina", "Totp", "TEACHER", "teacher-laterne-quitte-1", null);
		String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
		accounts.updateTotp(teacher.id(), box.seal(secret, "totp:" + teacher.id()), true, null);

		MvcResult first = signIn(teacher.login(), "teacher-laterne-quitte-1");
		assertThat(first.getResponse().getRedirectedUrl()).isEqualTo("/anmelden/zwei-faktor");
		Cookie pending = session(first);
		mvc.perform(get("/").cookie(pending)).andExpect(redirectedUrl("/anmelden"));

		mvc.perform(post("/anmelden/zwei-faktor").with(csrf()).cookie(pending).param("code", "000000"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("Der Code stimmt nicht")));
		String code = new DefaultCodeGenerator().generate(secret, Math.floorDiv(System.currentTimeMillis() / 1000, 30));
		MvcResult done = mvc.perform(post("/anmelden/zwei-faktor").with(csrf()).cookie(pending).param("code", code)).andReturn();
		assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/");
		mvc.perform(get("/").cookie(session(done))).andExpect(status().isOk())
			.andExpect(content().string(containsString("Guten Tag, Tina Totp")));
		// with a second factor the account password no longer works for protocol clients
		mvc.perform(get("/api/v1/me").with(httpBasic(teacher.login(), "teacher-laterne-quitte-1"))).andExpect(status().isUnauthorized());
	}

	@Test
	void repeatedWrongPasswordsThrottleTheAccount() throws Exception {
		var school = new TestSchools(mvc).createSchool("Bremse-Schule");
		var pupil = new TestSchools(mvc).createUser(school, "Rudi", "Rate", "PUPIL", "pupil-laterne-quitte-9", null);
		for (int i = 0; i < 10; i++) {
			assertThat(signIn(pupil.login(), "wrong-" + i).getResponse().getRedirectedUrl()).isEqualTo("/anmelden?fehler");
		}
		// locked, but answered like a wrong password: the answer must not tell that the address exists
		assertThat(signIn(pupil.login(), "pupil-laterne-quitte-9").getResponse().getRedirectedUrl()).isEqualTo("/anmelden?fehler");
		assertThat(signIn("nobody-" + pupil.login(), "pupil-laterne-quitte-9").getResponse().getRedirectedUrl()).isEqualTo("/anmelden?fehler");
		mvc.perform(get("/anmelden?fehler")).andExpect(content().string(containsString("für eine Viertelstunde gesperrt")));
	}

	@Test
	void failuresCountedOnAnotherNodeLockTheAccountHereToo() throws Exception {
		var school = new TestSchools(mvc).createSchool("Cluster-Schule");
		var pupil = new TestSchools(mvc).createUser(school, "Nora", "Knoten", "PUPIL", "pupil-laterne-quitte-7", null);
		assertThat(signIn(pupil.login(), "wrong-here").getResponse().getRedirectedUrl()).isEqualTo("/anmelden?fehler");
		assertThat(failedSignIns(pupil.login())).as("a failure here is counted for all nodes").isEqualTo(1);

		// another node behind the load balancer has its own memory, but the same database
		SignInThrottle otherNode = new SignInThrottle(accounts, addressFailures);
		for (int i = 0; i < 9; i++) {
			otherNode.failed(pupil.login().toUpperCase(), "10.0.0.9");
		}
		MvcResult refused = signIn(pupil.login(), "pupil-laterne-quitte-7");
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/anmelden?fehler");
		assertThat(refused.getResponse().getCookie("SCHULHAUS_SESSION")).isNull();
		mvc.perform(get("/api/v1/me").with(httpBasic(pupil.login(), "pupil-laterne-quitte-7"))).andExpect(status().isUnauthorized());
		assertThat(failedSignIns(pupil.login())).as("refusals while locked do not prolong the lock").isEqualTo(10);

		// once the window has passed, the right password works again and counting starts afresh
		jdbc.sql("update account set failed_sign_ins_since = :t where login = :l")
			.param("t", java.sql.Timestamp.from(java.time.Instant.now().minus(SignInThrottle.ACCOUNT_WINDOW).minusSeconds(60)))
			.param("l", pupil.login())
			.update();
		assertThat(signIn(pupil.login(), "pupil-laterne-quitte-7").getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(signIn(pupil.login(), "wrong-again").getResponse().getRedirectedUrl()).isEqualTo("/anmelden?fehler");
		assertThat(failedSignIns(pupil.login())).isEqualTo(1);
	}

	@Test
	void aSuccessfulSignInClearsTheCountOfAllNodes() throws Exception {
		var school = new TestSchools(mvc).createSchool("Zaehl-Schule");
		var pupil = new TestSchools(mvc).createUser(school, "Zoe", "Zaehler", "PUPIL", "pupil-laterne-quitte-8", null);
		new SignInThrottle(accounts, addressFailures).failed(pupil.login(), "10.0.0.7");
		new SignInThrottle(accounts, addressFailures).failed(pupil.login(), "10.0.0.8");
		assertThat(failedSignIns(pupil.login())).isEqualTo(2);
		assertThat(signIn(pupil.login(), "pupil-laterne-quitte-8").getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(failedSignIns(pupil.login())).isZero();
	}

	@Test
	void oneAddressGuessingManyPasswordsIsStoppedOnAllNodes() throws Exception {
		var school = new TestSchools(mvc).createSchool("Adress-Schule");
		var pupil = new TestSchools(mvc).createUser(school, "Ada", "Adresse", "PUPIL", "pupil-laterne-quitte-6", null);
		String guesser = "2001:db8:7:8:0:0:0:1";
		// another node counted 99 failures of this address's /64, each for a different name
		SignInThrottle otherNode = new SignInThrottle(accounts, addressFailures);
		for (int i = 0; i < SignInThrottle.ADDRESS_FAILURES - 1; i++) {
			otherNode.failed("nobody" + i + "@example.org", "2001:db8:7:8::" + Integer.toHexString(i + 2));
		}
		assertThat(signInFrom(guesser, pupil.login(), "wrong").getResponse().getRedirectedUrl())
			.as("the 100th failure is still answered as a failure").isEqualTo("/anmelden?fehler");
		MvcResult refused = signInFrom(guesser, pupil.login(), "pupil-laterne-quitte-6");
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/anmelden?gesperrt");
		assertThat(refused.getResponse().getCookie("SCHULHAUS_SESSION")).isNull();
		mvc.perform(get("/api/v1/me").with(httpBasic(pupil.login(), "pupil-laterne-quitte-6")).with(from("2001:db8:7:8:ffff::9")))
			.andExpect(status().isUnauthorized());
		assertThat(failedSignIns(pupil.login())).as("one failure of the person's own, none for the refusals").isEqualTo(1);

		// the same person from another network signs in; the guessing network is free once its window ends
		assertThat(signInFrom("2001:db8:7:9::1", pupil.login(), "pupil-laterne-quitte-6").getResponse().getRedirectedUrl()).isEqualTo("/");
		jdbc.sql("update sign_in_address_failure set since = :t where address = '2001:db8:7:8::/64'")
			.param("t", java.sql.Timestamp.from(java.time.Instant.now().minus(SignInThrottle.ADDRESS_WINDOW).minusSeconds(1)))
			.update();
		assertThat(signInFrom(guesser, pupil.login(), "pupil-laterne-quitte-6").getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(addressFailures.deleteOlderThan(java.time.Instant.now().minus(SignInThrottle.ADDRESS_WINDOW)))
			.as("the ended window is forgotten").isGreaterThanOrEqualTo(1);
		assertThat(addressFailures.failuresSince("2001:db8:7:8::/64", java.time.Instant.EPOCH)).isZero();
	}

	private MvcResult signInFrom(String address, String login, String password) throws Exception {
		return mvc.perform(post("/anmelden").with(csrf()).with(from(address)).param("login", login).param("password", password))
			.andReturn();
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private int failedSignIns(String login) {
		return jdbc.sql("select failed_sign_ins from account where login = :l").param("l", login).query(Integer.class).single();
	}

	@Test
	void deactivatedPeopleAndSuspendedSchoolsCannotSignIn() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Gesperrte Schule");
		var pupil = t.createUser(school, "Dora", "Deakt", "PUPIL", "pupil-laterne-quitte-2", null);
		var other = t.createUser(school, "Sven", "Susp", "PUPIL", "pupil-laterne-quitte-3", null);
		MvcResult signedIn = signIn(pupil.login(), "pupil-laterne-quitte-2");
		assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/");
		Cookie pupilSession = session(signedIn);
		Cookie otherSession = session(signIn(other.login(), "pupil-laterne-quitte-3"));
		mvc.perform(get("/").cookie(pupilSession)).andExpect(status().isOk());
		mvc.perform(post("/api/v1/schools/" + school.id() + "/users/" + pupil.id() + "/deactivate")
			.header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN).contentType(org.springframework.http.MediaType.APPLICATION_JSON)).andExpect(status().isOk());
		assertThat(signIn(pupil.login(), "pupil-laterne-quitte-2").getResponse().getRedirectedUrl()).isEqualTo("/anmelden?fehler");
		// the session opened before the deactivation ends with it, the classmate's does not
		mvc.perform(get("/").cookie(pupilSession)).andExpect(redirectedUrl("/anmelden"));
		mvc.perform(get("/").cookie(otherSession)).andExpect(status().isOk());

		var operator = new de.schulhaus.platform.SchulhausUser(java.util.UUID.randomUUID(), null, "operator", "Operator",
				de.schulhaus.platform.Role.OPERATOR, "de", true, true, null);
		schools.changeStatus(school.id(), SchoolStatus.SUSPENDED, operator);
		assertThat(signIn(other.login(), "pupil-laterne-quitte-3").getResponse().getRedirectedUrl()).isEqualTo("/anmelden?fehler");
		mvc.perform(get("/").cookie(otherSession)).andExpect(redirectedUrl("/anmelden"));
		mvc.perform(get("/api/v1/me").with(httpBasic(other.login(), "pupil-laterne-quitte-3"))).andExpect(status().isUnauthorized());
	}

	@Test
	void signInLeadsBackToThePageAskedForBeforeAndOnlyToPagesOfThisSite() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Rueckweg-Schule");
		var teacher = t.createUser(school, "Rita", "Rueck", "TEACHER", "teacher-laterne-quitte-9", null);

		MvcResult asked = mvc.perform(get("/suche?q=Mathe").accept(MediaType.TEXT_HTML))
			.andExpect(redirectedUrl("/anmelden")).andReturn();
		Cookie page = asked.getResponse().getCookie("REDIRECT_URI");
		assertThat(page).as("page kept in a cookie").isNotNull();
		assertThat(asked.getResponse().getCookie("SCHULHAUS_SESSION")).as("no session for an anonymous visitor").isNull();

		MvcResult signedIn = mvc.perform(post("/anmelden").with(csrf()).cookie(page).param("login", teacher.login())
			.param("password", "teacher-laterne-quitte-9")).andReturn();
		assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/suche?q=Mathe");
		assertThat(signedIn.getResponse().getCookie("REDIRECT_URI").getMaxAge()).as("used once").isZero();

		// a cookie pointing elsewhere leads to the dashboard
		Cookie foreign = new Cookie("REDIRECT_URI",
				java.util.Base64.getEncoder().encodeToString("https://evil.example//phish".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		MvcResult elsewhere = mvc.perform(post("/anmelden").with(csrf()).cookie(foreign).param("login", teacher.login())
			.param("password", "teacher-laterne-quitte-9")).andReturn();
		assertThat(elsewhere.getResponse().getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void oneTimeLinkWorksOnceAndLeadsToChoosingAPassword() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Link-Schule");
		var pupil = t.createUser(school, "Lara", "Link", "PUPIL", null, "6c");
		String url = links.issue(accounts.findById(pupil.id()).orElseThrow(), null).url();
		String path = url.substring(url.indexOf("/anmelden/link/"));
		mvc.perform(get(path)).andExpect(status().isOk()).andExpect(content().string(containsString("Lara Link")));
		MvcResult used = mvc.perform(post(path).with(csrf())).andReturn();
		assertThat(used.getResponse().getRedirectedUrl()).isEqualTo("/konto/passwort?neu");
		Cookie session = session(used);
		mvc.perform(post("/konto/passwort").with(csrf()).cookie(session).param("newPassword", "kurz").param("repeatPassword", "kurz"))
			.andExpect(content().string(containsString("mindestens 10 Zeichen")));
		mvc.perform(post("/konto/passwort").with(csrf()).cookie(session).param("newPassword", "lara-eigenes-passwort")
				.param("repeatPassword", "lara-eigenes-passwort"))
			.andExpect(redirectedUrl("/"));
		assertThat(signIn(pupil.login(), "lara-eigenes-passwort").getResponse().getRedirectedUrl()).isEqualTo("/");
		mvc.perform(post(path).with(csrf())).andExpect(content().string(containsString("Dieser Link gilt nicht mehr")));
	}

	@Test
	void languageSwitchIsRememberedPerPerson() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Sprach-Schule");
		var teacher = t.createUser(school, "Emma", "English", "TEACHER", "teacher-laterne-quitte-7", null);
		Cookie session = session(signIn(teacher.login(), "teacher-laterne-quitte-7"));
		mvc.perform(post("/konto/sprache").with(csrf()).cookie(session).param("lang", "en"));
		mvc.perform(get("/").cookie(session)).andExpect(content().string(containsString("Hello, Emma English")));
		Cookie again = session(signIn(teacher.login(), "teacher-laterne-quitte-7"));
		mvc.perform(get("/").cookie(again)).andExpect(content().string(containsString("lang=\"en\"")));
	}
}
