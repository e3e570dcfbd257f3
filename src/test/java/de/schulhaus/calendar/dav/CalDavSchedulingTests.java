package de.schulhaus.calendar.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static de.schulhaus.calendar.dav.CalDavClient.caldav;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.calendar.dav.CalDavClient.Person;
import de.schulhaus.platform.Notifications;

/**
 * Invitations as CalDAV clients see them (RFC 6638 implicit scheduling): the organiser's PUT puts a copy
 * into each invitee's calendar, the invitee's answer comes back into the organiser's event, removing an
 * invitee or deleting the event cancels their copy; nobody of another school ever gets one.
 */
@IntegrationTest
class CalDavSchedulingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	GroupManagement groups;

	@Autowired
	Notifications notifications;

	TestSchools.SchoolRef school;
	Person teacher;
	Person pupil;
	Person otherPupil;
	Person stranger;
	Group eight;

	CalDavClient client;

	@BeforeEach
	void schoolsWithPeople() throws Exception {
		client = new CalDavClient(mvc, credentials, users);
		var t = new TestSchools(mvc);
		school = t.createSchool("Einladungs-Schule");
		teacher = client.person(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null));
		pupil = client.person(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "7b"));
		otherPupil = client.person(t.createUser(school, "Olga", "Ofen", "PUPIL", "Kompass-Laterne-Quitte-2028", "8a"));
		eight = groups.list(school.id()).stream().filter(g -> g.name().equals("8a")).findFirst().orElseThrow();
		var elsewhere = t.createSchool("Andere Schule");
		stranger = client.person(t.createUser(elsewhere, "Sven", "Fremd", "TEACHER", "Kompass-Laterne-Quitte-2029", null));
	}

	String meeting(String attendees) {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\nBEGIN:VEVENT\r\nUID:konferenz-1\r\nDTSTAMP:20261130T120000Z\r\n"
				+ "DTSTART:20261203T140000Z\r\nDTEND:20261203T150000Z\r\nSUMMARY:Konferenz\r\n"
				+ "ORGANIZER;CN=Tina Tafel:mailto:" + teacher.user().login() + "\r\n" + attendees
				+ "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Konferenz\r\nTRIGGER:-PT10M\r\nEND:VALARM\r\n"
				+ "END:VEVENT\r\nEND:VCALENDAR\r\n";
	}

	@Test
	void anOrganisersPutInvitesPeopleAndGroupsOfTheSchoolAndTheirAnswersComeBack() throws Exception {
		String attendees = "ATTENDEE;PARTSTAT=ACCEPTED:mailto:" + teacher.user().login() + "\r\n"
				+ "ATTENDEE;CN=Paul Pult;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:" + pupil.user().login() + "\r\n"
				+ "ATTENDEE;CUTYPE=GROUP;CN=8a:urn:uuid:" + eight.id() + "\r\n"
				+ "ATTENDEE;CN=Gast:mailto:gast@example.org\r\n"
				+ "ATTENDEE:mailto:" + stranger.user().login() + "\r\n";
		MockHttpServletResponse put = client.perform(caldav(teacher, "PUT", teacher.home() + "persoenlich/konferenz.ics").contentType("text/calendar")
			.content(meeting(attendees)));
		assertThat(put.getStatus()).isEqualTo(201);
		assertThat(put.getHeader("ETag")).as("the server added delivery statuses: no ETag").isNull();

		String organizers = get(teacher, teacher.home() + "persoenlich/konferenz.ics");
		assertThat(unfolded(organizers)).contains("SCHEDULE-STATUS=1.2:mailto:" + pupil.user().login())
			.contains("SCHEDULE-STATUS=1.1:mailto:gast@example.org");

		String pupils = unfolded(get(pupil, pupil.home() + "persoenlich/konferenz-1.ics"));
		assertThat(pupils).contains("UID:konferenz-1").contains("SUMMARY:Konferenz").contains("PARTSTAT=NEEDS-ACTION")
			.doesNotContain("VALARM").doesNotContain("SCHEDULE-STATUS");
		// the group's member has a line of their own to answer on
		String members = unfolded(get(otherPupil, otherPupil.home() + "persoenlich/konferenz-1.ics"));
		assertThat(members).contains("mailto:" + otherPupil.user().login()).contains("MEMBER=");
		assertThat(notifications.newestFirst(pupil.user(), 0, 10)).anyMatch(n -> n.titleKey().equals("calendar.notification.invited")
			&& n.titleArgs().equals(java.util.List.of("Konferenz")) && n.link().contains("konferenz-1.ics"));
		// nobody of another school gets anything
		assertThat(client.perform(caldav(stranger, "GET", stranger.home() + "persoenlich/konferenz-1.ics")).getStatus()).isEqualTo(404);

		// the pupil accepts in their client: the organiser's event says so, and the organiser hears of it
		client.perform(caldav(pupil, "PUT", pupil.home() + "persoenlich/konferenz-1.ics").contentType("text/calendar")
			.content(answer(pupils, pupil, "ACCEPTED")));
		assertThat(unfolded(get(teacher, teacher.home() + "persoenlich/konferenz.ics"))).containsPattern("PARTSTAT=ACCEPTED[^\\r]*:mailto:"
				+ java.util.regex.Pattern.quote(pupil.user().login()));
		assertThat(notifications.newestFirst(teacher.user(), 0, 10)).anyMatch(n -> n.titleKey().equals("calendar.notification.accepted"));

		// the member of 8a declines by deleting the copy
		assertThat(client.perform(caldav(otherPupil, "DELETE", otherPupil.home() + "persoenlich/konferenz-1.ics")).getStatus()).isEqualTo(204);
		assertThat(unfolded(get(teacher, teacher.home() + "persoenlich/konferenz.ics"))).containsPattern("PARTSTAT=DECLINED[^\\r]*:mailto:"
				+ java.util.regex.Pattern.quote(otherPupil.user().login()));

		// the organiser's client sends its old view again: the answer the server has stays
		client.perform(caldav(teacher, "PUT", teacher.home() + "persoenlich/konferenz.ics").contentType("text/calendar")
			.content(meeting(attendees).replace("SUMMARY:Konferenz", "SUMMARY:Konferenz (Raum 3)")));
		assertThat(unfolded(get(teacher, teacher.home() + "persoenlich/konferenz.ics"))).containsPattern("PARTSTAT=ACCEPTED[^\\r]*:mailto:"
				+ java.util.regex.Pattern.quote(pupil.user().login()));
		assertThat(get(pupil, pupil.home() + "persoenlich/konferenz-1.ics")).contains("Konferenz (Raum 3)");

		// the pupil is no longer invited: their copy is cancelled
		client.perform(caldav(teacher, "PUT", teacher.home() + "persoenlich/konferenz.ics").contentType("text/calendar")
			.content(meeting(attendees.replace("ATTENDEE;CN=Paul Pult;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:" + pupil.user().login() + "\r\n", ""))));
		assertThat(get(pupil, pupil.home() + "persoenlich/konferenz-1.ics")).contains("STATUS:CANCELLED");
	}

	@Test
	void anAnswerToOneOccurrenceOfASeriesLandsOnThatOccurrenceOnly() throws Exception {
		String series = meeting("ATTENDEE;PARTSTAT=ACCEPTED:mailto:" + teacher.user().login() + "\r\n"
				+ "ATTENDEE;CN=Paul Pult;PARTSTAT=NEEDS-ACTION:mailto:" + pupil.user().login() + "\r\n")
			.replace("DTEND:20261203T150000Z\r\n", "DTEND:20261203T150000Z\r\nRRULE:FREQ=WEEKLY;COUNT=6\r\n");
		assertThat(client.perform(caldav(teacher, "PUT", teacher.home() + "persoenlich/konferenz.ics").contentType("text/calendar")
			.content(series)).getStatus()).isEqualTo(201);
		String copy = unfolded(get(pupil, pupil.home() + "persoenlich/konferenz-1.ics"));

		// the pupil's client: yes to the series, no to the 17th, and an "answer" to a date the series does not have
		String accepted = answer(copy, pupil, "ACCEPTED");
		String master = accepted.substring(accepted.indexOf("BEGIN:VEVENT"), accepted.indexOf("END:VEVENT") + "END:VEVENT\r\n".length());
		String declinedOn17th = master.replaceAll("RRULE:[^\r]*\r\n", "").replace("DTSTART:20261203T140000Z", "DTSTART:20261217T140000Z")
			.replace("DTEND:20261203T150000Z", "DTEND:20261217T150000Z")
			.replace("UID:konferenz-1\r\n", "UID:konferenz-1\r\nRECURRENCE-ID:20261217T140000Z\r\n")
			.replaceAll("PARTSTAT=ACCEPTED(?=[^\r]*mailto:" + java.util.regex.Pattern.quote(pupil.user().login()) + ")", "PARTSTAT=DECLINED");
		String bogus = declinedOn17th.replace("20261217T140000Z", "20261218T090000Z").replace("DTEND:20261217T150000Z", "DTEND:20261218T100000Z");
		String written = accepted.replace("END:VEVENT\r\n", "END:VEVENT\r\n" + declinedOn17th + bogus);
		assertThat(client.perform(caldav(pupil, "PUT", pupil.home() + "persoenlich/konferenz-1.ics").contentType("text/calendar")
			.content(written)).getStatus()).isIn(201, 204);

		String organizers = unfolded(get(teacher, teacher.home() + "persoenlich/konferenz.ics"));
		String pupilLine = "[^\r]*:mailto:" + java.util.regex.Pattern.quote(pupil.user().login());
		String[] events = organizers.split("BEGIN:VEVENT");
		assertThat(events).hasSize(3);
		String seriesPart = java.util.Arrays.stream(events).filter(e -> e.contains("RRULE")).findFirst().orElseThrow();
		String occurrence = java.util.Arrays.stream(events).filter(e -> e.contains("RECURRENCE-ID")).findFirst().orElseThrow();
		assertThat(seriesPart).containsPattern("PARTSTAT=ACCEPTED" + pupilLine);
		assertThat(occurrence).contains("RECURRENCE-ID:20261217T140000Z").contains("DTSTART:20261217T140000Z").contains("DTEND:20261217T150000Z")
			.contains("SUMMARY:Konferenz").doesNotContain("RRULE").containsPattern("PARTSTAT=DECLINED" + pupilLine);
		assertThat(organizers).doesNotContain("20261218");
		assertThat(notifications.newestFirst(teacher.user(), 0, 10)).anyMatch(n -> n.titleKey().equals("calendar.notification.occurrence.declined")
			&& n.titleArgs().equals(List.of("Paul Pult", "Konferenz", "17.12.2026")));
		assertThat(notifications.newestFirst(teacher.user(), 0, 10)).anyMatch(n -> n.titleKey().equals("calendar.notification.accepted"));
	}

	@Test
	void deletingTheEventCancelsEveryCopy() throws Exception {
		// the pupil has an event of their own at the name the copy would take: it stays theirs
		String own = meeting("").replace("UID:konferenz-1", "UID:eigenes").replace("SUMMARY:Konferenz", "SUMMARY:Eigenes");
		client.perform(caldav(pupil, "PUT", pupil.home() + "persoenlich/konferenz-1.ics").contentType("text/calendar").content(own));
		client.perform(caldav(teacher, "PUT", teacher.home() + "persoenlich/konferenz.ics").contentType("text/calendar")
			.content(meeting("ATTENDEE:mailto:" + pupil.user().login() + "\r\n")));
		assertThat(get(pupil, pupil.home() + "persoenlich/konferenz-1.ics")).contains("SUMMARY:Eigenes");
		String copy = pupil.home() + "persoenlich/einladung-" + java.util.UUID.nameUUIDFromBytes("konferenz-1".getBytes(StandardCharsets.UTF_8)) + ".ics";
		assertThat(get(pupil, copy)).contains("SUMMARY:Konferenz").doesNotContain("CANCELLED");
		assertThat(client.perform(caldav(teacher, "DELETE", teacher.home() + "persoenlich/konferenz.ics")).getStatus()).isEqualTo(204);
		assertThat(get(pupil, copy)).contains("STATUS:CANCELLED");
		assertThat(get(pupil, pupil.home() + "persoenlich/konferenz-1.ics")).contains("SUMMARY:Eigenes").doesNotContain("CANCELLED");
		assertThat(notifications.newestFirst(pupil.user(), 0, 10)).anyMatch(n -> n.titleKey().equals("calendar.notification.cancelled"));
	}

	@Test
	void anEventSomebodyElseOrganisesInvitesNobody() throws Exception {
		// the pupil writes an event that claims the teacher as organiser: it is stored as sent, nobody gets a copy
		String claimed = meeting("ATTENDEE:mailto:" + otherPupil.user().login() + "\r\n");
		MockHttpServletResponse put = client.perform(caldav(pupil, "PUT", pupil.home() + "persoenlich/geklaut.ics").contentType("text/calendar").content(claimed));
		assertThat(put.getStatus()).isEqualTo(201);
		assertThat(put.getHeader("ETag")).isNotNull();
		assertThat(client.perform(caldav(otherPupil, "GET", otherPupil.home() + "persoenlich/konferenz-1.ics")).getStatus()).isEqualTo(404);
	}

	@Test
	void thePrincipalNamesItsInboxAndOutboxAndTheOutboxAnswersFreeBusyRequests() throws Exception {
		String principal = xml(client.perform(caldav(pupil, "PROPFIND", pupil.home()).header("Depth", "0").content(propfind(
				"<C:schedule-inbox-URL/><C:schedule-outbox-URL/><C:calendar-user-type/><C:calendar-user-address-set/>"))));
		assertThat(principal).containsPattern("<C:schedule-inbox-URL[^>]*><D:href>" + pupil.home() + "inbox/</D:href>")
			.containsPattern("<C:schedule-outbox-URL[^>]*><D:href>" + pupil.home() + "outbox/</D:href>")
			.contains("INDIVIDUAL").contains("urn:uuid:" + pupil.user().accountId());
		String inbox = xml(client.perform(caldav(pupil, "PROPFIND", pupil.home() + "inbox/").header("Depth", "1")
			.content(propfind("<D:resourcetype/><C:schedule-default-calendar-URL/>"))));
		assertThat(inbox).contains("schedule-inbox").contains(pupil.home() + "persoenlich/").doesNotContain("404 Not Found</D:status></D:propstat></D:response><D:response");
		String sync = xml(client.perform(caldav(pupil, "REPORT", pupil.home() + "inbox/").content(
				"<D:sync-collection xmlns:D=\"DAV:\"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>")));
		assertThat(sync).contains("sync-token");

		// the teacher has a lesson on Thursday 08:00-09:30 (Berlin) that the pupil's class calendar does not show; the pupil a dentist's appointment
		client.perform(caldav(pupil, "PUT", pupil.home() + "persoenlich/zahnarzt.ics").contentType("text/calendar").content(
				"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\nBEGIN:VEVENT\r\nUID:zahnarzt\r\nDTSTAMP:20261130T120000Z\r\n"
						+ "DTSTART:20261203T070000Z\r\nDTEND:20261203T083000Z\r\nSUMMARY:Zahnarzt\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"));
		String request = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\nMETHOD:REQUEST\r\nBEGIN:VFREEBUSY\r\nUID:fb-1\r\n"
				+ "DTSTAMP:20261130T120000Z\r\nDTSTART:20261203T000000Z\r\nDTEND:20261204T000000Z\r\n"
				+ "ORGANIZER:mailto:" + teacher.user().login() + "\r\nATTENDEE:mailto:" + pupil.user().login() + "\r\n"
				+ "ATTENDEE:mailto:" + stranger.user().login() + "\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n";
		MockHttpServletResponse answer = client.perform(caldav(teacher, "POST", teacher.home() + "outbox/").contentType("text/calendar").content(request));
		assertThat(answer.getStatus()).isEqualTo(200);
		String response = xml(answer);
		assertThat(response).contains("schedule-response").contains("2.0;Success").contains("METHOD:REPLY")
			.contains("FREEBUSY:20261203T070000Z/20261203T083000Z").doesNotContain("Zahnarzt")
			.containsPattern(java.util.regex.Pattern.quote("mailto:" + stranger.user().login() + "</D:href></C:recipient>") + "<C:request-status[^>]*>3.7")
			.contains("xmlns:D=\"DAV:\"");
		// only for oneself
		MockHttpServletResponse forged = client.perform(caldav(pupil, "POST", pupil.home() + "outbox/").contentType("text/calendar").content(request));
		assertThat(forged.getStatus()).isEqualTo(403);
		assertThat(xml(forged)).contains("organizer-allowed");
		assertThat(client.perform(caldav(teacher, "POST", teacher.home() + "persoenlich/").contentType("text/calendar").content(request)).getStatus())
			.isEqualTo(405);
	}

	private static String propfind(String props) {
		return "<D:propfind xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop>" + props + "</D:prop></D:propfind>";
	}

	private static String xml(MockHttpServletResponse response) throws Exception {
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void aPupilInvitesOnlyPeopleOfTheirOwnGroups() throws Exception {
		var classmate = client.person(new TestSchools(mvc).createUser(school, "Karl", "Klasse", "PUPIL", "Kompass-Laterne-Quitte-2030", "7b"));
		String party = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\nBEGIN:VEVENT\r\nUID:party-1\r\nDTSTAMP:20261130T120000Z\r\n"
				+ "DTSTART:20261204T140000Z\r\nDTEND:20261204T150000Z\r\nSUMMARY:Lerngruppe\r\nORGANIZER:mailto:" + pupil.user().login() + "\r\n"
				+ "ATTENDEE:mailto:" + classmate.user().login() + "\r\nATTENDEE:mailto:" + otherPupil.user().login() + "\r\n"
				+ "END:VEVENT\r\nEND:VCALENDAR\r\n";
		assertThat(client.perform(caldav(pupil, "PUT", pupil.home() + "persoenlich/party.ics").contentType("text/calendar").content(party)).getStatus())
			.isEqualTo(201);
		assertThat(get(classmate, classmate.home() + "persoenlich/party-1.ics")).contains("Lerngruppe");
		assertThat(client.perform(caldav(otherPupil, "GET", otherPupil.home() + "persoenlich/party-1.ics")).getStatus()).isEqualTo(404);
	}

	@Autowired
	de.schulhaus.accounts.AccountManagement accounts;

	@Test
	void anEventInvitesAtMostFiveHundredPeopleAndBeyondThatNothingIsStored() throws Exception {
		for (int i = 0; i < 500; i++) {
			String first = "" + (char) ('A' + i / 26 % 26) + (char) ('a' + i % 26) + "na";
			accounts.create(school.id(), new de.schulhaus.accounts.NewAccount(first, "Jahrgang", de.schulhaus.platform.Role.PUPIL, null, List.of("J5")),
					teacher.user());
		}
		Group year = groups.list(school.id()).stream().filter(g -> g.name().equals("J5")).findFirst().orElseThrow();
		String attendees = "ATTENDEE;CUTYPE=GROUP:urn:uuid:" + year.id() + "\r\nATTENDEE:mailto:" + pupil.user().login() + "\r\n";
		MockHttpServletResponse refused = client.perform(caldav(teacher, "PUT", teacher.home() + "persoenlich/konferenz.ics").contentType("text/calendar")
			.content(meeting(attendees)));
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("at most 500 people").contains("501");
		assertThat(client.perform(caldav(teacher, "GET", teacher.home() + "persoenlich/konferenz.ics")).getStatus()).isEqualTo(404);
		assertThat(client.perform(caldav(pupil, "GET", pupil.home() + "persoenlich/konferenz-1.ics")).getStatus()).isEqualTo(404);
		// the group alone is 500: invited
		assertThat(client.perform(caldav(teacher, "PUT", teacher.home() + "persoenlich/konferenz.ics").contentType("text/calendar")
			.content(meeting("ATTENDEE;CUTYPE=GROUP:urn:uuid:" + year.id() + "\r\n"))).getStatus()).isEqualTo(201);
	}

	private String get(Person person, String path) throws Exception {
		MockHttpServletResponse response = client.perform(caldav(person, "GET", path));
		assertThat(response.getStatus()).as("GET " + path).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	/** The copy with the person's own PARTSTAT changed, as a client writes it. */
	static String answer(String copy, Person person, String partstat) {
		StringBuilder answered = new StringBuilder();
		for (String line : copy.split("\r\n")) {
			answered.append(line.startsWith("ATTENDEE") && line.endsWith("mailto:" + person.user().login())
					? line.replace("PARTSTAT=NEEDS-ACTION", "PARTSTAT=" + partstat) : line).append("\r\n");
		}
		return answered.toString();
	}

	static String unfolded(String text) {
		return text.replace("\r\n ", "").replace("\r\n\t", "");
	}
}
