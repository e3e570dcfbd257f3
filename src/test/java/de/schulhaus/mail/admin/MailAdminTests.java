package de.schulhaus.mail.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.mail.internal.MailAddresses;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.platform.SchulhausUser;

/** The school admin's mail addresses: aliases, function mailboxes and the overview with the lists. */
@IntegrationTest
class MailAdminTests {

	@Autowired MockMvc mvc;
	@Autowired AccountUserDetailsService users;
	@Autowired MailAddresses addresses;
	@Autowired Mailboxes mailboxes;
	@Autowired MessageStore store;
	@Autowired JdbcClient jdbc;

	TestSchools schools;
	TestSchools.SchoolRef school;
	SchulhausUser admin;
	TestSchools.UserRef anna;
	TestSchools.UserRef ben;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Adressen-Schule");
		admin = users.load(schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-1", null).login()).orElseThrow()
			.withTwoFactor(true);
		anna = schools.createUser(school, "Anna", "Amsel", "TEACHER", "teacher-laterne-quitte-1", "5a");
		ben = schools.createUser(school, "Ben", "Birke", "STAFF", "staff-laterne-quitte-1", null);
	}

	@Test
	void theAdminGivesAPersonAFurtherAddressWhereMailArrivesAndTakesItAway() throws Exception {
		addAlias(anna.login(), "Klassenfahrt@" + school.domain().toUpperCase()).andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("toast", "mail.admin.alias.added"));
		String alias = "klassenfahrt@" + school.domain();
		assertThat(addresses.resolve(alias)).isInstanceOfSatisfying(MailAddresses.ToMailbox.class,
				to -> assertThat(to.mailbox().accountId()).isEqualTo(anna.id()));
		mvc.perform(get("/verwaltung/mail").with(user(admin))).andExpect(status().isOk())
			.andExpect(content().string(containsString(alias))).andExpect(content().string(containsString("Anna Amsel")));
		mvc.perform(post("/verwaltung/mail/personen/{id}/aliase", ben.id()).param("address", "ben.b").with(user(admin)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/verwaltung/mail/personen/" + ben.id()));
		mvc.perform(get("/verwaltung/mail/personen/{id}", ben.id()).with(user(admin))).andExpect(status().isOk())
			.andExpect(content().string(containsString("ben.b@" + school.domain())));

		// the alias of another person is not Ben's to lose
		mvc.perform(post("/verwaltung/mail/personen/{id}/aliase/entfernen", ben.id()).param("address", alias).with(user(admin)).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/verwaltung/mail/personen/{id}/aliase/entfernen", anna.id()).param("address", alias).with(user(admin)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(addresses.resolve(alias)).isInstanceOf(MailAddresses.Unknown.class);
	}

	@Test
	void anAddressThatMeansSomethingAlreadyOrIsOutsideTheSchoolIsRefusedWithAClearMessage() throws Exception {
		mailboxes.createFunction(school.id(), "sekretariat", "Sekretariat");
		await().atMost(Duration.ofSeconds(20)).until(() -> addresses.resolve("5a@" + school.domain()) instanceof MailAddresses.ToList);
		addAlias(anna.login(), "a@" + school.domain()).andExpect(status().is3xxRedirection());

		addAlias(anna.login(), "anna@example.org").andExpect(flash().attribute("problem", containsString("@" + school.domain())));
		addAlias(anna.login(), ben.login()).andExpect(flash().attribute("problem", containsString("Dienstadresse einer Person")));
		addAlias(ben.login(), "a").andExpect(flash().attribute("problem", containsString("schon jemand als weitere Adresse")));
		addAlias(anna.login(), "sekretariat").andExpect(flash().attribute("problem", containsString("Funktionspostfach")));
		addAlias(anna.login(), "5a").andExpect(flash().attribute("problem", containsString("Verteiler einer Gruppe")));
		addAlias(anna.login(), "postmaster").andExpect(flash().attribute("problem", containsString("reserviert")));
		addAlias(anna.login(), "jörg müller").andExpect(flash().attribute("problem", containsString("geht als Adresse nicht")));
		addAlias("niemand@" + school.domain(), "frei").andExpect(flash().attribute("problem", containsString("niemanden")));
		assertThat(addresses.resolve("frei@" + school.domain())).isInstanceOf(MailAddresses.Unknown.class);
	}

	@Test
	void aFunctionMailboxIsMadeSharedAndDeletedWithItsMessages() throws Exception {
		String location = mvc.perform(post("/verwaltung/mail/funktionen").param("localPart", "Sekretariat").param("displayName", "Sekretariat")
				.with(user(admin)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
		mvc.perform(post("/verwaltung/mail/funktionen").param("localPart", "sekretariat").with(user(admin)).with(csrf()))
			.andExpect(flash().attribute("problem", containsString("Funktionspostfach")));

		mvc.perform(post("/verwaltung/mail/funktionen/{id}/mitglieder", id).param("login", ben.login()).with(user(admin)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/verwaltung/mail/funktionen/{id}/mitglieder", id).param("login", anna.login().toUpperCase()).with(user(admin)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/verwaltung/mail/funktionen/{id}/mitglieder", id).param("login", "wer@example.org").with(user(admin)).with(csrf()))
			.andExpect(flash().attribute("problem", containsString("niemanden")));
		assertThat(mailboxes.usableBy(school.id(), ben.id())).extracting(Mailbox::id).contains(id);
		mvc.perform(get("/verwaltung/mail/funktionen/{id}", id).with(user(admin))).andExpect(status().isOk())
			.andExpect(content().string(containsString("sekretariat@" + school.domain())))
			.andExpect(content().string(containsString("Ben Birke")));
		mvc.perform(post("/verwaltung/mail/funktionen/{id}/mitglieder/{a}/entfernen", id, anna.id()).with(user(admin)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(mailboxes.usableBy(school.id(), anna.id())).extracting(Mailbox::id).doesNotContain(id);
		mvc.perform(post("/verwaltung/mail/funktionen/{id}/mitglieder/{a}/entfernen", id, anna.id()).with(user(admin)).with(csrf()))
			.andExpect(status().isNotFound());

		Mailbox office = mailboxes.find(school.id(), id).orElseThrow();
		store.deliver(store.stage(new ByteArrayInputStream(("From: a@example.org\r\nSubject: Krankmeldung\r\n\r\nHallo\r\n")
				.getBytes(StandardCharsets.UTF_8)), 1_000_000), List.of(office), "a@example.org");
		UUID blob = jdbc.sql("select blob_id from mail_message where mailbox_id = :m").param("m", id).query(UUID.class).single();

		mvc.perform(post("/verwaltung/mail/funktionen/{id}/loeschen", id).with(user(admin)).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(mailboxes.find(school.id(), id)).isEmpty();
		assertThat(jdbc.sql("select count(*) from mail_message where mailbox_id = :m").param("m", id).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from stored_blob where id = :b").param("b", blob).query(Long.class).single()).isZero();
		assertThat(addresses.resolve("sekretariat@" + school.domain())).isInstanceOf(MailAddresses.Unknown.class);
	}

	@Test
	void onlyTheSchoolAdminComesInAndAnotherSchoolsIdsAreNotFound() throws Exception {
		UUID office = mailboxes.createFunction(school.id(), "schulleitung", "Schulleitung").id();
		UUID annasMailbox = mailboxes.personal(school.id(), anna.id(), "Anna Amsel").id();
		SchulhausUser teacher = users.load(anna.login()).orElseThrow();
		mvc.perform(get("/verwaltung/mail").with(user(teacher))).andExpect(status().isForbidden());

		TestSchools.SchoolRef other = schools.createSchool("Andere Schule");
		SchulhausUser otherAdmin = users.load(schools.createUser(other, "Olga", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-2", null).login())
			.orElseThrow().withTwoFactor(true);
		mvc.perform(get("/verwaltung/mail/funktionen/{id}", office).with(user(otherAdmin))).andExpect(status().isNotFound());
		mvc.perform(get("/verwaltung/mail/funktionen/{id}", annasMailbox).with(user(admin))).andExpect(status().isNotFound());
		mvc.perform(post("/verwaltung/mail/funktionen/{id}/mitglieder", office).param("login", "olga.admin@" + other.domain())
			.with(user(otherAdmin)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/verwaltung/mail/funktionen/{id}/loeschen", office).with(user(otherAdmin)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(get("/verwaltung/mail/personen/{id}", anna.id()).with(user(otherAdmin))).andExpect(status().isNotFound());
		mvc.perform(post("/verwaltung/mail/personen/{id}/aliase", anna.id()).param("address", "x").with(user(otherAdmin)).with(csrf()))
			.andExpect(status().isNotFound());
		// a person of another school is nobody here
		mvc.perform(post("/verwaltung/mail/aliase").param("login", anna.login()).param("address", "x").with(user(otherAdmin)).with(csrf()))
			.andExpect(flash().attribute("problem", containsString("niemanden")));
		assertThat(mailboxes.find(school.id(), office)).isPresent();
		mvc.perform(get("/verwaltung/mail").with(user(otherAdmin))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString(office.toString()))));
	}

	@Test
	void everyPageSpeaksGermanAndEnglishWithoutMissingTexts() throws Exception {
		UUID office = mailboxes.createFunction(school.id(), "schulleitung", "Schulleitung").id();
		mailboxes.addMember(mailboxes.find(school.id(), office).orElseThrow(), ben.id());
		addAlias(anna.login(), "a.amsel");
		await().atMost(Duration.ofSeconds(20)).until(() -> addresses.resolve("5a@" + school.domain()) instanceof MailAddresses.ToList);
		UUID fiveA = ((MailAddresses.ToList) addresses.resolve("5a@" + school.domain())).groupId();
		for (SchulhausUser who : List.of(admin, admin.withLanguage("en"))) {
			for (String page : List.of("/verwaltung/mail", "/verwaltung/mail/richtlinien", "/verwaltung/mail/funktionen/" + office,
					"/verwaltung/mail/personen/" + anna.id(), "/mail/listen/" + fiveA, "/mail/einstellungen")) {
				mvc.perform(get(page).with(user(who))).andExpect(status().isOk())
					.andExpect(content().string(org.hamcrest.Matchers.not(containsString("??"))));
			}
		}
	}

	private ResultActions addAlias(String login, String address) throws Exception {
		return mvc.perform(post("/verwaltung/mail/aliase").param("login", login).param("address", address).with(user(admin)).with(csrf()));
	}
}
