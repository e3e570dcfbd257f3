package de.schulhaus.mail.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.rules.Absence;
import de.schulhaus.mail.rules.MailRules;
import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.PersonalData;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.SchoolDeleted;

/** A person's mail is in their data export and goes with erasure, their account or their school. */
@IntegrationTest
class MailPrivacyTests {

	@Autowired MockMvc mvc;
	@Autowired AccountUserDetailsService users;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageStore store;
	@Autowired MailRules rules;
	@Autowired PersonalData personalData;
	@Autowired MailPersonalData mailData;
	@Autowired MailCleanup cleanup;
	@Autowired JdbcClient jdbc;

	TestSchools.SchoolRef school;
	SchulhausUser erik;
	Mailbox own;
	Mailbox office;

	@BeforeEach
	void setUp() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		school = schools.createSchool("Auskunft-Schule");
		erik = users.load(schools.createUser(school, "Erik", "Export", "TEACHER", "teacher-laterne-quitte-1", null).login()).orElseThrow();
		own = mailboxes.personal(school.id(), erik.accountId(), erik.displayName());
		office = mailboxes.createFunction(school.id(), "sekretariat", "Sekretariat");
		mailboxes.addMember(office, erik.accountId());
		deliver(own, "Zeugniskonferenz");
		store.move(folders.special(own, de.schulhaus.mail.internal.SpecialUse.INBOX).orElseThrow(), List.of(1L),
				folders.create(own, "Konferenzen/2026"));
		deliver(own, "Elternsprechtag");
		deliver(office, "Krankmeldung");
		jdbc.sql("insert into mail_alias (address, school_id, mailbox_id, created_at) values (:a, :s, :m, current_timestamp)")
			.param("a", "e.export@" + school.domain()).param("s", school.id()).param("m", own.id()).update();
		rules.saveAbsence(erik, new Absence(true, "Fort", "Bin auf Fortbildung.", null, null));
		rules.saveForwarding(erik, "sekretariat@" + school.domain(), true);
	}

	@Test
	void theExportHasEveryMessageAsEmlInItsFolderAndAJsonOfAddressesAndSettings() throws Exception {
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		personalData.export(subject(), erik, zip);
		Map<String, String> files = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
			for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
				if (entry.getName().startsWith("mail/")) {
					files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
		}
		assertThat(files).containsKeys("mail/Postfach/Konferenzen/2026/1.eml", "mail/Postfach/INBOX/2.eml", "mail/postfach.json");
		assertThat(files.get("mail/Postfach/Konferenzen/2026/1.eml")).contains("Subject: Zeugniskonferenz");
		assertThat(files.values()).noneMatch(f -> f.contains("Krankmeldung") && f.startsWith("From:"));
		assertThat(files.get("mail/postfach.json")).contains("e.export@" + school.domain()).contains("Sekretariat").contains("Bin auf Fortbildung.")
			.contains("sekretariat@" + school.domain()).contains("Elternsprechtag");
	}

	@Test
	void erasureDeletesTheMailboxItsMessagesAliasesPlacesAndSettingsButNotTheFunctionsMail() {
		List<UUID> blobIds = blobsOf(own);
		// what Erik wrote to the office stays there, and the erasure says so
		String raw = "From: Erik Export <" + erik.login().toUpperCase() + ">\r\nTo: sekretariat@" + school.domain() + "\r\nSubject: Attest\r\n\r\nAnbei.\r\n";
		store.deliver(store.stage(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), 1_000_000), List.of(office), erik.login());
		var erasure = mailData.erase(subject(), erik);
		assertThat(erasure.erased()).hasSize(1);
		assertThat(erasure.kept()).singleElement().satisfies(k -> assertThat(k.what().getArguments()).containsExactly(1L));
		assertThat(mailboxes.ofAccount(school.id(), erik.accountId())).isEmpty();
		assertGone(blobIds);
		assertThat(count("mail_alias", school.id())).isZero();
		assertThat(mailboxes.members(office)).isEmpty();
		assertThat(rules.absence(school.id(), erik.accountId())).isEmpty();
		assertThat(rules.forwarding(school.id(), erik.accountId())).isEmpty();
		assertThat(blobsOf(office)).hasSize(2);
	}

	@Test
	void aDeletedAccountsMailGoesAndADeletedSchoolsAllOfIt() {
		List<UUID> blobIds = blobsOf(own);
		cleanup.on(new AccountsChanged(school.id(), List.of(new AccountsChanged.Change(AccountsChanged.Kind.DELETED, erik.accountId(),
				erik.login(), "Erik", "Export", null, null))));
		await().atMost(Duration.ofSeconds(20)).until(() -> mailboxes.ofAccount(school.id(), erik.accountId()).isEmpty());
		assertGone(blobIds);
		assertThat(mailboxes.members(office)).isEmpty();
		assertThat(count("mail_forwarding", school.id())).isZero();

		List<UUID> officeBlobs = blobsOf(office);
		cleanup.on(new SchoolDeleted(school.id(), school.number()));
		await().atMost(Duration.ofSeconds(20)).until(() -> count("mail_mailbox", school.id()) == 0);
		for (String table : List.of("mail_message", "mail_folder", "mail_alias", "mail_list", "mail_absence", "mail_outbound_message")) {
			assertThat(count(table, school.id())).as(table).isZero();
		}
		assertGone(officeBlobs);
	}

	private DataSubject subject() {
		return new DataSubject(erik.accountId(), school.id(), erik.login(), erik.displayName(), Locale.GERMAN, Instant.now().minusSeconds(3600));
	}

	private void deliver(Mailbox mailbox, String subject) {
		String raw = "From: anna@example.org\r\nTo: " + erik.login() + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID()
				+ "@x>\r\n\r\nText zu " + subject + "\r\n";
		store.deliver(store.stage(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), 1_000_000), List.of(mailbox), "anna@example.org");
	}

	private List<UUID> blobsOf(Mailbox mailbox) {
		return jdbc.sql("select blob_id from mail_message where mailbox_id = :m").param("m", mailbox.id()).query(UUID.class).list();
	}

	private void assertGone(List<UUID> blobIds) {
		assertThat(blobIds).isNotEmpty();
		assertThat(jdbc.sql("select count(*) from stored_blob where id in (:ids)").param("ids", blobIds).query(Long.class).single()).isZero();
	}

	private long count(String table, UUID school) {
		return jdbc.sql("select count(*) from " + table + " where school_id = :s").param("s", school).query(Long.class).single();
	}
}
