package de.schulhaus.calendar.dav;

import static de.schulhaus.calendar.dav.CalDavClient.caldav;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

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
 * What a broken or hostile client sends over HTTP is refused with CalDAV's own preconditions (RFC 4791 5.3.2.1)
 * and stores nothing; a series without end is taken but never expanded without bound.
 */
@IntegrationTest
class CalDavBadInputTests {

	@Autowired MockMvc mvc;
	@Autowired ClientCredentials credentials;
	@Autowired AccountUserDetailsService users;

	CalDavClient client;
	Person teacher;

	@BeforeEach
	void aTeacher() throws Exception {
		client = new CalDavClient(mvc, credentials, users);
		var t = new TestSchools(mvc);
		teacher = client.person(t.createUser(t.createSchool("Eingaben-Schule"), "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null));
	}

	private static String event(String uid, String lines) {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\nBEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261130T120000Z\r\n"
				+ "SUMMARY:Test\r\n" + lines + "END:VEVENT\r\nEND:VCALENDAR\r\n";
	}

	private MockHttpServletResponse put(String name, String body) throws Exception {
		return client.perform(caldav(teacher, "PUT", teacher.home() + "persoenlich/" + name).contentType("text/calendar").content(body));
	}

	private void assertRefusedAndNothingStored(String name, MockHttpServletResponse response, String precondition) throws Exception {
		assertThat(response.getStatus()).as(name).isEqualTo(403);
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).as(name).contains(precondition);
		assertThat(client.perform(caldav(teacher, "GET", teacher.home() + "persoenlich/" + name)).getStatus()).as(name).isEqualTo(404);
	}

	@Test
	void aBrokenRuleAnUnknownZoneAndAHugeDescriptionAreRefusedWithTheirPrecondition() throws Exception {
		assertRefusedAndNothingStored("regel.ics", put("regel.ics", event("regel", "DTSTART:20261203T080000Z\r\nRRULE:FREQ=SOMETIMES;COUNT=3\r\n")),
				"valid-calendar-data");
		assertRefusedAndNothingStored("zone.ics", put("zone.ics", event("zone", "DTSTART;TZID=Mars/Olympus_Mons:20261203T080000\r\n")),
				"valid-calendar-data");
		String huge = "DESCRIPTION:" + "x".repeat(10 * 1024 * 1024) + "\r\nDTSTART:20261203T080000Z\r\n";
		assertRefusedAndNothingStored("gross.ics", put("gross.ics", event("gross", huge)), "max-resource-size");
	}

	@Test
	void aSeriesEverySecondForeverIsStoredButAQueryOverAYearAnswersBoundedAndQuickly() throws Exception {
		assertThat(put("sekunde.ics", event("sekunde", "DTSTART:20261203T080000Z\r\nDURATION:PT1S\r\nRRULE:FREQ=SECONDLY\r\n")).getStatus())
			.isIn(201, 204, 403);
		String query = """
				<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
				<D:prop><D:getetag/><C:calendar-data><C:expand start="20261201T000000Z" end="20271201T000000Z"/></C:calendar-data></D:prop>
				<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
				<C:time-range start="20261201T000000Z" end="20271201T000000Z"/></C:comp-filter></C:comp-filter></C:filter>
				</C:calendar-query>""";
		long started = System.nanoTime();
		MockHttpServletResponse report = client.perform(caldav(teacher, "REPORT", teacher.home() + "persoenlich/").header("Depth", "1")
			.contentType("application/xml").content(query));
		long millis = (System.nanoTime() - started) / 1_000_000;
		// refused as too many instances (RFC 4791's max-instances / 507-like) or answered with a bounded list, never hung
		assertThat(report.getStatus()).isIn(207, 403, 507);
		assertThat(report.getContentAsString(StandardCharsets.UTF_8).length()).isLessThan(5_000_000);
		assertThat(millis).as("ms for the report").isLessThan(10_000);
	}
}
