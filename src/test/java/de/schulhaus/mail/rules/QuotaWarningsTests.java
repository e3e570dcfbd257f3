package de.schulhaus.mail.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.SchulhausUser;

/** A delivery that fills a mailbox over 90 % tells its person once, and again after it was below. */
@IntegrationTest
class QuotaWarningsTests {

	@Autowired MockMvc mvc;
	@Autowired AccountUserDetailsService users;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageStore store;
	@Autowired StorageQuotas quotas;
	@Autowired Notifications notifications;
	@Autowired EventPublicationRegistry publications;
	@Autowired JdbcClient jdbc;

	@Test
	void overNinetyPercentWarnsOnceUntilItDropsBelowAgain() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		TestSchools.SchoolRef school = schools.createSchool("Voll-Schule");
		SchulhausUser admin = users.load(schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-1", null).login()).orElseThrow();
		SchulhausUser paul = users.load(schools.createUser(school, "Paul", "Postfach", "PUPIL", "pupil-laterne-quitte-1", null).login()).orElseThrow();
		quotas.setPersonal(school.id(), paul.accountId(), null, 1L, admin);
		Mailbox box = mailboxes.personal(school.id(), paul.accountId(), paul.displayName());

		deliver(box, 400 * 1024);
		settle(school);
		assertThat(notifications.unread(paul)).isZero();
		deliver(box, 560 * 1024);
		settle(school);
		assertThat(notifications.unread(paul)).isEqualTo(1);
		assertThat(notifications.newestFirst(paul, 0, 1).get(0).titleKey()).isEqualTo("mail.quota.notification");
		deliver(box, 10 * 1024);
		settle(school);
		assertThat(notifications.unread(paul)).as("once while it stays full").isEqualTo(1);

		// Paul deletes the large ones; the next delivery finds the box below 90 %, a later fill warns again
		store.delete(folders.special(box, SpecialUse.INBOX).orElseThrow(), List.of(1L, 2L));
		deliver(box, 10 * 1024);
		settle(school);
		deliver(box, 950 * 1024);
		settle(school);
		assertThat(notifications.unread(paul)).isEqualTo(2);
	}

	private void deliver(Mailbox box, int bytes) {
		String raw = "From: a@example.org\r\nSubject: Anhang\r\n\r\n" + "x".repeat(bytes) + "\r\n";
		store.deliver(store.stage(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), 2_000_000), List.of(box), "a@example.org");
	}

	private void settle(TestSchools.SchoolRef school) {
		await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofMillis(100)).until(() -> publications.findIncompletePublications().stream()
			.noneMatch(p -> p.getEvent() instanceof FollowUpDue d && d.schoolId().equals(school.id())));
	}
}
