package de.schulhaus.mail.imip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageLists;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.SchulhausUser;

/**
 * Invitations by mail (RFC 6047): an organiser's CalDAV PUT invites people of the school in their calendars and
 * everyone else by mail, from the organiser's address, with the event as {@code text/calendar; method=REQUEST};
 * the event records per attendee whether the mail went (1.1), the address is unknown (3.7) or the organiser may
 * not write there (3.8); deleting the event sends a CANCEL.
 */
@IntegrationTest
class ImipTests {

	@Autowired MockMvc mvc;
	@Autowired ClientCredentials credentials;
	@Autowired AccountUserDetailsService users;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageLists lists;
	@Autowired MessageStore store;
	@Autowired JdbcClient jdbc;
	@Autowired Notifications notifications;

	TestSchools.SchoolRef school;
	SchulhausUser teacher;
	String teacherSecret;
	SchulhausUser pupil;
	String pupilSecret;
	Mailbox office;

	@BeforeEach
	void schoolWithAnOffice() throws Exception {
		TestSchools t = new TestSchools(mvc);
		school = t.createSchool("Einladungen-per-Post");
		teacher = users.load(t.createUser(school, "Tina", "Termin", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login()).orElseThrow();
		pupil = users.load(t.createUser(school, "Paul", "Plan", "PUPIL", "Kompass-Laterne-Quitte-2027", "7b").login()).orElseThrow();
		teacherSecret = credentials.createAppPassword(teacher, "Kalender", Set.of(Scope.CALENDAR), null).secret();
		pupilSecret = credentials.createAppPassword(pupil, "Kalender", Set.of(Scope.CALENDAR), null).secret();
		office = mailboxes.createFunction(school.id(), "sekretariat", "Sekretariat");
	}

	@Test
	void attendeesOutsideTheCalendarAreInvitedByMailAndACancellationFollows() throws Exception {
		String attendees = "ATTENDEE;CN=Paul Plan:mailto:" + pupil.login() + "\r\n"
				+ "ATTENDEE;CN=Sekretariat:mailto:sekretariat@" + school.domain() + "\r\n"
				+ "ATTENDEE;CN=Gast:mailto:gast@example.org\r\n"
				+ "ATTENDEE:mailto:niemand@" + school.domain() + "\r\n";
		assertThat(put(teacher, teacherSecret, "elternabend.ics", event("elternabend-1", "Elternabend 7b", teacher, attendees)).getStatus())
			.isEqualTo(201);

		String stored = unfolded(get(teacher, teacherSecret, "elternabend.ics"));
		assertThat(stored).contains("SCHEDULE-STATUS=1.2:mailto:" + pupil.login())
			.contains("SCHEDULE-STATUS=1.1:mailto:sekretariat@" + school.domain())
			.contains("SCHEDULE-STATUS=1.1:mailto:gast@example.org")
			.contains("SCHEDULE-STATUS=3.7:mailto:niemand@" + school.domain());

		// the function mailbox of the school gets the invitation in its inbox
		StoredMessage invitation = awaitInbox(office, 1).get(0);
		assertThat(invitation.subject()).isEqualTo("Einladung: Elternabend 7b");
		assertThat(invitation.fromAddress()).isEqualTo(teacher.login().toLowerCase());
		String raw = raw(invitation);
		assertThat(raw).contains("multipart/alternative").containsPattern("text/calendar; ?charset=UTF-8; ?method=REQUEST");
		assertThat(unfoldedQp(raw)).contains("METHOD:REQUEST").contains("UID:elternabend-1").contains("SUMMARY:Elternabend 7b");

		// the guest's copy waits for the smarthost
		assertThat(jdbc.sql("select count(*) from mail_outbound_recipient where school_id = :school and address = 'gast@example.org'")
			.param("school", school.id()).query(Integer.class).single()).isEqualTo(1);

		// deleting the event cancels it by mail too
		assertThat(mvc.perform(request(HttpMethod.DELETE, java.net.URI.create(home(teacher) + "persoenlich/elternabend.ics"))
			.with(httpBasic(teacher.login(), teacherSecret))).andReturn().getResponse().getStatus()).isEqualTo(204);
		StoredMessage cancellation = awaitInbox(office, 2).stream().filter(m -> m.subject().startsWith("Abgesagt")).findFirst().orElseThrow();
		assertThat(cancellation.subject()).isEqualTo("Abgesagt: Elternabend 7b");
		assertThat(unfoldedQp(raw(cancellation))).contains("METHOD:CANCEL").contains("STATUS:CANCELLED");
	}

	@Test
	void anEventWithOnlyGuestsByMailIsCancelledByMailToo() throws Exception {
		String attendees = "ATTENDEE;CN=Sekretariat:mailto:sekretariat@" + school.domain() + "\r\n";
		assertThat(put(teacher, teacherSecret, "abgabe.ics", event("abgabe-1", "Zeugnisabgabe", teacher, attendees)).getStatus()).isEqualTo(201);
		assertThat(awaitInbox(office, 1).get(0).subject()).isEqualTo("Einladung: Zeugnisabgabe");

		assertThat(mvc.perform(request(HttpMethod.DELETE, java.net.URI.create(home(teacher) + "persoenlich/abgabe.ics"))
			.with(httpBasic(teacher.login(), teacherSecret))).andReturn().getResponse().getStatus()).isEqualTo(204);
		StoredMessage cancellation = awaitInbox(office, 2).stream().filter(m -> m.subject().startsWith("Abgesagt")).findFirst().orElseThrow();
		assertThat(cancellation.subject()).isEqualTo("Abgesagt: Zeugnisabgabe");
		assertThat(unfoldedQp(raw(cancellation))).contains("METHOD:CANCEL").contains("UID:abgabe-1");
	}

	@Test
	void aPupilWhoMayNotWriteOutsideCannotInviteOutside() throws Exception {
		String attendees = "ATTENDEE;CN=Gast:mailto:freund@example.org\r\n";
		assertThat(put(pupil, pupilSecret, "treffen.ics", event("treffen-1", "Treffen", pupil, attendees)).getStatus()).isEqualTo(201);
		assertThat(unfolded(get(pupil, pupilSecret, "treffen.ics"))).contains("SCHEDULE-STATUS=3.8:mailto:freund@example.org");
		assertThat(jdbc.sql("select count(*) from mail_outbound_recipient where school_id = :school").param("school", school.id())
			.query(Integer.class).single()).isZero();
	}

	@Test
	void anAnswerByMailFromTheGuestLandsInTheOrganisersEventAndOnlyTheirOwn() throws Exception {
		String attendees = "ATTENDEE;CN=Gast;PARTSTAT=NEEDS-ACTION:mailto:gast@example.org\r\n"
				+ "ATTENDEE;CN=Zweiter;PARTSTAT=NEEDS-ACTION:mailto:zweiter@example.org\r\n";
		assertThat(put(teacher, teacherSecret, "sprechtag.ics", event("sprechtag-1", "Sprechtag", teacher, attendees)).getStatus()).isEqualTo(201);
		Mailbox teachersBox = mailboxes.personal(school.id(), teacher.accountId(), teacher.displayName());

		// a forged answer: sent by somebody else for the guest, and one naming the second guest from the guest's address
		deliverReply(teachersBox, "fremd@example.org", "gast@example.org", "DECLINED");
		deliverReply(teachersBox, "gast@example.org", "zweiter@example.org", "DECLINED");
		// the guest's own answer
		deliverReply(teachersBox, "gast@example.org", "gast@example.org", "ACCEPTED");

		await().atMost(Duration.ofSeconds(20)).until(() -> unfolded(get(teacher, teacherSecret, "sprechtag.ics")).contains("PARTSTAT=ACCEPTED"));
		String stored = unfolded(get(teacher, teacherSecret, "sprechtag.ics"));
		assertThat(stored).containsPattern("CN=Gast;[^\\r]*PARTSTAT=ACCEPTED[^\\r]*:mailto:gast@example.org")
			.containsPattern("CN=Zweiter;[^\\r]*PARTSTAT=NEEDS-ACTION[^\\r]*:mailto:zweiter@example.org").doesNotContain("DECLINED");
		assertThat(notifications.newestFirst(teacher, 0, 5)).anyMatch(n -> n.titleKey().equals("calendar.notification.accepted"));
	}

	private void deliverReply(Mailbox box, String from, String attendee, String partstat) {
		String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Gast//DE\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:sprechtag-1\r\n"
				+ "DTSTAMP:20261201T080000Z\r\nDTSTART:20261210T170000Z\r\nORGANIZER:mailto:" + teacher.login() + "\r\n"
				+ "ATTENDEE;PARTSTAT=" + partstat + ":mailto:" + attendee + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
		String raw = "From: <" + from + ">\r\nTo: <" + teacher.login() + ">\r\nSubject: Antwort\r\nMIME-Version: 1.0\r\n"
				+ "Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAntwort\r\n"
				+ "--b\r\nContent-Type: text/calendar; charset=utf-8; method=REPLY\r\n\r\n" + ics + "--b--\r\n";
		store.deliver(store.stage(new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), 1_000_000), List.of(box), from);
	}

	private static String event(String uid, String summary, SchulhausUser organizer, String attendees) {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\nBEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261130T120000Z\r\n"
				+ "DTSTART:20261210T170000Z\r\nDTEND:20261210T183000Z\r\nSUMMARY:" + summary + "\r\n"
				+ "ORGANIZER;CN=" + organizer.displayName() + ":mailto:" + organizer.login() + "\r\n"
				+ "ATTENDEE;PARTSTAT=ACCEPTED:mailto:" + organizer.login() + "\r\n" + attendees
				+ "END:VEVENT\r\nEND:VCALENDAR\r\n";
	}

	private MockHttpServletResponse put(SchulhausUser person, String secret, String name, String body) throws Exception {
		return mvc.perform(request(HttpMethod.PUT, java.net.URI.create(home(person) + "persoenlich/" + name)).with(httpBasic(person.login(), secret))
			.contentType("text/calendar").content(body)).andReturn().getResponse();
	}

	private String get(SchulhausUser person, String secret, String name) throws Exception {
		MockHttpServletResponse response = mvc.perform(request(HttpMethod.GET, java.net.URI.create(home(person) + "persoenlich/" + name))
			.with(httpBasic(person.login(), secret))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private static String home(SchulhausUser person) {
		return "/caldav/" + person.login() + "/";
	}

	private List<StoredMessage> awaitInbox(Mailbox mailbox, int count) {
		var inbox = folders.special(mailbox, SpecialUse.INBOX).orElseThrow();
		await().atMost(Duration.ofSeconds(20)).until(() -> lists.page(mailbox, inbox, null, 0, 50).messages().size() >= count);
		return lists.page(mailbox, inbox, null, 0, 50).messages();
	}

	private String raw(StoredMessage message) throws Exception {
		try (InputStream in = store.open(message)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String unfolded(String text) {
		return text.replace("\r\n ", "").replace("\r\n\t", "");
	}

	/** Soft line breaks of quoted-printable undone, as a mail app reads the calendar part. */
	private static String unfoldedQp(String raw) {
		return raw.replace("=\r\n", "").replace("=3D", "=");
	}
}
