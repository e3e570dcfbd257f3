package de.schulhaus.accounts.security;

import static de.schulhaus.accounts.security.SignInSupport.enableTotp;
import static de.schulhaus.accounts.security.SignInSupport.session;
import static de.schulhaus.accounts.security.SignInSupport.totp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.accounts.SignInLinks;
import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.platform.SecretBox;

/** Attacks on the second step of sign-in: each test is one way around it that must stay closed. */
@IntegrationTest
class SecondFactorAttackTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountRepository accounts;

	@Autowired
	SecretBox box;

	@Autowired
	SignInLinks links;

	@Autowired
	JdbcClient jdbc;

	private TestSchools.UserRef teacherWithTotp(String name) throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool(name + "-Schule");
		return t.createUser(school, "Tom", name, "TEACHER", "Kompass-Laterne-Quitte-2026", null);
	}

	@Test
	void thirtyWrongCodesSpreadOverPasswordReEntriesThenTheRightCodeIsRefused() throws Exception {
		var teacher = teacherWithTotp("Rater");
		String secret = enableTotp(accounts, box, teacher.id());
		var support = new SignInSupport(mvc);
		int sent = 0;
		while (sent < 30) {
			MvcResult password = support.signIn(teacher.login(), teacher.password());
			assertThat(password.getResponse().getRedirectedUrl()).isIn("/anmelden/zwei-faktor", "/anmelden?fehler");
			if (!"/anmelden/zwei-faktor".equals(password.getResponse().getRedirectedUrl())) {
				break;
			}
			Cookie pending = session(password);
			for (int i = 0; i < 3 && sent < 30; i++, sent++) {
				support.code(pending, String.format("%06d", (sent * 7919) % 1_000_000));
			}
		}
		MvcResult again = support.signIn(teacher.login(), teacher.password());
		MvcResult right = support.code(session(again), totp(secret, 0));
		assertThat(right.getResponse().getRedirectedUrl()).isEqualTo("/anmelden?gesperrt");
		mvc.perform(get("/").cookie(session(again))).andExpect(redirectedUrl("/anmelden"));
		assertThat(jdbc.sql("select failed_codes from account where id = :id").param("id", teacher.id()).query(Integer.class).single())
			.isGreaterThanOrEqualTo(TwoFactor.CODE_FAILURES);
	}

	@Test
	void aRightPasswordDoesNotClearTheFailuresBeforeTheCodeIsRight() throws Exception {
		var teacher = teacherWithTotp("Zaehler");
		String secret = enableTotp(accounts, box, teacher.id());
		var support = new SignInSupport(mvc);
		for (int i = 0; i < 3; i++) {
			support.signIn(teacher.login(), "falsch-" + i);
		}
		MvcResult password = support.signIn(teacher.login(), teacher.password());
		assertThat(password.getResponse().getRedirectedUrl()).isEqualTo("/anmelden/zwei-faktor");
		assertThat(failedSignIns(teacher)).as("the password alone is not a finished sign-in").isEqualTo(3);
		assertThat(support.code(session(password), totp(secret, 0)).getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(failedSignIns(teacher)).isZero();
	}

	@Test
	void theSameCodeWorksOnlyOnce() throws Exception {
		var teacher = teacherWithTotp("Wiederholer");
		String secret = enableTotp(accounts, box, teacher.id());
		var support = new SignInSupport(mvc);
		String code = totp(secret, 0);
		assertThat(support.code(session(support.signIn(teacher.login(), teacher.password())), code).getResponse().getRedirectedUrl())
			.isEqualTo("/");
		MvcResult replay = support.code(session(support.signIn(teacher.login(), teacher.password())), code);
		assertThat(replay.getResponse().getStatus()).isEqualTo(200);
		assertThat(replay.getResponse().getContentAsString()).contains("Der Code stimmt nicht");
		// the code of the step before is older than the one used: refused as well
		assertThat(support.code(session(support.signIn(teacher.login(), teacher.password())), totp(secret, -1)).getResponse()
			.getRedirectedUrl()).isNull();
	}

	@Test
	void aSignInLinkForAnAccountWithASecondFactorAsksForTheCode() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Link-2FA-Schule");
		var pupil = t.createUser(school, "Paula", "Zweifaktor", "PUPIL", null, "7a");
		String secret = enableTotp(accounts, box, pupil.id());
		String url = links.issue(accounts.findById(pupil.id()).orElseThrow(), null).url();
		MvcResult used = mvc.perform(post(url.substring(url.indexOf("/anmelden/link/"))).with(csrf())).andReturn();
		assertThat(used.getResponse().getRedirectedUrl()).isEqualTo("/anmelden/zwei-faktor");
		Cookie pending = session(used);
		mvc.perform(get("/").cookie(pending)).andExpect(redirectedUrl("/anmelden"));
		MvcResult done = new SignInSupport(mvc).code(pending, totp(secret, 0));
		assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/konto/passwort?neu");
		// until a new password is chosen, every page leads back to the password form
		mvc.perform(get("/").cookie(session(done))).andExpect(redirectedUrl("/konto/passwort?neu"));
	}

	@Test
	void noSignInLinksForAdmins() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Admin-Link-Schule");
		var admin = t.createUser(school, "Anke", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2026", null);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> links.issue(accounts.findById(admin.id()).orElseThrow(), null))
			.hasMessageContaining("accounts.error.linkForAdmin");
	}

	@Test
	void theSecondStepChecksTheAccountIsStillActive() throws Exception {
		var teacher = teacherWithTotp("Deaktiviert");
		String secret = enableTotp(accounts, box, teacher.id());
		var support = new SignInSupport(mvc);
		Cookie pending = session(support.signIn(teacher.login(), teacher.password()));
		accounts.updateStatus(accounts.findById(teacher.id()).orElseThrow().schoolId(), teacher.id(), AccountStatus.DEACTIVATED);
		MvcResult refused = support.code(pending, totp(secret, 0));
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/anmelden?fehler");
		mvc.perform(get("/").cookie(pending)).andExpect(redirectedUrl("/anmelden"));
	}

	@Test
	void secretAndRecoveryCodesAreStoredSealedAndHashedAndACodeWorksOnce() throws Exception {
		var teacher = teacherWithTotp("Einrichter");
		var support = new SignInSupport(mvc);
		Cookie session = session(support.signIn(teacher.login(), teacher.password()));
		String page = mvc.perform(get("/konto/zwei-faktor").cookie(session)).andReturn().getResponse().getContentAsString();
		Matcher m = Pattern.compile("id=\"totp-secret\"[^>]*>([A-Z2-7]+)<").matcher(page);
		assertThat(m.find()).as("secret shown for the app").isTrue();
		String secret = m.group(1);
		String codesPage = mvc.perform(post("/konto/zwei-faktor").with(csrf()).cookie(session).param("code", totp(secret, 0)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		Matcher codes = Pattern.compile("\\b([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})\\b").matcher(codesPage);
		List<String> recovery = codes.results().map(r -> r.group(1)).distinct().toList();
		assertThat(recovery).as("ten codes of 16 characters from 32 letters: 80 bits each").hasSize(10);

		String stored = jdbc.sql("select totp_secret from account where id = :id").param("id", teacher.id()).query(String.class).single();
		assertThat(stored).startsWith("v1:").doesNotContain(secret);
		assertThat(jdbc.sql("select code_hash from recovery_code where account_id = :id").param("id", teacher.id()).query(String.class)
			.list()).hasSize(10).allSatisfy(h -> assertThat(h).startsWith("{argon2id}$argon2id$"));

		MvcResult withRecovery = support.code(session(support.signIn(teacher.login(), teacher.password())), recovery.get(3).toUpperCase());
		assertThat(withRecovery.getResponse().getRedirectedUrl()).isEqualTo("/");
		Cookie pending = session(support.signIn(teacher.login(), teacher.password()));
		MvcResult again = support.code(pending, recovery.get(3));
		assertThat(again.getResponse().getRedirectedUrl()).as("a recovery code works once").isNull();
		assertThat(again.getResponse().getContentAsString()).contains("Der Code stimmt nicht");
	}

	private int failedSignIns(TestSchools.UserRef user) {
		return jdbc.sql("select failed_sign_ins from account where id = :id").param("id", user.id()).query(Integer.class).single();
	}
}
