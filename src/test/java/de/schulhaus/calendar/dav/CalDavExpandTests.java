package de.schulhaus.calendar.dav;

import static de.schulhaus.calendar.dav.CalDavClient.caldav;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/** CalDAV's expand (RFC 4791 9.6.5): a series read as its instances in UTC, as clients without a recurrence engine ask. */
@IntegrationTest
class CalDavExpandTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	CalDavClient client;
	CalDavClient.Person teacher;

	/**
	 * Tuesdays at 08:00 in Berlin from 13 October 2026, five times, across the end of summer time (25 October):
	 * 27 October moved to 10:00 with its own title, 3 November cancelled.
	 */
	static final String SERIES = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Schulhaus//Tests//DE\r\n"
			+ "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
			+ "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
			+ "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
			+ "END:VTIMEZONE\r\n"
			+ "BEGIN:VEVENT\r\nUID:chor@x\r\nDTSTAMP:20261130T120000Z\r\nSUMMARY:Chorprobe\r\nLOCATION:Aula\r\n"
			+ "DTSTART;TZID=Europe/Berlin:20261013T080000\r\nDTEND;TZID=Europe/Berlin:20261013T090000\r\n"
			+ "RRULE:FREQ=WEEKLY;COUNT=5\r\nEXDATE;TZID=Europe/Berlin:20261103T080000\r\n"
			+ "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Noten mitbringen\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n"
			+ "END:VEVENT\r\n"
			+ "BEGIN:VEVENT\r\nUID:chor@x\r\nDTSTAMP:20261130T120000Z\r\nSUMMARY:Chorprobe (Generalprobe)\r\n"
			+ "RECURRENCE-ID;TZID=Europe/Berlin:20261027T080000\r\n"
			+ "DTSTART;TZID=Europe/Berlin:20261027T100000\r\nDTEND;TZID=Europe/Berlin:20261027T120000\r\n"
			+ "END:VEVENT\r\nEND:VCALENDAR\r\n";

	@BeforeEach
	void teacherWithASeries() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Expand-Schule");
		client = new CalDavClient(mvc, credentials, users);
		teacher = client.person(t.createUser(school, "Erik", "Erweitert", "TEACHER", "Kompass-Laterne-Quitte-2031", null));
		client.put(teacher, teacher.home() + "persoenlich/chor.ics", SERIES);
		client.put(teacher, teacher.home() + "persoenlich/einmal.ics", SERIES.substring(0, SERIES.indexOf("BEGIN:VEVENT"))
				+ "BEGIN:VEVENT\r\nUID:einmal@x\r\nDTSTAMP:20261130T120000Z\r\nSUMMARY:Elternabend\r\n"
				+ "DTSTART;TZID=Europe/Berlin:20261104T190000\r\nDTEND;TZID=Europe/Berlin:20261104T203000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
	}

	@Test
	void aQueryWithExpandAnswersTheInstancesInUtcAcrossTheChangeOfTime() throws Exception {
		String answer = client.text(caldav(teacher, "REPORT", teacher.home() + "persoenlich/").header("Depth", "1").content(query(
				"<C:expand start=\"20261019T000000Z\" end=\"20261201T000000Z\"/>", "20261019T000000Z", "20261201T000000Z")));
		String chor = data(answer, "chor.ics");
		// 20 October in summer time (UTC+2), the moved 27 October at 10:00 in winter time (UTC+1), 10 November at 08:00 (UTC+1)
		assertThat(chor).contains("DTSTART:20261020T060000Z\r\nDTEND:20261020T070000Z\r\nRECURRENCE-ID:20261020T060000Z\r\n")
			.contains("DTSTART:20261027T090000Z\r\nDTEND:20261027T110000Z\r\nRECURRENCE-ID:20261027T070000Z\r\n")
			.contains("DTSTART:20261110T070000Z\r\nDTEND:20261110T080000Z\r\nRECURRENCE-ID:20261110T070000Z\r\n")
			// before the range, and the cancelled one
			.doesNotContain("20261013T").doesNotContain("20261103T")
			.doesNotContain("RRULE").doesNotContain("EXDATE").doesNotContain("VTIMEZONE").doesNotContain("TZID");
		assertThat(count(chor, "BEGIN:VEVENT")).isEqualTo(3);
		assertThat(chor).contains("SUMMARY:Chorprobe (Generalprobe)").contains("LOCATION:Aula").contains("BEGIN:VALARM\r\nACTION:DISPLAY");
		// the moved instance has its own title, the others the series'
		assertThat(count(chor, "SUMMARY:Chorprobe\r\n")).isEqualTo(2);
		// a single event is in UTC too, and has no RECURRENCE-ID
		String once = data(answer, "einmal.ics");
		assertThat(once).contains("DTSTART:20261104T180000Z\r\nDTEND:20261104T193000Z\r\n").doesNotContain("RECURRENCE-ID").doesNotContain("TZID");
	}

	@Test
	void aMultigetWithExpandAnswersOnlyTheInstancesInItsRange() throws Exception {
		String answer = client.text(caldav(teacher, "REPORT", teacher.home() + "persoenlich/").header("Depth", "1").content("""
				<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
				  <D:prop><D:getetag/><C:calendar-data><C:expand start="20261026T000000Z" end="20261028T000000Z"/></C:calendar-data></D:prop>
				  <D:href>%spersoenlich/chor.ics</D:href>
				</C:calendar-multiget>""".formatted(teacher.home())));
		String chor = data(answer, "chor.ics");
		assertThat(count(chor, "BEGIN:VEVENT")).isEqualTo(1);
		assertThat(chor).contains("RECURRENCE-ID:20261027T070000Z").contains("Generalprobe");
		// without expand the data is as it was sent
		String plain = client.text(caldav(teacher, "GET", teacher.home() + "persoenlich/chor.ics"));
		assertThat(plain).isEqualTo(SERIES);
	}

	@Test
	void anExpandWithoutItsEndIsABadRequest() throws Exception {
		var answer = client.perform(caldav(teacher, "REPORT", teacher.home() + "persoenlich/").header("Depth", "1")
			.content(query("<C:expand start=\"20261019T000000Z\"/>", "20261019T000000Z", "20261201T000000Z")));
		assertThat(answer.getStatus()).isEqualTo(400);
	}

	private static String query(String expand, String start, String end) {
		return """
				<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
				  <D:prop><D:getetag/><C:calendar-data>%s</C:calendar-data></D:prop>
				  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
				    <C:time-range start="%s" end="%s"/>
				  </C:comp-filter></C:comp-filter></C:filter>
				</C:calendar-query>""".formatted(expand, start, end);
	}

	/** The calendar-data of the response for this name, with the XML escapes of CR undone. */
	private static String data(String multistatus, String name) {
		Matcher m = Pattern.compile("<D:response><D:href>[^<]*/" + Pattern.quote(name) + "</D:href>.*?calendar-data[^>]*>(.*?)</[A-Za-z0-9]*:?calendar-data>",
				Pattern.DOTALL).matcher(multistatus);
		assertThat(m.find()).as(name + " in " + multistatus).isTrue();
		return m.group(1).replace("&#xd;", "\r").replace("&#13;", "\r").replace("&#xD;", "\r");
	}

	private static int count(String text, String part) {
		return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
	}
}
