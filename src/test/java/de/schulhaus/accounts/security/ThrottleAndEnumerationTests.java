package de.schulhaus.accounts.security;

import static de.schulhaus.accounts.security.SignInSupport.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.internal.AddressFailureRepository;

/** The sign-in limits hold whatever the request looks like, and refusals do not tell who exists. */
@IntegrationTest
class ThrottleAndEnumerationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountRepository accounts;

	@Autowired
	AddressFailureRepository addressFailures;

	@Autowired
	JdbcClient jdbc;

	/** {@code /%61nmelden} is {@code /anmelden} to the sign-in filter, but was not to a filter comparing the raw path. */
	private MvcResult signInAt(String rawPath, String address, String login, String password) throws Exception {
		return mvc.perform(post(URI.create("http://localhost" + rawPath)).with(csrf()).with(from(address)).param("login", login)
			.param("password", password)).andReturn();
	}

	@Test
	void anEncodedSignInPathIsCountedAndThrottledLikeThePlainOne() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Kodier-Schule");
		var pupil = t.createUser(school, "Kai", "Kodiert", "PUPIL", "Kompass-Laterne-Quitte-2026", null);
		MvcResult wrong = signInAt("/%61nmelden", "10.9.9.9", pupil.login(), "falsch");
		assertThat(wrong.getResponse().getRedirectedUrl()).as("the encoded path reaches the password check").isEqualTo("/anmelden?fehler");
		assertThat(jdbc.sql("select failed_sign_ins from account where id = :id").param("id", pupil.id()).query(Integer.class).single())
			.isEqualTo(1);

		SignInThrottle otherNode = new SignInThrottle(accounts, addressFailures);
		for (int i = 0; i < SignInThrottle.ADDRESS_FAILURES; i++) {
			otherNode.failed("nobody" + i + "@example.org", "10.9.9.9");
		}
		for (String path : new String[] { "/anmelden", "/%61nmelden", "/anm%65lden" }) {
			MvcResult refused = signInAt(path, "10.9.9.9", pupil.login(), pupil.password());
			assertThat(refused.getResponse().getRedirectedUrl()).as(path).isEqualTo("/anmelden?gesperrt");
			assertThat(refused.getResponse().getCookie("SCHULHAUS_SESSION")).as(path).isNull();
		}
	}

	@Test
	void aLockedAccountAndAnUnknownAddressGetTheSameAnswer() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Gleich-Schule");
		var pupil = t.createUser(school, "Gina", "Gleich", "PUPIL", "Kompass-Laterne-Quitte-2026", null);
		var support = new SignInSupport(mvc);
		for (int i = 0; i < SignInThrottle.ACCOUNT_FAILURES; i++) {
			support.signIn(pupil.login(), "falsch-" + i, from("10.8.0." + i));
		}
		String locked = support.signIn(pupil.login(), pupil.password(), from("10.8.1.1")).getResponse().getRedirectedUrl();
		String unknown = support.signIn("gibt-es-nicht@" + school.domain(), "egal", from("10.8.1.1")).getResponse().getRedirectedUrl();
		assertThat(locked).isEqualTo(unknown).isEqualTo("/anmelden?fehler");
		mvc.perform(get("/").cookie(new jakarta.servlet.http.Cookie("SCHULHAUS_SESSION", "x"))).andExpect(redirectedUrl("/anmelden"));
	}
}
