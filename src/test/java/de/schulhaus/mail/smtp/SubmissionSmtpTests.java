package de.schulhaus.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.MailPolicies;
import de.schulhaus.mail.internal.MailPolicy;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

@IntegrationTest
class SubmissionSmtpTests {

	static final String PASSWORD = "lang-genug-passwort-1";

	@Autowired MockMvc mvc;
	@Autowired SmtpListeners listeners;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageStore store;
	@Autowired MailPolicies policies;
	@Autowired JdbcClient jdbc;

	TestSchools schools;
	TestSchools.SchoolRef school;
	TestSchools.UserRef anna;
	TestSchools.UserRef ben;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Versand-Schule");
		anna = schools.createUser(school, "Anna", "Amsel", "TEACHER", PASSWORD, null);
		ben = schools.createUser(school, "Ben", "Birke", "PUPIL", "lang-genug-passwort-2", null);
	}

	@Test
	void nothingIsTakenWithoutSignInAndSignInOnlyInsideTls() throws Exception {
		try (SmtpDialog smtp = new SmtpDialog(listeners.submissionPort())) {
			assertThat(smtp.send("EHLO client.example.org")).contains("STARTTLS").doesNotContain("AUTH");
			assertThat(smtp.authPlain(anna.login(), PASSWORD)).startsWith("530");
			assertThat(smtp.send("MAIL FROM:<" + anna.login() + ">")).startsWith("530 5.7.0");
			assertThat(smtp.send("RCPT TO:<opfer@example.com>")).startsWith("530 5.7.0");
			assertThat(smtp.send("DATA")).startsWith("530 5.7.0");
			assertThat(smtp.startTls()).contains("250-AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
			assertThat(smtp.send("MAIL FROM:<" + anna.login() + ">")).startsWith("530 5.7.0");
			assertThat(smtp.authPlain(anna.login(), "falsch-falsch-falsch")).startsWith("535 5.7.8");
		}
	}

	@Test
	void anAppPasswordMadeThroughTheApiSendsToAColleague() throws Exception {
		String created = mvc.perform(post("/api/v1/me/app-passwords").with(httpBasic(anna.login(), PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"label\":\"Thunderbird\",\"scopes\":[\"mail\"],\"password\":\"" + PASSWORD + "\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String appPassword = JsonPath.read(created, "$.password");
		try (SmtpDialog smtp = new SmtpDialog(listeners.submissionPort())) {
			smtp.send("EHLO client.example.org");
			smtp.startTls();
			assertThat(smtp.authPlain(anna.login(), appPassword)).startsWith("235");
			assertThat(smtp.send("MAIL FROM:<" + anna.login() + ">")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<" + ben.login() + ">")).startsWith("250");
			assertThat(smtp.data(SmtpDialog.message(anna.login(), ben.login(), "Hausaufgaben"))).startsWith("250 2.0.0");
		}
		assertThat(folder(ben, SpecialUse.INBOX)).extracting(StoredMessage::subject).containsExactly("Hausaufgaben");
		// the mail app files its own sent copy by IMAP
		assertThat(folder(anna, SpecialUse.SENT)).isEmpty();
	}

	@Test
	void thePasswordWorksWithLoginAndMailForOutsideIsQueued() throws Exception {
		try (SmtpDialog smtp = signedIn(anna.login(), PASSWORD)) {
			assertThat(smtp.send("MAIL FROM:<" + anna.login() + ">")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<eltern@example.com>")).startsWith("250");
			assertThat(smtp.data(SmtpDialog.message(anna.login(), "eltern@example.com", "Ausflug"))).startsWith("250 2.0.0");
		}
		assertThat(jdbc.sql("select count(*) from mail_outbound_recipient where school_id = :school and address = 'eltern@example.com'")
			.param("school", school.id()).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void onlyOwnAddressesAliasesAndSharedFunctionMailboxesMaySend() throws Exception {
		Mailbox annas = mailboxes.personal(school.id(), anna.id(), "Anna Amsel");
		jdbc.sql("insert into mail_alias (address, school_id, mailbox_id, created_at) values (:a, :s, :m, :t)")
			.param("a", "a.amsel@" + school.domain()).param("s", school.id()).param("m", annas.id()).param("t", Timestamp.from(Instant.now()))
			.update();
		Mailbox office = mailboxes.createFunction(school.id(), "sekretariat", "Sekretariat");
		mailboxes.addMember(office, anna.id());
		mailboxes.createFunction(school.id(), "schulleitung", "Schulleitung");
		String other = schools.createUser(schools.createSchool("Andere Schule"), "Cem", "Cedar", "TEACHER", null, null).login();
		try (SmtpDialog smtp = signedIn(anna.login(), PASSWORD)) {
			for (String own : List.of(anna.login(), "A.Amsel@" + school.domain(), "sekretariat@" + school.domain())) {
				assertThat(smtp.send("MAIL FROM:<" + own + ">")).as(own).startsWith("250");
				assertThat(smtp.send("RSET")).startsWith("250");
			}
			for (String foreign : List.of(ben.login(), "schulleitung@" + school.domain(), other, "chef@example.com", "")) {
				assertThat(smtp.send("MAIL FROM:<" + foreign + ">")).as(foreign).startsWith("553 5.7.1");
			}
		}
	}

	@Test
	void pupilsMailOnlyInsideTheSchoolAndEveryRoleWithinItsSize() throws Exception {
		try (SmtpDialog smtp = signedIn(ben.login(), "lang-genug-passwort-2")) {
			assertThat(smtp.send("MAIL FROM:<" + ben.login() + ">")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<freund@example.com>")).startsWith("550 5.7.1");
			assertThat(smtp.send("RCPT TO:<" + anna.login() + ">")).startsWith("250");
		}
		SchulhausUser admin = new SchulhausUser(anna.id(), school.id(), anna.login(), "Anna Amsel", Role.SCHOOL_ADMIN, "de", false, true, null);
		policies.set(school.id(), new MailPolicy(Role.TEACHER, true, 1, false), admin);
		try (SmtpDialog smtp = signedIn(anna.login(), PASSWORD)) {
			assertThat(smtp.send("MAIL FROM:<" + anna.login() + "> SIZE=2000000")).startsWith("552 5.3.4");
			assertThat(smtp.send("MAIL FROM:<" + anna.login() + ">")).startsWith("250");
			assertThat(smtp.send("RCPT TO:<" + ben.login() + ">")).startsWith("250");
			String big = SmtpDialog.message(anna.login(), ben.login(), "Zu gross") + ("y".repeat(900) + "\r\n").repeat(1300);
			assertThat(smtp.data(big)).startsWith("552 5.3.4");
		}
		assertThat(folder(ben, SpecialUse.INBOX)).isEmpty();
	}

	private SmtpDialog signedIn(String login, String secret) throws Exception {
		SmtpDialog smtp = new SmtpDialog(listeners.submissionPort());
		smtp.send("EHLO client.example.org");
		smtp.startTls();
		String auth = smtp.authLogin(login, secret);
		assertThat(auth).startsWith("235");
		return smtp;
	}

	private List<StoredMessage> folder(TestSchools.UserRef person, SpecialUse use) {
		Mailbox box = mailboxes.personal(school.id(), person.id(), "x");
		return store.byUids(folders.special(box, use).orElseThrow(), List.of(1L, 2L, 3L));
	}
}
