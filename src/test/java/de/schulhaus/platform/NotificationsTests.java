package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/** A module notifies people; each sees their own under the bell, in their language, and nobody else's. */
@IntegrationTest
class NotificationsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Notifications notifications;

	@Autowired
	AccountUserDetailsService users;

	/** Signed in, past the gate: created without a password, they would be sent to choose one first. */
	private SchulhausUser principal(TestSchools.UserRef ref) {
		return users.load(ref.login()).orElseThrow().withPasswordChanged();
	}

	@Test
	void aPersonIsNotifiedSeesTheCountAndReadsItInTheirLanguage() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Glocken-Schule");
		var pupil = schools.createUser(school, "Nele", "Neu", "PUPIL", null, "6a");
		SchulhausUser me = principal(pupil);
		mvc.perform(get("/").with(user(me))).andExpect(content().string(containsString("keine ungelesenen")));

		UUID id = notifications.notify(school.id(), pupil.id(),
				Notification.of("sample.greeting", "sample.notification.greeting", "/beispiel", "Anna Amsel"));

		mvc.perform(get("/").with(user(me)))
			.andExpect(content().string(containsString("1 ungelesen")))
			.andExpect(content().string(containsString("aria-live=\"polite\"")))
			.andExpect(content().string(containsString("/benachrichtigungen/anzahl?bisher=1")));
		mvc.perform(get("/benachrichtigungen").with(user(me)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Neues im Beispiel von Anna Amsel")))
			.andExpect(content().string(containsString("/benachrichtigungen/" + id)))
			.andExpect(content().string(containsString("Alle als gelesen markieren")));
		mvc.perform(get("/benachrichtigungen").with(user(me.withLanguage("en"))))
			.andExpect(content().string(containsString("News in the sample from Anna Amsel")))
			.andExpect(content().string(containsString("1 unread")));
	}

	@Test
	void theCountFragmentAnswersOnlyWhenTheCountChanged() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Zähl-Schule");
		var teacher = schools.createUser(school, "Theo", "Tafel", "TEACHER", null, null);
		SchulhausUser me = principal(teacher);

		mvc.perform(get("/benachrichtigungen/anzahl").header("HX-Request", "true").with(user(me)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("keine ungelesenen")))
			.andExpect(content().string(containsString("bisher=0")))
			.andExpect(content().string(not(containsString("<html"))));
		mvc.perform(get("/benachrichtigungen/anzahl").param("bisher", "0").with(user(me)))
			.andExpect(status().isNoContent());

		notifications.notify(school.id(), teacher.id(), Notification.of("sample.greeting", "sample.notification.greeting", "/", "A"));
		notifications.notify(school.id(), teacher.id(), Notification.of("sample.greeting", "sample.notification.greeting", "/", "B"));

		mvc.perform(get("/benachrichtigungen/anzahl").param("bisher", "0").with(user(me)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("2 ungelesen")))
			.andExpect(content().string(containsString(">2</span>")))
			.andExpect(content().string(containsString("bisher=2")));
	}

	@Test
	void aGroupIsNotifiedInOneGoEachMemberOnce() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Gruppen-Schule");
		var a = schools.createUser(school, "Ada", "Eins", "PUPIL", null, "7c");
		var b = schools.createUser(school, "Ben", "Zwei", "PUPIL", null, "7c");
		var c = schools.createUser(school, "Cem", "Drei", "PUPIL", null, "7c");
		var outsider = schools.createUser(school, "Olga", "Außen", "PUPIL", null, "7d");

		int notified = notifications.notifyAll(school.id(), List.of(a.id(), b.id(), c.id(), a.id()),
				Notification.of("sample.greeting", "sample.notification.greeting", "/beispiel", "Frau Lehmann"));

		assertThat(notified).isEqualTo(3);
		for (var member : List.of(a, b, c)) {
			assertThat(notifications.unread(principal(member))).as(member.login()).isEqualTo(1);
			mvc.perform(get("/benachrichtigungen").with(user(principal(member))))
				.andExpect(content().string(containsString("Neues im Beispiel von Frau Lehmann")));
		}
		assertThat(notifications.unread(principal(outsider))).isZero();
	}

	@Test
	void openingMarksReadAndLeadsToTheLinkAndAllCanBeMarkedRead() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Lese-Schule");
		var staff = schools.createUser(school, "Sina", "Sekretariat", "STAFF", null, null);
		SchulhausUser me = principal(staff);
		UUID first = notifications.notify(school.id(), staff.id(), Notification.of("sample.greeting", "sample.notification.greeting",
				"/beispiel?tag=1", "A"));
		UUID second = notifications.notify(school.id(), staff.id(), Notification.of("sample.greeting", "sample.notification.greeting",
				"/beispiel", "B"));
		notifications.notify(school.id(), staff.id(), Notification.of("sample.greeting", "sample.notification.greeting", "/beispiel", "C"));

		mvc.perform(get("/benachrichtigungen/" + first).with(user(me)))
			.andExpect(status().isSeeOther()).andExpect(header().string("Location", "/beispiel?tag=1"));
		assertThat(notifications.unread(me)).isEqualTo(2);
		mvc.perform(post("/benachrichtigungen/" + second + "/gelesen").with(user(me)).with(csrf()))
			.andExpect(redirectedUrl("/benachrichtigungen"));
		assertThat(notifications.unread(me)).isEqualTo(1);
		assertThat(notifications.find(me, second)).get().extracting(Notifications.Entry::read).isEqualTo(true);
		mvc.perform(post("/benachrichtigungen/gelesen").with(user(me)).with(csrf()))
			.andExpect(redirectedUrl("/benachrichtigungen"));
		assertThat(notifications.unread(me)).isZero();
		mvc.perform(get("/benachrichtigungen").with(user(me)))
			.andExpect(content().string(not(containsString("Alle als gelesen markieren"))))
			.andExpect(content().string(not(containsString("class=\"badge\""))));
	}

	@Test
	void anotherPersonsNotificationIsNotFoundLikeAMissingOne() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Privat-Schule");
		var owner = schools.createUser(school, "Olli", "Owner", "PUPIL", null, "8a");
		var classmate = schools.createUser(school, "Kim", "Klasse", "PUPIL", null, "8a");
		var admin = schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-n1", null);
		UUID id = notifications.notify(school.id(), owner.id(), Notification.of("sample.greeting", "sample.notification.greeting", "/", "X"));

		for (SchulhausUser other : List.of(principal(classmate), principal(admin).withTwoFactor(true))) {
			for (String notificationId : List.of(id.toString(), UUID.randomUUID().toString(), "kein-uuid")) {
				mvc.perform(get("/benachrichtigungen/" + notificationId).with(user(other))).andExpect(status().isNotFound());
				mvc.perform(post("/benachrichtigungen/" + notificationId + "/gelesen").with(user(other)).with(csrf()))
					.andExpect(status().isNotFound());
			}
			mvc.perform(post("/benachrichtigungen/gelesen").with(user(other)).with(csrf()));
			mvc.perform(get("/benachrichtigungen").with(user(other))).andExpect(content().string(not(containsString(id.toString()))));
			assertThat(notifications.find(other, id)).isEmpty();
		}
		assertThat(notifications.unread(principal(owner))).isEqualTo(1);
	}

	@Test
	void theListIsNewestFirstInPages() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Seiten-Schule");
		var pupil = schools.createUser(school, "Paul", "Paging", "PUPIL", null, "9b");
		SchulhausUser me = principal(pupil);
		Instant start = Instant.parse("2026-11-30T07:00:00Z");
		for (int i = 0; i <= 50; i++) {
			notifications.notify(school.id(), pupil.id(), new Notification("sample.greeting", "sample.notification.greeting",
					List.of("Nr. " + i + "."), "/beispiel", start.plus(Duration.ofMinutes(i))));
		}

		String first = mvc.perform(get("/benachrichtigungen").with(user(me))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(first).contains("Nr. 50.", "Nr. 1.", "seite=1").doesNotContain("Nr. 0.");
		assertThat(first.indexOf("Nr. 50.")).isLessThan(first.indexOf("Nr. 49."));
		assertThat(first).contains("30.11.2026, 08:50 Uhr");
		mvc.perform(get("/benachrichtigungen").param("seite", "1").with(user(me)))
			.andExpect(content().string(containsString("Nr. 0.")))
			.andExpect(content().string(not(containsString("Nr. 1."))));
	}

	@Test
	void theEmptyListSaysWhatWillAppear() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Leere-Schule");
		var teacher = schools.createUser(school, "Lea", "Leer", "TEACHER", null, null);
		mvc.perform(get("/benachrichtigungen").with(user(principal(teacher))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Noch keine Benachrichtigungen. Hier erscheint, was Sie betrifft")));
	}
}
