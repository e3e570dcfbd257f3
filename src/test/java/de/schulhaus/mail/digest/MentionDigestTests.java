package de.schulhaus.mail.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.ChatFixture;
import de.schulhaus.chat.internal.ChatMessage;
import de.schulhaus.chat.internal.ChatMessages;
import de.schulhaus.chat.internal.ChatRules;
import de.schulhaus.chat.internal.MessageChanges;
import de.schulhaus.chat.internal.SchoolChatRules;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageLists;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.PlatformProperties;
import de.schulhaus.platform.SchulhausUser;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A mention still unread half an hour later arrives as one mail in the person's own inbox, once; read in time,
 * deleted, switched off or in a room the person left, it never does; a pupil's waits for the end of the quiet hours;
 * nobody's digest holds anything of another school. The job is run with a "now" in the future instead of waiting.
 */
@IntegrationTest
class MentionDigestTests {

	static final Duration PAST_DELAY = Duration.ofMinutes(31);

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;
	@Autowired ChatMessages messages;
	@Autowired MessageChanges changes;
	@Autowired SchoolChatRules rules;
	@Autowired MentionDigestMail digestMail;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageLists lists;
	@Autowired MessageStore store;
	@Autowired PlatformProperties platform;

	ChatFixture f;
	UUID room;

	@BeforeEach
	void setUp() throws Exception {
		f = new ChatFixture(mvc, groups, users, jdbc, audit, "Erwähnungen-Schule");
		room = f.awaitRoom(f.classA.id());
	}

	@Test
	void anUnreadMentionArrivesOnceInTheInboxWithAuthorRoomExcerptAndLink() throws Exception {
		messages.post(f.teacher, room, "@Paul Pult bitte <b>das Heft</b> mitbringen");

		digestMail.send(Instant.now().plus(Duration.ofMinutes(10)));
		assertThat(inbox(f.pupil)).as("not yet: the delay is half an hour").isEmpty();

		digestMail.send(Instant.now().plus(PAST_DELAY));
		List<StoredMessage> inbox = inbox(f.pupil);
		assertThat(inbox).hasSize(1);
		StoredMessage mail = inbox.get(0);
		assertThat(mail.subject()).isEqualTo("Sie wurden im Chat erwähnt");
		assertThat(mail.fromAddress()).isEqualTo("noreply@" + f.school.domain());
		assertThat(mail.flags().seen()).isFalse();
		MimeMessage parsed = parsed(mail);
		assertThat(((InternetAddress) parsed.getAllRecipients()[0]).getAddress()).isEqualTo(f.pupil.login().toLowerCase());
		assertThat(parsed.getHeader("Message-ID")).hasSize(1);
		assertThat(parsed.getHeader("Date")).hasSize(1);
		assertThat((String) parsed.getContent()).contains("Guten Tag Paul Pult,")
			.contains("Raum „5a“")
			.contains("Tina Tafel am ")
			.contains("„@Paul Pult bitte <b>das Heft</b> mitbringen“")
			.contains("Zum Raum: " + platform.baseUrl() + "/chat/raum/" + room);

		// in the webmail, the author's markup is text, the link a link
		String page = f.page(get("/mail/nachricht/" + mail.id()), f.pupil);
		assertThat(page).contains("Sie wurden im Chat erwähnt").contains("&lt;b&gt;das Heft&lt;/b&gt;").doesNotContain("<b>das Heft</b>")
			.contains("href=\"" + platform.baseUrl() + "/chat/raum/" + room + "\"");

		digestMail.send(Instant.now().plus(PAST_DELAY).plusSeconds(60));
		assertThat(inbox(f.pupil)).as("each mention is mailed once").hasSize(1);
		assertThat(inbox(f.teacher)).as("the author gets nothing").isEmpty();
		assertThat(inbox(f.pupil2)).as("nor those not mentioned").isEmpty();
	}

	@Test
	void aMentionReadInTimeIsNeverMailedAndALaterOneAlone() throws Exception {
		ChatMessage read = messages.post(f.teacher, room, "@Pia Pinsel das kennst du schon");
		messages.markRead(f.pupil2, room, read.seq());
		digestMail.send(Instant.now().plus(PAST_DELAY));
		assertThat(inbox(f.pupil2)).isEmpty();

		messages.post(f.teacher, room, "@Pia Pinsel und das nicht");
		digestMail.send(Instant.now().plus(PAST_DELAY));
		List<StoredMessage> inbox = inbox(f.pupil2);
		assertThat(inbox).hasSize(1);
		assertThat(text(inbox.get(0))).contains("„@Pia Pinsel und das nicht“").doesNotContain("kennst du schon")
			.contains("Sie wurden im Chat erwähnt und haben die Nachricht noch nicht gelesen:");
	}

	@Test
	void severalMentionsComeInOneMail() throws Exception {
		messages.post(f.teacher, room, "@Paul Pult erstens");
		messages.post(f.pupil2, room, "@Paul Pult zweitens");
		digestMail.send(Instant.now().plus(PAST_DELAY));
		List<StoredMessage> inbox = inbox(f.pupil);
		assertThat(inbox).hasSize(1);
		String text = text(inbox.get(0));
		assertThat(text).contains("2 Mal erwähnt").contains("Tina Tafel am ").contains("Pia Pinsel am ");
		assertThat(text.indexOf("erstens")).isLessThan(text.indexOf("zweitens"));
	}

	@Test
	void switchedOffOnMeinKontoMeansNoMailAndOnAgainOnlyNewMentions() throws Exception {
		assertThat(f.page(get("/konto"), f.pupil)).contains("E-Mail bei ungelesenen Erwähnungen")
			.containsPattern("name=\"an\" value=\"true\" checked");

		// another site's form cannot switch it off
		int forged = mvc.perform(post("/konto/erwaehnungen-per-mail").with(user(f.pupil))).andReturn().getResponse().getStatus();
		assertThat(forged).isEqualTo(403);
		assertThat(f.page(get("/konto"), f.pupil)).containsPattern("name=\"an\" value=\"true\" checked");

		assertThat(f.form(post("/konto/erwaehnungen-per-mail"), f.pupil)).isEqualTo("/konto#erwaehnungen-per-mail");
		assertThat(f.page(get("/konto"), f.pupil)).doesNotContainPattern("name=\"an\" value=\"true\" checked");
		messages.post(f.teacher, room, "@Paul Pult während es aus ist");
		digestMail.send(Instant.now().plus(PAST_DELAY));
		assertThat(inbox(f.pupil)).isEmpty();

		f.form(post("/konto/erwaehnungen-per-mail").param("an", "true"), f.pupil);
		messages.post(f.teacher, room, "@Paul Pult nachdem es wieder an ist");
		digestMail.send(Instant.now().plus(PAST_DELAY));
		List<StoredMessage> inbox = inbox(f.pupil);
		assertThat(inbox).hasSize(1);
		assertThat(text(inbox.get(0))).contains("nachdem es wieder an ist").doesNotContain("während es aus ist");
	}

	@Test
	void aDeletedMessageOrARoomThePersonLeftIsNotMailed() throws Exception {
		ChatMessage deleted = messages.post(f.teacher, room, "@Paul Pult vertippt");
		changes.delete(f.teacher, deleted.id());
		messages.post(f.teacher, room, "@Pia Pinsel kurz vor dem Wechsel");
		// Pia leaves 5a, but sings in the choir, where she was mentioned too
		var choir = groups.create(f.school.id(), "Chor", de.schulhaus.accounts.GroupKind.CUSTOM, null, f.admin);
		groups.addMember(f.school.id(), choir.id(), f.teacher.accountId(), true, f.admin);
		groups.addMember(f.school.id(), choir.id(), f.pupil2.accountId(), false, f.admin);
		UUID choirRoom = f.awaitRoom(choir.id());
		messages.post(f.teacher, choirRoom, "@Pia Pinsel Probe morgen");
		groups.removeMember(f.school.id(), f.classA.id(), f.pupil2.accountId(), f.admin);

		digestMail.send(Instant.now().plus(PAST_DELAY));
		assertThat(inbox(f.pupil)).isEmpty();
		List<StoredMessage> pias = inbox(f.pupil2);
		assertThat(pias).hasSize(1);
		assertThat(text(pias.get(0))).contains("Raum „Chor“").contains("Probe morgen").doesNotContain("Wechsel")
			// the room's name, not any "5a" (a room id in a link may hold one)
			.doesNotContain("Raum „5a“");
	}

	@Test
	void aPupilsDigestWaitsForTheEndOfTheQuietHoursATeachersDoesNot() throws Exception {
		rules.set(f.admin, new ChatRules(false, LocalTime.of(22, 0), LocalTime.of(7, 0), 0));
		// (posting in a room reads what is before one's own message: neither posts after being mentioned)
		messages.post(f.teacher, room, "@Paul Pult morgen Sport");
		messages.post(f.pupil2, room, "@Tina Tafel welche Halle?");

		// the next 23:00 in Berlin at least 31 minutes from now, and 8:00 the morning after
		ZonedDateTime night = ZonedDateTime.now(ChatRules.SCHOOL_TIME).plus(PAST_DELAY).withHour(23).withMinute(0).withSecond(0).withNano(0);
		if (night.toInstant().isBefore(Instant.now().plus(PAST_DELAY))) {
			night = night.plusDays(1);
		}
		digestMail.send(night.toInstant());
		assertThat(inbox(f.teacher)).hasSize(1);
		assertThat(inbox(f.pupil)).as("quiet hours").isEmpty();
		digestMail.send(night.plusHours(7).plusMinutes(59).toInstant());
		assertThat(inbox(f.pupil)).as("6:59").isEmpty();

		digestMail.send(night.plusHours(9).toInstant());
		assertThat(inbox(f.pupil)).hasSize(1);
		assertThat(text(inbox(f.pupil).get(0))).contains("morgen Sport");
		assertThat(inbox(f.teacher)).hasSize(1);
	}

	@Test
	void nobodysDigestHoldsAnythingOfAnotherSchool() throws Exception {
		// the same names in a second school: "@Paul Pult" there is the other school's Paul
		ChatFixture other = new ChatFixture(mvc, groups, users, jdbc, audit, "Erwähnungen-Nachbarschule");
		UUID otherRoom = other.awaitRoom(other.classA.id());
		messages.post(f.teacher, room, "@Paul Pult hier bei uns");
		messages.post(other.teacher, otherRoom, "@Paul Pult drüben bei den anderen");

		digestMail.send(Instant.now().plus(PAST_DELAY));
		List<StoredMessage> ours = inbox(f.pupil);
		List<StoredMessage> theirs = inbox(other.pupil);
		assertThat(ours).hasSize(1);
		assertThat(theirs).hasSize(1);
		assertThat(text(ours.get(0))).contains("hier bei uns").contains("/chat/raum/" + room).doesNotContain("drüben")
			.doesNotContain(otherRoom.toString());
		assertThat(text(theirs.get(0))).contains("drüben bei den anderen").contains("/chat/raum/" + otherRoom).doesNotContain("hier bei uns")
			.doesNotContain(room.toString());
		assertThat(theirs.get(0).fromAddress()).isEqualTo("noreply@" + other.school.domain());
	}

	@Test
	void editingAMessageNeverMailsAMentionTwiceButMailsOneItAdds() throws Exception {
		ChatMessage message = messages.post(f.teacher, room, "@Paul Pult Heft");
		digestMail.send(Instant.now().plus(PAST_DELAY));
		assertThat(inbox(f.pupil)).hasSize(1);

		changes.edit(f.teacher, message.id(), "@Paul Pult Heft und @Pia Pinsel Buch");
		digestMail.send(Instant.now().plus(PAST_DELAY));
		assertThat(inbox(f.pupil)).as("Paul's mention was mailed already").hasSize(1);
		List<StoredMessage> pias = inbox(f.pupil2);
		assertThat(pias).hasSize(1);
		assertThat(text(pias.get(0))).contains("„@Paul Pult Heft und @Pia Pinsel Buch“");
	}

	@Test
	void aMailAppSeesTheDigestOverImap() throws Exception {
		messages.post(f.teacher, room, "@Paul Pult schau mal ins Postfach");
		digestMail.send(Instant.now().plus(PAST_DELAY));

		Properties props = new Properties();
		props.put("mail.imap.connectiontimeout", "10000");
		props.put("mail.imap.timeout", "10000");
		jakarta.mail.Store imap = Session.getInstance(props).getStore("imap");
		imap.connect("127.0.0.1", imapServer.port(), f.pupil.login(), "paul-laterne-quitte-1");
		try {
			jakarta.mail.Folder inbox = imap.getFolder("INBOX");
			inbox.open(jakarta.mail.Folder.READ_ONLY);
			jakarta.mail.Message[] all = inbox.getMessages();
			assertThat(all).hasSize(1);
			assertThat(all[0].getSubject()).isEqualTo("Sie wurden im Chat erwähnt");
			assertThat(all[0].isSet(jakarta.mail.Flags.Flag.SEEN)).isFalse();
			assertThat((String) all[0].getContent()).contains("Tina Tafel am ").contains("„@Paul Pult schau mal ins Postfach“");
			inbox.close(false);
		} finally {
			imap.close();
		}
	}

	@Test
	void whereTheSchoolSwitchedTheMailAppOffForPupilsTheyGetNoneAndSeeNoSwitch() throws Exception {
		apps.setSwitchedOff(f.admin, java.util.Set.of(new de.schulhaus.platform.Apps.Switch("mail", de.schulhaus.platform.Role.PUPIL)));
		assertThat(f.page(get("/konto"), f.pupil)).doesNotContain("E-Mail bei ungelesenen Erwähnungen");
		assertThat(f.page(get("/konto"), f.teacher)).contains("E-Mail bei ungelesenen Erwähnungen");
		messages.post(f.teacher, room, "@Paul Pult ohne Mail");
		messages.post(f.pupil2, room, "@Tina Tafel mit Mail");

		digestMail.send(Instant.now().plus(PAST_DELAY));
		assertThat(inbox(f.pupil)).isEmpty();
		assertThat(inbox(f.teacher)).hasSize(1);

		apps.setSwitchedOff(f.admin, java.util.Set.of());
		digestMail.send(Instant.now().plus(PAST_DELAY));
		assertThat(inbox(f.pupil)).as("the mention was settled, not kept for later").isEmpty();
	}

	@Autowired de.schulhaus.platform.Apps apps;

	@Autowired de.schulhaus.mail.imap.ImapServer imapServer;

	private List<StoredMessage> inbox(SchulhausUser person) {
		Mailbox mailbox = mailboxes.personal(person.schoolId(), person.accountId(), person.displayName());
		return lists.page(mailbox, folders.special(mailbox, SpecialUse.INBOX).orElseThrow(), null, 0, 50).messages();
	}

	private MimeMessage parsed(StoredMessage message) throws Exception {
		try (InputStream in = store.open(message)) {
			return new MimeMessage(Session.getInstance(new Properties()), in);
		}
	}

	private String text(StoredMessage message) throws Exception {
		return (String) parsed(message).getContent();
	}
}
