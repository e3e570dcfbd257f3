package de.schulhaus.calendar.dav;

import static de.schulhaus.calendar.dav.CalDavClient.caldav;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.calendar.dav.CalDavClient.Person;

/**
 * Every CalDAV method on a calendar of another school, named by its id below one's own home, answers exactly
 * as on an id that does not exist, and changes nothing there.
 */
@IntegrationTest
class CalDavForeignIdsTests {

	@Autowired MockMvc mvc;
	@Autowired ClientCredentials credentials;
	@Autowired AccountUserDetailsService users;
	@Autowired GroupManagement groups;

	CalDavClient client;
	Person teacher;
	Person foreignTeacher;
	UUID foreignClass;

	@BeforeEach
	void twoSchools() throws Exception {
		client = new CalDavClient(mvc, credentials, users);
		var t = new TestSchools(mvc);
		teacher = client.person(t.createUser(t.createSchool("Eigene Schule"), "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null));
		var other = t.createSchool("Fremde Schule");
		foreignTeacher = client.person(t.createUser(other, "Sara", "Fremd", "TEACHER", "Kompass-Laterne-Quitte-2034", "5c"));
		foreignClass = groups.list(other.id()).get(0).id();
		groups.addMember(other.id(), foreignClass, foreignTeacher.user().accountId(), true, foreignTeacher.user());
		client.put(foreignTeacher, foreignTeacher.home() + foreignClass + "/ausflug.ics",
				CalDavTests.event("ausflug@5c", "Ausflug", "20261204T080000", "20261204T120000", null));
	}

	private List<MockHttpServletRequestBuilder> requests(String calendar) {
		String event = CalDavTests.event("neu@x", "Eingeschmuggelt", "20261205T080000", "20261205T090000", null);
		String query = """
				<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop>
				<C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>""";
		String proppatch = """
				<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:displayname>Gekapert</D:displayname></D:prop></D:set></D:propertyupdate>""";
		return List.of(
				caldav(teacher, "PROPFIND", calendar).header("Depth", "1"),
				caldav(teacher, "REPORT", calendar).header("Depth", "1").contentType("application/xml").content(query),
				caldav(teacher, "PROPPATCH", calendar).contentType("application/xml").content(proppatch),
				caldav(teacher, "GET", calendar + "ausflug.ics"),
				caldav(teacher, "PUT", calendar + "ausflug.ics").contentType("text/calendar").content(event),
				caldav(teacher, "PUT", calendar + "neu.ics").contentType("text/calendar").content(event),
				caldav(teacher, "DELETE", calendar + "ausflug.ics"),
				caldav(teacher, "DELETE", calendar));
	}

	@Test
	void aForeignCalendarIdAnswersLikeAMissingOneForEveryMethod() throws Exception {
		List<MockHttpServletRequestBuilder> foreign = requests(teacher.home() + foreignClass + "/");
		List<MockHttpServletRequestBuilder> missing = requests(teacher.home() + UUID.randomUUID() + "/");
		for (int i = 0; i < foreign.size(); i++) {
			MockHttpServletResponse a = client.perform(foreign.get(i));
			MockHttpServletResponse b = client.perform(missing.get(i));
			assertThat(a.getStatus()).as("request %d", i).isEqualTo(b.getStatus()).isIn(403, 404, 405, 409);
			assertThat(a.getContentAsString(StandardCharsets.UTF_8)).as("request %d", i).doesNotContain("Ausflug").doesNotContain("SUMMARY");
		}
		// the other school's class calendar is as it was
		String stored = client.text(caldav(foreignTeacher, "GET", foreignTeacher.home() + foreignClass + "/ausflug.ics"));
		assertThat(stored).contains("SUMMARY:Ausflug");
		assertThat(client.perform(caldav(foreignTeacher, "GET", foreignTeacher.home() + foreignClass + "/neu.ics")).getStatus()).isEqualTo(404);
		assertThat(client.text(caldav(foreignTeacher, "PROPFIND", foreignTeacher.home() + foreignClass + "/").header("Depth", "0")))
			.doesNotContain("Gekapert");
	}
}
