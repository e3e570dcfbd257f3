package de.schulhaus.mail.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.blobs.BlobStore;
import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.MailPolicies;
import de.schulhaus.mail.internal.MailPolicy;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.mail.internal.Submission;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/** Absence notes answer once per sender and never lists; forwarding goes where the school allows. */
@IntegrationTest
class MailRulesTests {

	@Autowired MockMvc mvc;
	@Autowired AccountUserDetailsService users;
	@Autowired Submission submission;
	@Autowired MessageStore store;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MailPolicies policies;
	@Autowired BlobStore blobs;
	@Autowired JdbcClient jdbc;
	@Autowired EventPublicationRegistry publications;

	TestSchools schools;
	TestSchools.SchoolRef school;
	SchulhausUser anna;
	SchulhausUser ben;
	SchulhausUser pia;
	SchulhausUser admin;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Regel-Schule");
		anna = load(schools.createUser(school, "Anna", "Amsel", "TEACHER", "teacher-laterne-quitte-1", null));
		ben = load(schools.createUser(school, "Ben", "Birke", "TEACHER", "teacher-laterne-quitte-2", null));
		pia = load(schools.createUser(school, "Pia", "Pause", "PUPIL", "pupil-laterne-quitte-1", null));
		admin = load(schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-1", null)).withTwoFactor(true);
	}

	@Test
	void theAbsenceNoteAnswersEachSenderOnceAndNeverListsOrMachines() throws Exception {
		mvc.perform(post("/mail/einstellungen/abwesenheit").param("enabled", "true").param("subject", "Nicht im Haus")
			.param("body", "Ich bin auf Klassenfahrt bis Freitag.").param("startsOn", LocalDate.now().minusDays(1).toString())
			.param("endsOn", LocalDate.now().plusDays(5).toString()).with(user(anna)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("toast", "mail.rules.absence.savedOn"));

		receive("joerg@example.org", "Frage", "");
		receive("joerg@example.org", "Noch eine Frage", "");
		receive("eltern@example.org", "Rundbrief", "List-Id: <eltern.example.org>\r\n");
		receive("MAILER-DAEMON@example.org", "Unzustellbar", "");
		receive("news@example.org", "Neu", "Precedence: bulk\r\n");
		settle();
		assertThat(outboundTo("joerg@example.org")).isEqualTo(1);
		assertThat(outboundTo("eltern@example.org") + outboundTo("mailer-daemon@example.org") + outboundTo("news@example.org")).isZero();
		String raw = outboundRaw("joerg@example.org");
		assertThat(raw).contains("Auto-Submitted: auto-replied").contains("Subject: Nicht im Haus").contains("Ich bin auf Klassenfahrt")
			// it answers whichever of Jörg's two messages came through the rules first (they run side by side)
			.containsPattern("In-Reply-To: <(noch-eine-)?frage-");

		// inside the school the note lands in the sender's inbox; a note switched off answers nobody
		submission.submit(sender(ben), List.of(anna.login()), stage(message(ben.login(), anna.login(), "Vertretung", "<v@x>", "")), false);
		settle();
		assertThat(inboxSubjects(ben)).containsExactly("Nicht im Haus");
		mvc.perform(post("/mail/einstellungen/abwesenheit").param("subject", "Nicht im Haus").param("body", "Bin weg.").with(user(anna)).with(csrf()))
			.andExpect(flash().attribute("toast", "mail.rules.absence.savedOff"));
		receive("neu@example.org", "Hallo", "");
		settle();
		assertThat(outboundTo("neu@example.org")).isZero();
	}

	@Test
	void theAbsenceNoteLeavesWithTheEmptyEnvelopeSenderAndWithinThePersonsRole() throws Exception {
		for (SchulhausUser person : List.of(anna, pia)) {
			mvc.perform(post("/mail/einstellungen/abwesenheit").param("enabled", "true").param("subject", "Nicht im Haus")
				.param("body", "Bin weg.").param("startsOn", LocalDate.now().minusDays(1).toString())
				.param("endsOn", LocalDate.now().plusDays(5).toString()).with(user(person)).with(csrf()))
				.andExpect(flash().attribute("toast", "mail.rules.absence.savedOn"));
		}
		receive("joerg@example.org", "Frage", "");
		String id = "<klassenfahrt-" + UUID.randomUUID() + "@example.org>";
		submission.receive("tante@example.org", List.of(pia.login()), stage(message("tante@example.org", pia.login(), "Klassenfahrt", id, "")));
		settle();
		// RFC 3834 3.3: MAIL FROM:<>, so neither a responder nor a bounce answers the note
		assertThat(jdbc.sql("select m.envelope_from from mail_outbound_message m join mail_outbound_recipient r on r.message_id = m.id "
				+ "where r.school_id = :s and r.address = 'joerg@example.org'").param("s", school.id()).query(String.class).single()).isEmpty();
		assertThat(outboundRaw("joerg@example.org")).contains("Auto-Submitted: auto-replied", "From: Anna Amsel <" + anna.login() + ">");
		// a pupil whose school keeps mail inside does not answer outside either
		assertThat(outboundTo("tante@example.org")).isZero();
	}

	@Test
	void forwardingGoesInsideTheSchoolAlwaysAndOutsideOnlyIfTheSchoolAllows() throws Exception {
		mvc.perform(post("/mail/einstellungen/weiterleitung").param("address", "anna@example.org").with(user(anna)).with(csrf()))
			.andExpect(flash().attribute("problem", containsString("erlaubt keine Weiterleitung")));
		mvc.perform(post("/mail/einstellungen/weiterleitung").param("address", anna.login()).with(user(anna)).with(csrf()))
			.andExpect(flash().attribute("problem", containsString("an sich selbst")));
		mvc.perform(post("/mail/einstellungen/weiterleitung").param("address", "niemand@" + school.domain()).with(user(anna)).with(csrf()))
			.andExpect(flash().attribute("problem", containsString("gibt es an der Schule nicht")));
		mvc.perform(post("/mail/einstellungen/weiterleitung").param("address", ben.login()).with(user(anna)).with(csrf()))
			.andExpect(flash().attribute("toast", "mail.rules.forwarding.savedOn"));

		receive("joerg@example.org", "Elternabend", "");
		settle();
		// forwarded without a copy: Ben has it, Anna's inbox is empty
		assertThat(inboxSubjects(ben)).containsExactly("Elternabend");
		assertThat(inboxSubjects(anna)).isEmpty();

		// the school lets teachers forward outside: now it goes out, and a copy stays
		policies.set(school.id(), new MailPolicy(Role.TEACHER, true, 25, true), admin);
		mvc.perform(post("/mail/einstellungen/weiterleitung").param("address", "Anna@Example.org").param("keepCopy", "true").with(user(anna)).with(csrf()))
			.andExpect(flash().attribute("toast", "mail.rules.forwarding.savedOn"));
		receive("joerg@example.org", "Wandertag", "");
		settle();
		assertThat(outboundTo("anna@example.org")).isEqualTo(1);
		assertThat(outboundRaw("anna@example.org")).startsWith(Forwarder.HEADER + ": " + anna.login().toLowerCase()).contains("Subject: Wandertag");
		assertThat(inboxSubjects(anna)).containsExactly("Wandertag");

		// pupils may not mail outside: their forwarding stays inside
		mvc.perform(post("/mail/einstellungen/weiterleitung").param("address", "pia@example.org").with(user(pia)).with(csrf()))
			.andExpect(flash().attribute("problem", containsString("erlaubt keine Weiterleitung")));
	}

	@Test
	void twoPeopleForwardingToEachOtherStopAfterOneRound() throws Exception {
		mvc.perform(post("/mail/einstellungen/weiterleitung").param("address", ben.login()).param("keepCopy", "true").with(user(anna)).with(csrf()));
		mvc.perform(post("/mail/einstellungen/weiterleitung").param("address", anna.login()).param("keepCopy", "true").with(user(ben)).with(csrf()));
		receive("joerg@example.org", "Kreis", "");
		settle();
		settle();
		assertThat(inboxSubjects(anna)).containsExactly("Kreis", "Kreis");
		assertThat(inboxSubjects(ben)).containsExactly("Kreis");
	}

	@Test
	void theSettingsPageShowsWhatIsSetAndTheListsThePersonLeads() throws Exception {
		mvc.perform(post("/mail/einstellungen/abwesenheit").param("enabled", "true").param("body", "").with(user(anna)).with(csrf()))
			.andExpect(flash().attribute("problem", containsString("Schreiben Sie einen Text")));
		mvc.perform(post("/mail/einstellungen/abwesenheit").param("enabled", "true").param("body", "x").param("startsOn", "2026-12-10")
			.param("endsOn", "2026-12-01").with(user(anna)).with(csrf()))
			.andExpect(flash().attribute("problem", containsString("nicht vor dem Beginn")));
		mvc.perform(post("/mail/einstellungen/abwesenheit").param("enabled", "true").param("body", "Bin in Elternzeit.").param("startsOn", "2026-12-01")
			.with(user(anna)).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(get("/mail/einstellungen").with(user(anna))).andExpect(status().isOk())
			.andExpect(content().string(containsString("Bin in Elternzeit.")))
			.andExpect(content().string(containsString("2026-12-01")))
			.andExpect(content().string(containsString("Nach außerhalb der Schule erlaubt Ihre Schule keine Weiterleitung")))
			.andExpect(content().string(containsString("von 1 GB belegt")));
	}

	private void receive(String from, String subject, String extraHeaders) {
		String id = "<" + subject.toLowerCase().replace(' ', '-') + "-" + UUID.randomUUID() + "@example.org>";
		submission.receive(from, List.of(anna.login()), stage(message(from, anna.login(), subject, id, extraHeaders)));
	}

	private static String message(String from, String to, String subject, String id, String extraHeaders) {
		return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: " + id + "\r\n" + extraHeaders
				+ "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHallo.\r\n";
	}

	private de.schulhaus.mail.internal.StagedMessage stage(String raw) {
		return store.stage(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), 1_000_000);
	}

	private Submission.Sender sender(SchulhausUser person) {
		Mailbox own = mailboxes.personal(school.id(), person.accountId(), person.displayName());
		return new Submission.Sender(school.id(), person.accountId(), person.role(), own, person.login());
	}

	private List<String> inboxSubjects(SchulhausUser person) {
		Mailbox own = mailboxes.personal(school.id(), person.accountId(), person.displayName());
		MailFolder inbox = folders.special(own, SpecialUse.INBOX).orElseThrow();
		List<Long> uids = jdbc.sql("select uid from mail_message where folder_id = :f order by uid").param("f", inbox.id()).query(Long.class).list();
		return store.byUids(inbox, uids).stream().map(StoredMessage::subject).toList();
	}

	private long outboundTo(String address) {
		return jdbc.sql("select count(*) from mail_outbound_recipient where school_id = :s and address = :a").param("s", school.id())
			.param("a", address).query(Long.class).single();
	}

	private String outboundRaw(String address) throws Exception {
		UUID blob = jdbc.sql("select m.blob_id from mail_outbound_message m join mail_outbound_recipient r on r.message_id = m.id "
				+ "where r.school_id = :s and r.address = :a").param("s", school.id()).param("a", address).query(UUID.class).single();
		try (InputStream in = blobs.open(blob).orElseThrow()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** Waits until every delivery of this school has been through the rules (and what they sent, through theirs). */
	private void settle() {
		await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofMillis(100)).until(() -> publications.findIncompletePublications().stream()
			.noneMatch(p -> p.getEvent() instanceof FollowUpDue d && d.schoolId().equals(school.id())));
	}

	private SchulhausUser load(TestSchools.UserRef ref) {
		return users.load(ref.login()).orElseThrow();
	}
}
