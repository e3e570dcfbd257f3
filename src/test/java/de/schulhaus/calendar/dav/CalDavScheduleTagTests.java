package de.schulhaus.calendar.dav;

import static de.schulhaus.calendar.dav.CalDavClient.caldav;
import static de.schulhaus.calendar.dav.CalDavSchedulingTests.answer;
import static de.schulhaus.calendar.dav.CalDavSchedulingTests.unfolded;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.calendar.dav.CalDavClient.Person;

/**
 * Schedule-Tag (RFC 6638 3.2.10, 8.2, 8.3) as clients see it: on GET and PUT of the organiser's event and
 * of the invitee's copy, unchanged when only an answer came into the organiser's event, new when the
 * organiser moves the event; If-Schedule-Tag-Match with an old tag answers 412 and changes nothing.
 */
@IntegrationTest
class CalDavScheduleTagTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	Person teacher;
	Person pupil;
	CalDavClient client;
	String event;
	String copy;

	@BeforeEach
	void aTeacherAndAPupil() throws Exception {
		client = new CalDavClient(mvc, credentials, users);
		var t = new TestSchools(mvc);
		var school = t.createSchool("Tag-Schule");
		teacher = client.person(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null));
		pupil = client.person(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "7b"));
		event = teacher.home() + "persoenlich/konferenz.ics";
		copy = pupil.home() + "persoenlich/konferenz-1.ics";
	}

	String meeting(String start) {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\nBEGIN:VEVENT\r\nUID:konferenz-1\r\nDTSTAMP:20261130T120000Z\r\n"
				+ "DTSTART:20261203T" + start + "Z\r\nDURATION:PT1H\r\nSUMMARY:Konferenz\r\n"
				+ "ORGANIZER:mailto:" + teacher.user().login() + "\r\nATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:" + pupil.user().login() + "\r\n"
				+ "END:VEVENT\r\nEND:VCALENDAR\r\n";
	}

	@Test
	void theTagStaysWhenOnlyAnAnswerCameInAndChangesWhenTheOrganiserMovesTheEvent() throws Exception {
		MockHttpServletResponse created = put(teacher, event, meeting("140000"), null);
		assertThat(created.getStatus()).isEqualTo(201);
		String organisers = created.getHeader("Schedule-Tag");
		assertThat(organisers).as("the organiser's PUT answers with the tag").matches("\"[0-9a-f]{32}\"");
		MockHttpServletResponse read = client.perform(caldav(teacher, "GET", event));
		assertThat(read.getHeader("Schedule-Tag")).isEqualTo(organisers);
		String etagBefore = read.getHeader("ETag");
		assertThat(propfind(teacher, teacher.home() + "persoenlich/")).containsPattern("konferenz.ics</D:href>.*<C:schedule-tag[^>]*>"
				+ Pattern.quote(organisers) + "</C:schedule-tag>");
		String multiget = client.text(caldav(teacher, "REPORT", teacher.home() + "persoenlich/").header("Depth", "1").content("""
				<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
				<D:prop><D:getetag/><C:schedule-tag/></D:prop><D:href>%s</D:href></C:calendar-multiget>""".formatted(event)));
		assertThat(multiget).containsPattern("<C:schedule-tag[^>]*>" + Pattern.quote(organisers) + "</C:schedule-tag>");

		MockHttpServletResponse invitation = client.perform(caldav(pupil, "GET", copy));
		String pupils = invitation.getHeader("Schedule-Tag");
		assertThat(pupils).isNotNull().isNotEqualTo(organisers);

		// the pupil accepts on the copy they read: their PUT passes, their copy takes a new tag
		MockHttpServletResponse accepted = put(pupil, copy, answer(unfolded(invitation.getContentAsString(StandardCharsets.UTF_8)), pupil, "ACCEPTED"),
				pupils);
		assertThat(accepted.getStatus()).isEqualTo(204);
		assertThat(accepted.getHeader("Schedule-Tag")).isNotNull().isNotEqualTo(pupils);

		// the organiser's event now says ACCEPTED (new ETag) but keeps its Schedule-Tag: nothing for the organiser's client to merge
		MockHttpServletResponse answered = client.perform(caldav(teacher, "GET", event));
		assertThat(unfolded(answered.getContentAsString(StandardCharsets.UTF_8))).contains("PARTSTAT=ACCEPTED");
		assertThat(answered.getHeader("ETag")).isNotEqualTo(etagBefore);
		assertThat(answered.getHeader("Schedule-Tag")).isEqualTo(organisers);

		// so the organiser's client, holding the tag from before the answer, may still move the event: a new tag, a new copy
		MockHttpServletResponse moved = put(teacher, event, meeting("160000"), organisers);
		assertThat(moved.getStatus()).isEqualTo(204);
		assertThat(moved.getHeader("Schedule-Tag")).isNotNull().isNotEqualTo(organisers);
		assertThat(client.perform(caldav(teacher, "GET", event)).getHeader("Schedule-Tag")).isEqualTo(moved.getHeader("Schedule-Tag"));
		MockHttpServletResponse updated = client.perform(caldav(pupil, "GET", copy));
		assertThat(updated.getContentAsString(StandardCharsets.UTF_8)).contains("DTSTART:20261203T160000Z");
		assertThat(updated.getHeader("Schedule-Tag")).isNotEqualTo(accepted.getHeader("Schedule-Tag"));
	}

	@Test
	void anOldTagInIfScheduleTagMatchAnswers412AndChangesNothing() throws Exception {
		put(teacher, event, meeting("140000"), null);
		MockHttpServletResponse invitation = client.perform(caldav(pupil, "GET", copy));
		String stale = invitation.getHeader("Schedule-Tag");
		String pupils = unfolded(invitation.getContentAsString(StandardCharsets.UTF_8));
		String organisers = client.perform(caldav(teacher, "GET", event)).getHeader("Schedule-Tag");
		put(teacher, event, meeting("160000"), organisers);

		// the pupil's client answers on the copy from before the move: refused, the organiser's event knows no answer
		MockHttpServletResponse late = put(pupil, copy, answer(pupils, pupil, "ACCEPTED"), stale);
		assertThat(late.getStatus()).isEqualTo(412);
		assertThat(late.getContentAsString(StandardCharsets.UTF_8)).contains("organiser changed this event");
		assertThat(unfolded(client.text(caldav(teacher, "GET", event)))).doesNotContain("PARTSTAT=ACCEPTED").contains("T160000Z");
		assertThat(client.text(caldav(pupil, "GET", copy))).contains("T160000Z").doesNotContain("ACCEPTED");

		// the organiser's client with the tag of before: refused too, and a DELETE as well
		assertThat(put(teacher, event, meeting("090000"), organisers).getStatus()).isEqualTo(412);
		assertThat(client.perform(caldav(teacher, "DELETE", event).header("If-Schedule-Tag-Match", organisers)).getStatus()).isEqualTo(412);
		assertThat(client.text(caldav(teacher, "GET", event))).contains("T160000Z");
		assertThat(client.perform(caldav(pupil, "GET", copy)).getStatus()).isEqualTo(200);

		// an event that schedules nothing has no tag, so no tag matches it
		String plain = teacher.home() + "persoenlich/allein.ics";
		String alone = meeting("080000").replace("UID:konferenz-1", "UID:allein").replaceAll("ORGANIZER[^\r]*\r\nATTENDEE[^\r]*\r\n", "");
		MockHttpServletResponse written = put(teacher, plain, alone, null);
		assertThat(written.getStatus()).isEqualTo(201);
		assertThat(written.getHeader("Schedule-Tag")).isNull();
		assertThat(client.perform(caldav(teacher, "GET", plain)).getHeader("Schedule-Tag")).isNull();
		assertThat(put(teacher, plain, alone, organisers).getStatus()).isEqualTo(412);
		// the current tag passes
		String current = client.perform(caldav(teacher, "GET", event)).getHeader("Schedule-Tag");
		assertThat(client.perform(caldav(teacher, "DELETE", event).header("If-Schedule-Tag-Match", current)).getStatus()).isEqualTo(204);
		// what is gone stays a 404, whatever the condition
		assertThat(client.perform(caldav(teacher, "DELETE", event).header("If-Schedule-Tag-Match", current)).getStatus()).isEqualTo(404);
	}

	@Test
	void aForcedSendIsDeliveredAndNotStored() throws Exception {
		String forced = meeting("140000").replace("ATTENDEE;PARTSTAT", "ATTENDEE;SCHEDULE-FORCE-SEND=REQUEST;PARTSTAT");
		assertThat(put(teacher, event, forced, null).getStatus()).isEqualTo(201);
		assertThat(unfolded(client.text(caldav(teacher, "GET", event)))).doesNotContain("SCHEDULE-FORCE-SEND").contains("SCHEDULE-STATUS=1.2");
		assertThat(unfolded(client.text(caldav(pupil, "GET", copy)))).contains("SUMMARY:Konferenz").doesNotContain("SCHEDULE-FORCE-SEND");
	}

	@Test
	void theHomeAnnouncesAutoSchedulingAndTheOutboxSaysWhyItTakesNoInvitations() throws Exception {
		assertThat(client.perform(caldav(teacher, "OPTIONS", teacher.home())).getHeader("DAV")).contains("calendar-access")
			.contains("calendar-auto-schedule");
		assertThat(client.perform(caldav(teacher, "OPTIONS", "/caldav/")).getHeader("DAV")).contains("calendar-auto-schedule");
		String request = meeting("140000").replace("VERSION:2.0\r\n", "VERSION:2.0\r\nMETHOD:REQUEST\r\n");
		MockHttpServletResponse refused = client.perform(caldav(teacher, "POST", teacher.home() + "outbox/").contentType("text/calendar").content(request));
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("valid-scheduling-message").contains("calendar-auto-schedule")
			.contains("PUT or DELETE");
		assertThat(client.perform(caldav(pupil, "GET", copy)).getStatus()).as("nothing was delivered").isEqualTo(404);
	}

	private MockHttpServletResponse put(Person person, String path, String body, String tag) throws Exception {
		var request = caldav(person, "PUT", path).contentType("text/calendar").content(body);
		if (tag != null) {
			request.header("If-Schedule-Tag-Match", tag);
		}
		return client.perform(request);
	}

	private String propfind(Person person, String path) throws Exception {
		return client.text(caldav(person, "PROPFIND", path).header("Depth", "1")
			.content("<D:propfind xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop><D:getetag/><C:schedule-tag/></D:prop></D:propfind>"));
	}
}
