package de.schulhaus.calendar.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/** CalDAV as clients use it: discovery, events in, events out by report, sync, and who may change what. */
@IntegrationTest
class CalDavTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	GroupManagement groups;

	TestSchools.SchoolRef school;
	Person teacher;
	Person pupil;
	Person otherPupil;
	Group seven;
	Group eight;

	record Person(SchulhausUser user, String secret) {
	}

	@BeforeEach
	void classWithTeacherAndPupils() throws Exception {
		var t = new TestSchools(mvc);
		school = t.createSchool("Kalender-Schule");
		teacher = person(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null));
		pupil = person(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "7b"));
		otherPupil = person(t.createUser(school, "Olga", "Ofen", "PUPIL", "Kompass-Laterne-Quitte-2028", "8a"));
		seven = group("7b");
		eight = group("8a");
		groups.addMember(school.id(), seven.id(), teacher.user().accountId(), true, teacher.user());
	}

	static String event(String uid, String summary, String start, String end, String rrule) {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Schulhaus//Tests//DE\r\n"
				+ "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
				+ "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
				+ "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
				+ "END:VTIMEZONE\r\n"
				+ "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261130T120000Z\r\nSUMMARY:" + summary + "\r\n"
				+ "DTSTART;TZID=Europe/Berlin:" + start + "\r\nDTEND;TZID=Europe/Berlin:" + end + "\r\n"
				+ (rrule == null ? "" : "RRULE:" + rrule + "\r\n")
				+ "END:VEVENT\r\nEND:VCALENDAR\r\n";
	}

	@Test
	void aClientFindsThePersonsCalendarsFromTheWellKnownAddress() throws Exception {
		MockHttpServletResponse wellKnown = perform(caldav(pupil, "PROPFIND", "/.well-known/caldav").header("Depth", "0"));
		assertThat(wellKnown.getStatus()).isEqualTo(301);
		assertThat(wellKnown.getHeader("Location")).isEqualTo("/caldav/");

		String root = xml(perform(caldav(pupil, "PROPFIND", "/caldav/").header("Depth", "0")
			.content(propfind("<D:current-user-principal/>"))));
		String home = "/caldav/" + pupil.user().login() + "/";
		assertThat(root).contains("<D:current-user-principal><D:href>" + home + "</D:href>");

		String principal = xml(perform(caldav(pupil, "PROPFIND", home).header("Depth", "0")
			.content(propfind("<C:calendar-home-set/><C:calendar-user-address-set/><D:resourcetype/><D:displayname/>"))));
		assertThat(principal).contains("calendar-home-set").contains("<D:href>" + home + "</D:href>")
			.contains("mailto:" + pupil.user().login()).contains("<D:principal").contains("Paul Pult");

		String listing = xml(perform(caldav(pupil, "PROPFIND", home).header("Depth", "1")
			.content(propfind("<D:resourcetype/><D:displayname/><CS:getctag/><D:current-user-privilege-set/>"))));
		assertThat(listing).contains(home + "persoenlich/").contains(home + "schule/").contains(home + seven.id() + "/")
			.contains(">7b<").doesNotContain(eight.id().toString());
		assertThat(listing).contains("<C:calendar");
		assertThat(perform(caldav(pupil, "OPTIONS", home)).getHeader("DAV")).contains("calendar-access");
	}

	@Test
	void anEventGoesInAndComesOutAsItWasSent() throws Exception {
		String home = home(pupil);
		String body = event("e1@schulhaus", "Zahnarzt", "20261203T080000", "20261203T090000", null);
		MockHttpServletResponse put = perform(caldav(pupil, "PUT", home + "persoenlich/e1.ics").contentType("text/calendar; charset=utf-8")
			.header("If-None-Match", "*").content(body));
		assertThat(put.getStatus()).isEqualTo(201);
		String etag = put.getHeader("ETag");
		assertThat(etag).isNotBlank();
		MockHttpServletResponse get = perform(caldav(pupil, "GET", home + "persoenlich/e1.ics"));
		assertThat(get.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(body);
		assertThat(get.getContentType()).startsWith("text/calendar");
		assertThat(get.getHeader("ETag")).isEqualTo(etag);
		// a second create at the same name is refused, an update with the right ETag goes through
		assertThat(perform(caldav(pupil, "PUT", home + "persoenlich/e1.ics").header("If-None-Match", "*").contentType("text/calendar")
			.content(body)).getStatus()).isEqualTo(412);
		String moved = body.replace("T080000", "T070000");
		assertThat(perform(caldav(pupil, "PUT", home + "persoenlich/e1.ics").header("If-Match", etag).contentType("text/calendar").content(moved))
			.getStatus()).isEqualTo(204);
		assertThat(perform(caldav(pupil, "PUT", home + "persoenlich/e1.ics").header("If-Match", etag).contentType("text/calendar").content(body))
			.getStatus()).isEqualTo(412);
		assertThat(perform(caldav(pupil, "DELETE", home + "persoenlich/e1.ics")).getStatus()).isEqualTo(204);
		assertThat(perform(caldav(pupil, "GET", home + "persoenlich/e1.ics")).getStatus()).isEqualTo(404);
	}

	@Test
	void badDataIsRefusedWithTheCalDavPrecondition() throws Exception {
		String home = home(pupil);
		MockHttpServletResponse garbage = perform(caldav(pupil, "PUT", home + "persoenlich/x.ics").contentType("text/calendar").content("Hallo Welt"));
		assertThat(garbage.getStatus()).isEqualTo(403);
		assertThat(xml(garbage)).contains("valid-calendar-data");
		String noUid = event("u", "Ohne UID", "20261203T080000", "20261203T090000", null).replace("UID:u\r\n", "");
		MockHttpServletResponse missing = perform(caldav(pupil, "PUT", home + "persoenlich/y.ics").contentType("text/calendar").content(noUid));
		assertThat(missing.getStatus()).isEqualTo(403);
		assertThat(xml(missing)).contains("valid-calendar-object-resource").contains("UID");
		assertThat(perform(caldav(pupil, "PUT", home + "persoenlich/a.ics").contentType("text/calendar")
			.content(event("same@x", "A", "20261203T080000", "20261203T090000", null))).getStatus()).isEqualTo(201);
		MockHttpServletResponse twice = perform(caldav(pupil, "PUT", home + "persoenlich/b.ics").contentType("text/calendar")
			.content(event("same@x", "B", "20261203T080000", "20261203T090000", null)));
		assertThat(twice.getStatus()).isEqualTo(403);
		assertThat(xml(twice)).contains("no-uid-conflict").contains(home + "persoenlich/a.ics");
		MockHttpServletResponse notCalendar = perform(caldav(pupil, "PUT", home + "persoenlich/c.ics").contentType("text/plain").content("x"));
		assertThat(xml(notCalendar)).contains("supported-calendar-data");
		assertThat(perform(caldav(pupil, "GET", home + "persoenlich/b.ics")).getStatus()).isEqualTo(404);
	}

	@Test
	void theClassCalendarIsWrittenByItsTeacherAndReadByItsPupils() throws Exception {
		String body = event("klassenfahrt@7b", "Klassenfahrt", "20261207T080000", "20261211T160000", null);
		assertThat(perform(caldav(pupil, "PUT", home(pupil) + seven.id() + "/fahrt.ics").contentType("text/calendar").content(body)).getStatus())
			.isEqualTo(403);
		assertThat(perform(caldav(teacher, "PUT", home(teacher) + seven.id() + "/fahrt.ics").contentType("text/calendar").content(body)).getStatus())
			.isEqualTo(201);
		assertThat(perform(caldav(pupil, "GET", home(pupil) + seven.id() + "/fahrt.ics")).getContentAsString(StandardCharsets.UTF_8)).isEqualTo(body);
		assertThat(perform(caldav(otherPupil, "GET", home(otherPupil) + seven.id() + "/fahrt.ics")).getStatus()).isEqualTo(404);
		// each privilege an empty element, <D:read/>, however the writer spells it (the JDK's: <D:read></D:read>)
		String rights = xml(perform(caldav(pupil, "PROPFIND", home(pupil) + seven.id() + "/").header("Depth", "0")
			.content(propfind("<D:current-user-privilege-set/>")))).replaceAll("<(D:[a-z-]+)></\\1>", "<$1/>");
		assertThat(rights).contains("<D:read/>").doesNotContain("<D:write/>");
		// the school's calendar: everyone reads, only school admins write
		assertThat(perform(caldav(teacher, "PUT", home(teacher) + "schule/konferenz.ics").contentType("text/calendar")
			.content(event("konferenz@x", "Konferenz", "20261207T140000", "20261207T160000", null))).getStatus()).isEqualTo(403);
	}

	@Test
	void aPupilWhoChangesClassSeesTheNewClassCalendarAndLosesTheOld() throws Exception {
		assertThat(perform(caldav(teacher, "PUT", home(teacher) + seven.id() + "/fahrt.ics").contentType("text/calendar")
			.content(event("fahrt@7b", "Fahrt", "20261207T080000", "20261211T160000", null))).getStatus()).isEqualTo(201);
		groups.removeMember(school.id(), seven.id(), pupil.user().accountId(), teacher.user());
		groups.addMember(school.id(), eight.id(), pupil.user().accountId(), false, teacher.user());
		String listing = xml(perform(caldav(pupil, "PROPFIND", home(pupil)).header("Depth", "1").content(propfind("<D:displayname/>"))));
		assertThat(listing).contains(eight.id().toString()).doesNotContain(seven.id().toString());
		assertThat(perform(caldav(pupil, "GET", home(pupil) + seven.id() + "/fahrt.ics")).getStatus()).isEqualTo(404);
	}

	@Test
	void multigetAndQueryAnswerWithTheEventsData() throws Exception {
		String home = home(pupil);
		String weekly = event("mathe@x", "Mathe-AG", "20261102T140000", "20261102T150000", "FREQ=WEEKLY;BYDAY=MO;COUNT=20");
		String once = event("once@x", "Ausflug", "20261120T080000", "20261120T120000", null);
		put(pupil, home + "persoenlich/mathe.ics", weekly);
		put(pupil, home + "persoenlich/once.ics", once);

		String multiget = xml(perform(caldav(pupil, "REPORT", home + "persoenlich/").header("Depth", "1").content("""
				<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
				  <D:prop><D:getetag/><C:calendar-data/></D:prop>
				  <D:href>%spersoenlich/mathe.ics</D:href>
				  <D:href>%spersoenlich/fehlt.ics</D:href>
				</C:calendar-multiget>""".formatted(home, home))));
		assertThat(multiget).contains("Mathe-AG").contains("FREQ=WEEKLY").contains("fehlt.ics").contains("404").doesNotContain("Ausflug");

		// February 2027: only the weekly event has instances then (20 Mondays from 2 November 2026)
		String february = xml(perform(caldav(pupil, "REPORT", home + "persoenlich/").header("Depth", "1").content(query("20270201T000000Z", "20270301T000000Z"))));
		assertThat(february).contains("mathe.ics").doesNotContain("once.ics");
		String november = xml(perform(caldav(pupil, "REPORT", home + "persoenlich/").header("Depth", "1").content(query("20261120T000000Z", "20261121T000000Z"))));
		assertThat(november).contains("once.ics").doesNotContain("mathe.ics");
		// after the 20th Monday (15 March 2027) nothing is left
		String april = xml(perform(caldav(pupil, "REPORT", home + "persoenlich/").header("Depth", "1").content(query("20270401T000000Z", "20270501T000000Z"))));
		assertThat(april).doesNotContain("mathe.ics").doesNotContain("once.ics");
	}

	@Test
	void freeBusyTellsWhenThePersonIsBusyAndNothingElse() throws Exception {
		String home = home(pupil);
		// Thursday 3 December 2026, 08:00-09:00 Berlin = 07:00-08:00Z; a transparent reminder at 10:00; a weekly AG on Mondays 14:00
		put(pupil, home + "persoenlich/arzt.ics", event("arzt@x", "Zahnarzt", "20261203T080000", "20261203T090000", null));
		put(pupil, home + "persoenlich/frei.ics", event("frei@x", "Erinnerung", "20261203T100000", "20261203T110000", null)
			.replace("SUMMARY:Erinnerung", "SUMMARY:Erinnerung\r\nTRANSP:TRANSPARENT"));
		put(pupil, home + "persoenlich/ag.ics", event("ag@x", "Theater-AG", "20261130T140000", "20261130T153000", "FREQ=WEEKLY;COUNT=4"));
		MockHttpServletResponse answer = perform(caldav(pupil, "REPORT", home + "persoenlich/").header("Depth", "1").content("""
				<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range start="20261130T000000Z" end="20261207T000000Z"/></C:free-busy-query>"""));
		assertThat(answer.getStatus()).isEqualTo(200);
		assertThat(answer.getContentType()).startsWith("text/calendar");
		String body = answer.getContentAsString(StandardCharsets.UTF_8);
		assertThat(body).contains("BEGIN:VFREEBUSY").contains("FREEBUSY:20261130T130000Z/20261130T143000Z")
			.contains("FREEBUSY:20261203T070000Z/20261203T080000Z").doesNotContain("20261203T090000Z/").doesNotContain("Zahnarzt")
			.doesNotContain("20261207T130000Z");
		assertThat(perform(caldav(pupil, "REPORT", home + "persoenlich/").content(
				"<C:free-busy-query xmlns:C=\"urn:ietf:params:xml:ns:caldav\"/>")).getStatus()).isEqualTo(400);
	}

	@Test
	void syncCollectionTellsWhatChangedSinceAToken() throws Exception {
		String home = home(pupil);
		put(pupil, home + "persoenlich/a.ics", event("a@x", "A", "20261203T080000", "20261203T090000", null));
		put(pupil, home + "persoenlich/b.ics", event("b@x", "B", "20261204T080000", "20261204T090000", null));
		String first = xml(perform(caldav(pupil, "REPORT", home + "persoenlich/").content(sync(""))));
		assertThat(first).contains("a.ics").contains("b.ics");
		String token = token(first);
		String nothing = xml(perform(caldav(pupil, "REPORT", home + "persoenlich/").content(sync(token))));
		assertThat(nothing).doesNotContain(".ics").contains(token);

		put(pupil, home + "persoenlich/b.ics", event("b@x", "B später", "20261204T100000", "20261204T110000", null));
		put(pupil, home + "persoenlich/c.ics", event("c@x", "C", "20261205T080000", "20261205T090000", null));
		assertThat(perform(caldav(pupil, "DELETE", home + "persoenlich/a.ics")).getStatus()).isEqualTo(204);
		String changes = xml(perform(caldav(pupil, "REPORT", home + "persoenlich/").content(sync(token))));
		assertThat(changes).contains("b.ics").contains("c.ics").contains("a.ics</D:href><D:status>HTTP/1.1 404");
		assertThat(token(changes)).isNotEqualTo(token);

		MockHttpServletResponse foreign = perform(caldav(pupil, "REPORT", home + "persoenlich/").content(sync("urn:x-schulhaus:sync:nonsense:1")));
		assertThat(foreign.getStatus()).isEqualTo(403);
		assertThat(xml(foreign)).contains("valid-sync-token");
	}

	@Test
	void clientsMakeRenameAndDeleteCalendarsOfTheirOwn() throws Exception {
		String home = home(teacher);
		MockHttpServletResponse made = perform(caldav(teacher, "MKCALENDAR", home + "sport/").content("""
				<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/">
				  <D:set><D:prop><D:displayname>Sport &amp; Spiel</D:displayname><A:calendar-color>#FF8800FF</A:calendar-color>
				  <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set>
				</C:mkcalendar>"""));
		assertThat(made.getStatus()).isEqualTo(201);
		String listed = xml(perform(caldav(teacher, "PROPFIND", home + "sport/").header("Depth", "0")
			.content(propfind("<D:displayname/><A:calendar-color/><C:supported-calendar-component-set/>"))));
		assertThat(listed).contains("Sport &amp; Spiel").contains("#FF8800FF").contains("name=\"VEVENT\"").doesNotContain("VTODO");
		assertThat(perform(caldav(teacher, "PROPPATCH", home + "sport/").content("""
				<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:displayname>Sport-AG</D:displayname></D:prop></D:set></D:propertyupdate>"""))
			.getStatus()).isEqualTo(207);
		assertThat(xml(perform(caldav(teacher, "PROPFIND", home + "sport/").header("Depth", "0").content(propfind("<D:displayname/>")))))
			.contains("Sport-AG");
		assertThat(perform(caldav(teacher, "MKCALENDAR", home + "sport/")).getStatus()).isEqualTo(405);
		assertThat(perform(caldav(teacher, "DELETE", home + "sport/")).getStatus()).isEqualTo(204);
		assertThat(perform(caldav(teacher, "PROPFIND", home + "sport/").header("Depth", "0")).getStatus()).isEqualTo(404);
		assertThat(perform(caldav(teacher, "DELETE", home + "persoenlich/")).getStatus()).isEqualTo(403);
		assertThat(perform(caldav(teacher, "DELETE", home + seven.id() + "/")).getStatus()).isEqualTo(403);
	}

	@Test
	void anotherPersonsHomeAndAnotherSchoolsGroupAnswerLikeNothing() throws Exception {
		assertThat(perform(caldav(pupil, "PROPFIND", home(otherPupil)).header("Depth", "0")).getStatus()).isEqualTo(404);
		var t = new TestSchools(mvc);
		var other = t.createSchool("Andere Schule");
		Person stranger = person(t.createUser(other, "Sara", "Fremd", "TEACHER", "Kompass-Laterne-Quitte-2030", "5c"));
		put(teacher, home(teacher) + seven.id() + "/geheim.ics", event("g@x", "Geheim", "20261203T080000", "20261203T090000", null));
		int foreign = perform(caldav(stranger, "PROPFIND", home(stranger) + seven.id() + "/").header("Depth", "1")).getStatus();
		int missing = perform(caldav(stranger, "PROPFIND", home(stranger) + java.util.UUID.randomUUID() + "/").header("Depth", "1")).getStatus();
		assertThat(foreign).isEqualTo(404).isEqualTo(missing);
		assertThat(perform(caldav(stranger, "GET", home(stranger) + seven.id() + "/geheim.ics")).getStatus()).isEqualTo(404);
		// a password for files opens no calendars
		String files = credentials.createAppPassword(pupil.user(), "Dateien", Set.of(Scope.FILES), null).secret();
		assertThat(perform(request(HttpMethod.valueOf("PROPFIND"), java.net.URI.create(home(pupil))).with(httpBasic(pupil.user().login(), files)))
			.getStatus()).isEqualTo(401);
	}

	private void put(Person person, String path, String body) throws Exception {
		assertThat(perform(caldav(person, "PUT", path).contentType("text/calendar").content(body)).getStatus()).isIn(201, 204);
	}

	private static String query(String start, String end) {
		return """
				<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
				  <D:prop><D:getetag/></D:prop>
				  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
				    <C:time-range start="%s" end="%s"/>
				  </C:comp-filter></C:comp-filter></C:filter>
				</C:calendar-query>""".formatted(start, end);
	}

	private static String sync(String token) {
		return """
				<D:sync-collection xmlns:D="DAV:"><D:sync-token>%s</D:sync-token><D:sync-level>1</D:sync-level>
				<D:prop><D:getetag/></D:prop></D:sync-collection>""".formatted(token);
	}

	private static String token(String xml) {
		Matcher m = Pattern.compile("<D:sync-token>([^<]+)</D:sync-token>").matcher(xml);
		assertThat(m.find()).as("a sync token in " + xml).isTrue();
		return m.group(1);
	}

	private static String propfind(String props) {
		return "<D:propfind xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\" xmlns:CS=\"http://calendarserver.org/ns/\""
				+ " xmlns:A=\"http://apple.com/ns/ical/\"><D:prop>" + props + "</D:prop></D:propfind>";
	}

	private Group group(String name) {
		return groups.list(school.id()).stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
	}

	private static String home(Person person) {
		return "/caldav/" + person.user().login() + "/";
	}

	private Person person(TestSchools.UserRef ref) {
		SchulhausUser user = users.load(ref.login()).orElseThrow();
		return new Person(user, credentials.createAppPassword(user, "Kalender", Set.of(Scope.CALENDAR), null).secret());
	}

	private static MockHttpServletRequestBuilder caldav(Person person, String method, String path) {
		return request(HttpMethod.valueOf(method), java.net.URI.create(path)).with(httpBasic(person.user().login(), person.secret()));
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder builder) throws Exception {
		return mvc.perform(builder).andReturn().getResponse();
	}

	private static String xml(MockHttpServletResponse response) throws Exception {
		return response.getContentAsString(StandardCharsets.UTF_8);
	}
}
