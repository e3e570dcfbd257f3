package de.schulhaus.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.platform.Role;

@IntegrationTest
class SubmissionTests {

	@Autowired MockMvc mvc;
	@Autowired Submission submission;
	@Autowired MessageStore store;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired GroupManagement groups;
	@Autowired JdbcClient jdbc;
	@Autowired MailPolicies policies;
	@Autowired de.schulhaus.mail.MailProperties properties;
	@Autowired de.schulhaus.accounts.StorageQuotas quotas;

	TestSchools schools;
	TestSchools.SchoolRef school;
	TestSchools.UserRef teacher;
	TestSchools.UserRef pupil;
	TestSchools.UserRef classmate;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Sende-Schule");
		teacher = schools.createUser(school, "Tina", "Tafel", "TEACHER", null, "7b");
		pupil = schools.createUser(school, "Paul", "Pult", "PUPIL", null, "7b");
		classmate = schools.createUser(school, "Carla", "Kreide", "PUPIL", null, "7b");
	}

	@Test
	void aTeachersMessageReachesColleaguesQueuesOutsideAndKeepsASentCopyInOneGo() {
		Submission.Sender tina = sender(teacher, Role.TEACHER);
		Submission.Result result = submission.submit(tina, List.of(pupil.login(), "eltern@example.org", "niemand@" + school.domain()),
				stage("Hausaufgaben"), true);
		assertThat(result.verdicts()).extracting(Submission.Verdict::accepted).containsExactly(true, true, false);
		assertThat(result.verdicts().get(2).smtpReply()).startsWith("550 5.1.1");
		assertThat(result.delivered()).isEqualTo(1);
		assertThat(result.queued()).isEqualTo(1);
		assertThat(inbox(pupil)).extracting(StoredMessage::subject).containsExactly("Hausaufgaben");
		MailFolder sent = folders.special(tina.from(), SpecialUse.SENT).orElseThrow();
		assertThat(store.byUids(sent, List.of(1L)).get(0).flags().seen()).isTrue();
		assertThat(jdbc.sql("select address from mail_outbound_recipient r join mail_outbound_message m on m.id = r.message_id "
				+ "where m.school_id = :school").param("school", school.id()).query(String.class).list()).containsExactly("eltern@example.org");
	}

	@Test
	void aWriterWhoNamesThemselvesGetsTheirCopyAlsoWithOthers() {
		Submission.Sender tina = sender(teacher, Role.TEACHER);
		Submission.Result result = submission.submit(tina, List.of(pupil.login(), teacher.login().toUpperCase()), stage("Zur Erinnerung"), true);
		assertThat(result.delivered()).isEqualTo(2);
		assertThat(inbox(pupil)).extracting(StoredMessage::subject).containsExactly("Zur Erinnerung");
		assertThat(inbox(teacher)).extracting(StoredMessage::subject).containsExactly("Zur Erinnerung");
	}

	@Test
	void aWriterWhoseOwnMailboxIsFullStillSendsOnlyWithoutTheSentCopy() {
		Submission.Sender tina = sender(teacher, Role.TEACHER);
		quotas.setPersonal(school.id(), teacher.id(), null, 0L, new de.schulhaus.platform.SchulhausUser(teacher.id(), school.id(),
				teacher.login(), "Tina Tafel", Role.SCHOOL_ADMIN, "de", false, true, null));
		Submission.Result result = submission.submit(tina, List.of(pupil.login()), stage("Trotzdem angekommen"), true);
		assertThat(result.delivered()).isEqualTo(1);
		assertThat(result.sentCopyFull()).isTrue();
		assertThat(result.sentCopy()).isNull();
		assertThat(inbox(pupil)).extracting(StoredMessage::subject).containsExactly("Trotzdem angekommen");
		MailFolder sent = folders.special(tina.from(), SpecialUse.SENT).orElseThrow();
		assertThat(store.byUids(sent, List.of(1L))).isEmpty();
		// no blob of the refused copy stays behind: the pupil's copy is the school's only message blob
		assertThat(jdbc.sql("select count(*) from mail_message where school_id = :school").param("school", school.id()).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void pupilsStayInsideTheSchoolAndListsTakeOnlyWhomTheLeaderAllows() {
		Submission.Sender paul = sender(pupil, Role.PUPIL);
		assertThat(submission.check(paul, "freund@example.org").verdict().smtpReply()).startsWith("550 5.7.1");
		assertThat(submission.check(paul, teacher.login()).accepted()).isTrue();
		UUID group = groups.list(school.id()).stream().filter(g -> g.name().equals("7b")).findFirst().orElseThrow().id();
		// the list comes with the group (mail.lists follows the roster's events); its policy is "members" at first
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from mail_list where group_id = :g and local_part = '7b' and policy = 'members'").param("g", group)
			.query(Long.class).single() == 1);
		Submission.Result toList = submission.submit(paul, List.of("7B@" + school.domain()), stage("Klassenfahrt"), false);
		assertThat(toList.delivered()).isEqualTo(2);
		assertThat(inbox(classmate)).extracting(StoredMessage::subject).containsExactly("Klassenfahrt");
		assertThat(inbox(teacher)).extracting(StoredMessage::subject).containsExactly("Klassenfahrt");
		// the writer does not get their own list mail back
		assertThat(inbox(pupil)).isEmpty();
		assertThat(submission.checkInbound("7b@" + school.domain()).verdict().smtpReply()).startsWith("550 5.7.1");
	}

	@Test
	void eachListPolicyTakesExactlyItsWritersAndAPupilMailsOutsideOnceTheSchoolAllowsIt() throws Exception {
		TestSchools.UserRef outsider = schools.createUser(school, "Olaf", "Ohne", "PUPIL", null, "8a");
		Submission.Sender olaf = sender(outsider, Role.PUPIL);
		UUID group = groups.list(school.id()).stream().filter(g -> g.name().equals("7b")).findFirst().orElseThrow().id();
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from mail_list where group_id = :g and local_part = '7b'").param("g", group).query(Long.class).single() == 1);
		String list = "7b@" + school.domain();

		// members: a pupil of another class is refused, outside too
		assertThat(submission.check(olaf, list).verdict().smtpReply()).startsWith("550 5.7.1");
		assertThat(submission.checkInbound(list).verdict().smtpReply()).startsWith("550 5.7.1");
		// school: everybody of the school, still nobody from outside
		setPolicy(group, "school");
		assertThat(submission.check(olaf, list).accepted()).isTrue();
		assertThat(submission.checkInbound(list).verdict().smtpReply()).startsWith("550 5.7.1");
		// anyone: outside mail reaches the members
		setPolicy(group, "anyone");
		assertThat(submission.checkInbound(list).accepted()).isTrue();
		Submission.Result fromOutside = submission.receive("eltern@example.org", List.of(list), stage("Elternbrief"));
		assertThat(fromOutside.delivered()).isEqualTo(3);
		assertThat(inbox(classmate)).extracting(StoredMessage::subject).containsExactly("Elternbrief");

		// pupils write outside only when the school says so
		Submission.Sender paul = sender(pupil, Role.PUPIL);
		assertThat(submission.check(paul, "freund@example.org").verdict().smtpReply()).startsWith("550 5.7.1");
		de.schulhaus.platform.SchulhausUser admin = new de.schulhaus.platform.SchulhausUser(teacher.id(), school.id(), teacher.login(),
				"Tina Tafel", Role.SCHOOL_ADMIN, "de", false, true, null);
		MailPolicy pupils = policies.of(school.id(), Role.PUPIL);
		policies.set(school.id(), new MailPolicy(Role.PUPIL, true, pupils.maxMessageMb(), pupils.forwardingAllowed()), admin);
		assertThat(submission.check(paul, "freund@example.org").accepted()).isTrue();
		Submission.Result out = submission.submit(paul, List.of("freund@example.org"), stage("Hallo"), false);
		assertThat(out.queued()).isEqualTo(1);
	}

	private void setPolicy(UUID group, String policy) {
		jdbc.sql("update mail_list set policy = :policy where group_id = :g").param("policy", policy).param("g", group).update();
	}

	@Test
	void aPersonWhoWritesToTooManyAddressesInAnHourIsAskedToWait() {
		Submission.Sender tina = sender(teacher, Role.TEACHER);
		int allowance = properties.limits().recipientsPerHour();
		for (int i = 0; i < allowance; i++) {
			assertThat(submission.check(tina, pupil.login()).accepted()).isTrue();
		}
		Submission.Recipient refused = submission.check(tina, pupil.login());
		assertThat(refused.verdict().smtpReply()).startsWith("450 4.7.1");
		// webmail's path is counted alike, and a colleague is not affected
		assertThat(submission.submit(tina, List.of(pupil.login()), stage("Noch eine"), false).verdicts().get(0).reasonKey())
			.isEqualTo("mail.refused.rate");
		assertThat(submission.check(sender(classmate, Role.PUPIL), pupil.login()).accepted()).isTrue();
	}

	@Test
	void mailFromOutsideIsNeverRelayedAndTooLargeMessagesAreRefusedWhole() {
		assertThat(submission.checkInbound("jemand@example.org").verdict().smtpReply()).startsWith("554 5.7.1 Relaying denied");
		assertThat(submission.checkInbound(teacher.login()).accepted()).isTrue();
		Submission.Result received = submission.receive("eltern@example.org", List.of(teacher.login(), "x@example.net"), stage("Krankmeldung"));
		assertThat(received.delivered()).isEqualTo(1);
		assertThat(received.queued()).isZero();
		jdbc.sql("insert into mail_policy (school_id, role, outside_allowed, max_message_mb, forwarding_allowed) values (:s, 'PUPIL', false, 1, false)")
			.param("s", school.id()).update();
		StagedMessage big = store.stage(new ByteArrayInputStream(("Subject: gross\r\n\r\n" + "x".repeat(1_100_000)).getBytes(StandardCharsets.UTF_8)), 5_000_000);
		assertThatThrownBy(() -> submission.submit(sender(pupil, Role.PUPIL), List.of(teacher.login()), big, true))
			.isInstanceOf(MessageTooLargeException.class);
		assertThat(inbox(teacher)).extracting(StoredMessage::subject).containsExactly("Krankmeldung");
	}

	private Submission.Sender sender(TestSchools.UserRef user, Role role) {
		Mailbox own = mailboxes.personal(school.id(), user.id(), user.login());
		return new Submission.Sender(school.id(), user.id(), role, own, user.login());
	}

	private List<StoredMessage> inbox(TestSchools.UserRef user) {
		Mailbox box = mailboxes.personal(school.id(), user.id(), user.login());
		MailFolder inbox = folders.special(box, SpecialUse.INBOX).orElseThrow();
		return store.byUids(inbox, List.of(1L, 2L, 3L));
	}

	private StagedMessage stage(String subject) {
		String raw = "From: a@example.org\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID() + "@x>\r\n\r\nText\r\n";
		return store.stage(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), 1_000_000);
	}
}
