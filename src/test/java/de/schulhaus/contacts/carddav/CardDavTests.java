package de.schulhaus.contacts.carddav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
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

/** CardDAV as clients use it: discovery, the school's directory, a personal address book written and read, sync. */
@IntegrationTest
class CardDavTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	GroupManagement groups;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	TestSchools.SchoolRef school;
	Person teacher;
	Person pupil;
	Person classmate;
	Person otherPupil;
	Group seven;
	Group eight;

	record Person(SchulhausUser user, String secret) {
	}

	@BeforeEach
	void twoClassesWithATeacher() throws Exception {
		var t = new TestSchools(mvc);
		school = t.createSchool("Adressbuch-Schule");
		teacher = person(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null));
		pupil = person(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "7b"));
		classmate = person(t.createUser(school, "Klara", "Kreide", "PUPIL", "Kompass-Laterne-Quitte-2029", "7b"));
		otherPupil = person(t.createUser(school, "Olga", "Ofen", "PUPIL", "Kompass-Laterne-Quitte-2028", "8a"));
		seven = group("7b");
		eight = group("8a");
		groups.addMember(school.id(), seven.id(), teacher.user().accountId(), true, teacher.user());
		// the groups' mail lists follow the roster after the commit; their addresses are on the group cards
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from mail_list where school_id = :school").param("school", school.id()).query(Long.class).single() >= 2);
	}

	static String vcard3(String uid, String first, String last, String email) {
		return "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:" + uid + "\r\nFN:" + first + " " + last + "\r\nN:" + last + ";" + first + ";;;\r\n"
				+ (email == null ? "" : "EMAIL;TYPE=INTERNET:" + email + "\r\n") + "END:VCARD\r\n";
	}

	static String vcard4(String uid, String fn, String nickname) {
		return "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:" + uid + "\r\nFN:" + fn + "\r\n" + (nickname == null ? "" : "NICKNAME:" + nickname + "\r\n")
				+ "END:VCARD\r\n";
	}

	@Test
	void aClientFindsThePersonsAddressBooksFromTheWellKnownAddress() throws Exception {
		MockHttpServletResponse wellKnown = perform(carddav(pupil, "PROPFIND", "/.well-known/carddav").header("Depth", "0"));
		assertThat(wellKnown.getStatus()).isEqualTo(301);
		assertThat(wellKnown.getHeader("Location")).isEqualTo("/carddav/");

		String home = home(pupil);
		String root = xml(perform(carddav(pupil, "PROPFIND", "/carddav/").header("Depth", "0")
			.content(propfind("<D:current-user-principal/><CR:addressbook-home-set/>"))));
		assertThat(root).contains("<D:current-user-principal><D:href>" + home + "</D:href>").contains("addressbook-home-set");

		String principal = xml(perform(carddav(pupil, "PROPFIND", home).header("Depth", "0")
			.content(propfind("<CR:addressbook-home-set/><D:resourcetype/><D:displayname/>"))));
		assertThat(principal).contains("addressbook-home-set").contains("<D:href>" + home + "</D:href>").contains("<D:principal").contains("Paul Pult");

		String listing = xml(perform(carddav(pupil, "PROPFIND", home).header("Depth", "1")
			.content(propfind("<D:resourcetype/><D:displayname/><CS:getctag/><D:sync-token/><CR:supported-address-data/>"
					+ "<CR:max-resource-size/><D:current-user-privilege-set/><D:supported-report-set/>"))));
		assertThat(listing).contains(home + "schule/").contains(home + "kontakte/").contains("<CR:addressbook").contains(">Schule<")
			.contains(">Kontakte<").contains("version=\"4.0\"").contains("version=\"3.0\"").contains("1000000").contains("addressbook-multiget")
			.contains("sync-collection");
		assertThat(perform(carddav(pupil, "OPTIONS", home)).getHeader("DAV")).contains("addressbook");
	}

	@Test
	void aPupilSeesTeachersAndTheOwnClassButNotAnotherClassesPupils() throws Exception {
		String directory = xml(perform(carddav(pupil, "REPORT", home(pupil) + "schule/").header("Depth", "1").content(query("", true))));
		assertThat(directory).contains("Tina Tafel").contains("Klara Kreide").contains("Paul Pult").doesNotContain("Olga Ofen")
			.contains(teacher.user().login()).contains("Lehrkraft");
		// the class as a contact group with its members; the other class is not there
		assertThat(directory).contains(seven.id() + ".vcf").contains("X-ADDRESSBOOKSERVER-KIND:group")
			.contains("X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:" + classmate.user().accountId()).doesNotContain(eight.id().toString());
		assertThat(perform(carddav(pupil, "GET", home(pupil) + "schule/" + otherPupil.user().accountId() + ".vcf")).getStatus()).isEqualTo(404);

		String teachers = xml(perform(carddav(teacher, "REPORT", home(teacher) + "schule/").header("Depth", "1").content(query("", true))));
		assertThat(teachers).contains("Olga Ofen").contains("Paul Pult").contains(eight.id() + ".vcf").contains(seven.id() + ".vcf");
		MockHttpServletResponse olga = perform(carddav(teacher, "GET", home(teacher) + "schule/" + otherPupil.user().accountId() + ".vcf"));
		assertThat(olga.getStatus()).isEqualTo(200);
		assertThat(olga.getContentType()).startsWith("text/vcard");
		assertThat(olga.getContentAsString(StandardCharsets.UTF_8)).contains("VERSION:3.0").contains("FN:Olga Ofen").contains("N:Ofen;Olga")
			.contains(otherPupil.user().login()).contains("CATEGORIES:8a").contains("ORG:Adressbuch-Schule");
	}

	@Test
	void groupsComeAsVCard4KindGroupWhenAClientAsksFor4() throws Exception {
		String body = """
				<CR:addressbook-multiget xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
				  <D:prop><D:getetag/><CR:address-data content-type="text/vcard" version="4.0"/></D:prop>
				  <D:href>%sschule/%s.vcf</D:href>
				</CR:addressbook-multiget>""".formatted(home(teacher), seven.id());
		String answer = xml(perform(carddav(teacher, "REPORT", home(teacher) + "schule/").header("Depth", "1").content(body)));
		assertThat(answer).contains("VERSION:4.0").contains("KIND:group").contains("MEMBER:urn:uuid:" + pupil.user().accountId())
			.contains("MEMBER:urn:uuid:" + teacher.user().accountId()).contains("FN:7b")
			// a phone writes to the class as to a person: the list's address is the group's
			.containsPattern("EMAIL;TYPE=work:7b@" + java.util.regex.Pattern.quote(school.domain()));
	}

	@Autowired
	de.schulhaus.accounts.AccountManagement accounts;

	@Autowired
	de.schulhaus.accounts.internal.AccountRepository accountRows;

	@Test
	void aSyncAfterRosterChangesAnswersOnlyWhoCameWhoWasRenamedAndWhoLeft() throws Exception {
		String directory = home(teacher) + "schule/";
		String first = xml(perform(carddav(teacher, "REPORT", directory).content(sync(""))));
		assertThat(first).contains(pupil.user().accountId() + ".vcf").contains(classmate.user().accountId() + ".vcf")
			.contains(otherPupil.user().accountId() + ".vcf");
		String token = token(first);

		// a new pupil in 8a, Klara renamed (as a roster import writes it), Olga left the school
		var t = new TestSchools(mvc);
		SchulhausUser newcomer = users.load(t.createUser(school, "Nina", "Neu", "PUPIL", "Kompass-Laterne-Quitte-2030", "8a").login()).orElseThrow();
		accountRows.updateNamesAndRole(school.id(), classmate.user().accountId(), "Klara", "Kreide-Schulz", de.schulhaus.platform.Role.PUPIL);
		SchulhausUser admin = users.load(t.createUser(school, "Anja", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2031", null).login())
			.orElseThrow();
		accounts.setStatus(school.id(), otherPupil.user().accountId(), de.schulhaus.accounts.AccountStatus.DEACTIVATED, admin);

		MockHttpServletResponse second = perform(carddav(teacher, "REPORT", directory).content(sync(token)));
		assertThat(second.getStatus()).isEqualTo(207);
		String changes = xml(second);
		assertThat(responses(changes)).containsOnly(directory + newcomer.accountId() + ".vcf", directory + classmate.user().accountId() + ".vcf",
				directory + otherPupil.user().accountId() + ".vcf", directory + eight.id() + ".vcf", directory + admin.accountId() + ".vcf");
		// Olga's card is gone, the others come with their new ETags; Paul, Tina and 7b are not sent again
		assertThat(changes).containsPattern("<D:href>" + java.util.regex.Pattern.quote(directory + otherPupil.user().accountId() + ".vcf")
				+ "</D:href>\\s*<D:status>HTTP/1.1 404 Not Found</D:status>");
		String next = token(changes);
		assertThat(next).isNotEqualTo(token);
		assertThat(perform(carddav(teacher, "GET", directory + classmate.user().accountId() + ".vcf")).getContentAsString(StandardCharsets.UTF_8))
			.contains("FN:Klara Kreide-Schulz");
		// and from the new token nothing more
		assertThat(responses(xml(perform(carddav(teacher, "REPORT", directory).content(sync(next)))))).isEmpty();
		// the older token still answers the same (a second device of the teacher's)
		assertThat(responses(xml(perform(carddav(teacher, "REPORT", directory).content(sync(token)))))).hasSize(5);
	}

	private static java.util.List<String> responses(String xml) {
		java.util.List<String> hrefs = new java.util.ArrayList<>();
		Matcher m = Pattern.compile("<D:response>\\s*<D:href>([^<]+)</D:href>").matcher(xml);
		while (m.find()) {
			hrefs.add(m.group(1));
		}
		return hrefs;
	}

	@Test
	void theDirectoryFollowsTheRosterAndCannotBeWritten() throws Exception {
		String card = home(teacher) + "schule/" + classmate.user().accountId() + ".vcf";
		String etag = perform(carddav(teacher, "GET", card)).getHeader("ETag");
		String token = token(xml(perform(carddav(pupil, "REPORT", home(pupil) + "schule/").content(sync("")))));
		assertThat(xml(perform(carddav(pupil, "REPORT", home(pupil) + "schule/").content(sync(token))))).doesNotContain(".vcf").contains(token);

		// Klara also joins 8a: the teacher sees it on her card; nothing the pupil sees changed, so neither did the token
		groups.addMember(school.id(), eight.id(), classmate.user().accountId(), false, teacher.user());
		assertThat(perform(carddav(teacher, "GET", card)).getHeader("ETag")).isNotEqualTo(etag);
		assertThat(perform(carddav(teacher, "GET", card)).getContentAsString(StandardCharsets.UTF_8)).contains("CATEGORIES:7b,8a");
		assertThat(xml(perform(carddav(pupil, "REPORT", home(pupil) + "schule/").content(sync(token))))).doesNotContain(".vcf").contains(token);
		// Olga joins 7b: now the pupil sees her, and the old token answers with her card and the class's new member list
		String olga = home(pupil) + "schule/" + otherPupil.user().accountId() + ".vcf";
		assertThat(perform(carddav(pupil, "GET", olga)).getStatus()).isEqualTo(404);
		groups.addMember(school.id(), seven.id(), otherPupil.user().accountId(), false, teacher.user());
		assertThat(perform(carddav(pupil, "GET", olga)).getStatus()).isEqualTo(200);
		String changes = xml(perform(carddav(pupil, "REPORT", home(pupil) + "schule/").content(sync(token))));
		assertThat(changes).contains(olga).contains(home(pupil) + "schule/" + seven.id() + ".vcf")
			.doesNotContain(classmate.user().accountId() + ".vcf").doesNotContain(teacher.user().accountId() + ".vcf");
		// a token the pupil was never given (the teacher's) asks for a new start
		String teachers = token(xml(perform(carddav(teacher, "REPORT", home(teacher) + "schule/").content(sync("")))));
		MockHttpServletResponse stale = perform(carddav(pupil, "REPORT", home(pupil) + "schule/").content(sync(teachers)));
		assertThat(stale.getStatus()).isEqualTo(403);
		assertThat(xml(stale)).contains("valid-sync-token");

		MockHttpServletResponse write = perform(carddav(teacher, "PUT", home(teacher) + "schule/neu.vcf").contentType("text/vcard")
			.content(vcard3("neu", "Neu", "Person", null)));
		assertThat(write.getStatus()).isEqualTo(403);
		assertThat(xml(write)).contains("need-privileges");
		assertThat(perform(carddav(teacher, "DELETE", card)).getStatus()).isEqualTo(403);
	}

	@Test
	void aContactGoesInAndComesOutAsItWasSent() throws Exception {
		String path = home(pupil) + "kontakte/oma.vcf";
		String body = vcard3("oma@x", "Erna", "Pult", "erna@example.org");
		MockHttpServletResponse put = perform(carddav(pupil, "PUT", path).contentType("text/vcard; charset=utf-8").header("If-None-Match", "*")
			.content(body));
		assertThat(put.getStatus()).isEqualTo(201);
		String etag = put.getHeader("ETag");
		MockHttpServletResponse get = perform(carddav(pupil, "GET", path));
		assertThat(get.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(body);
		assertThat(get.getContentType()).startsWith("text/vcard");
		assertThat(get.getHeader("ETag")).isEqualTo(etag);
		assertThat(perform(carddav(pupil, "PUT", path).header("If-None-Match", "*").contentType("text/vcard").content(body)).getStatus()).isEqualTo(412);
		String changed = body.replace("erna@example.org", "erna.pult@example.org");
		assertThat(perform(carddav(pupil, "PUT", path).header("If-Match", etag).contentType("text/vcard").content(changed)).getStatus()).isEqualTo(204);
		assertThat(perform(carddav(pupil, "PUT", path).header("If-Match", etag).contentType("text/vcard").content(body)).getStatus()).isEqualTo(412);
		assertThat(perform(carddav(pupil, "GET", path)).getContentAsString(StandardCharsets.UTF_8)).contains("erna.pult@example.org");
		// vCard 4.0 too
		String four = vcard4("urn:uuid:0b1c6f1e-6a7b-4b8e-9f1e-1234567890ab", "Trainer Tom", "Tommi");
		assertThat(perform(carddav(pupil, "PUT", home(pupil) + "kontakte/tom.vcf").contentType("text/vcard").content(four)).getStatus()).isEqualTo(201);
		assertThat(perform(carddav(pupil, "GET", home(pupil) + "kontakte/tom.vcf")).getContentAsString(StandardCharsets.UTF_8)).isEqualTo(four);
		assertThat(perform(carddav(pupil, "DELETE", path)).getStatus()).isEqualTo(204);
		assertThat(perform(carddav(pupil, "GET", path)).getStatus()).isEqualTo(404);
		// nobody else reads it
		assertThat(perform(carddav(classmate, "GET", home(pupil) + "kontakte/tom.vcf")).getStatus()).isEqualTo(404);
	}

	@Test
	void badVCardsAreRefusedWithTheCardDavPrecondition() throws Exception {
		String book = home(pupil) + "kontakte/";
		MockHttpServletResponse garbage = perform(carddav(pupil, "PUT", book + "x.vcf").contentType("text/vcard").content("Hallo Welt"));
		assertThat(garbage.getStatus()).isEqualTo(403);
		assertThat(xml(garbage)).contains("valid-address-data");
		MockHttpServletResponse noUid = perform(carddav(pupil, "PUT", book + "y.vcf").contentType("text/vcard")
			.content(vcard3("u", "Ohne", "UID", null).replace("UID:u\r\n", "")));
		assertThat(noUid.getStatus()).isEqualTo(403);
		assertThat(xml(noUid)).contains("valid-address-data").contains("UID");
		MockHttpServletResponse noName = perform(carddav(pupil, "PUT", book + "z.vcf").contentType("text/vcard")
			.content("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:z\r\nEND:VCARD\r\n"));
		assertThat(xml(noName)).contains("valid-address-data").contains("FN");
		String big = vcard4("big", "Groß", null).replace("END:VCARD", "NOTE:" + "x".repeat(1_000_001) + "\r\nEND:VCARD");
		MockHttpServletResponse tooBig = perform(carddav(pupil, "PUT", book + "big.vcf").contentType("text/vcard").content(big));
		assertThat(tooBig.getStatus()).isEqualTo(403);
		assertThat(xml(tooBig)).contains("max-resource-size");
		assertThat(perform(carddav(pupil, "PUT", book + "a.vcf").contentType("text/vcard").content(vcard3("same", "A", "A", null))).getStatus())
			.isEqualTo(201);
		MockHttpServletResponse twice = perform(carddav(pupil, "PUT", book + "b.vcf").contentType("text/vcard").content(vcard3("same", "B", "B", null)));
		assertThat(twice.getStatus()).isEqualTo(403);
		assertThat(xml(twice)).contains("no-uid-conflict").contains(book + "a.vcf");
		MockHttpServletResponse notVcard = perform(carddav(pupil, "PUT", book + "c.vcf").contentType("text/calendar").content("x"));
		assertThat(xml(notVcard)).contains("supported-address-data");
		MockHttpServletResponse outside = perform(carddav(pupil, "PUT", home(pupil) + "d.vcf").contentType("text/vcard")
			.content(vcard3("d", "D", "D", null)));
		assertThat(xml(outside)).contains("addressbook-collection-location-ok");
		for (String name : new String[] { "x", "y", "z", "big", "b", "c" }) {
			assertThat(perform(carddav(pupil, "GET", book + name + ".vcf")).getStatus()).as(name).isEqualTo(404);
		}
	}

	@Test
	void multigetQueryAndSyncAnswerFromThePersonalBook() throws Exception {
		String book = home(pupil) + "kontakte/";
		put(pupil, book + "erna.vcf", vcard3("erna@x", "Erna", "Pult", "erna@example.org"));
		put(pupil, book + "tom.vcf", vcard4("tom@x", "Tom Trainer", "Tommi"));
		put(pupil, book + "grete.vcf", vcard4("grete@x", "Grete Straßer", null));

		String multiget = xml(perform(carddav(pupil, "REPORT", book).header("Depth", "1").content("""
				<CR:addressbook-multiget xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
				  <D:prop><D:getetag/><CR:address-data/></D:prop>
				  <D:href>%serna.vcf</D:href><D:href>%sfehlt.vcf</D:href>
				</CR:addressbook-multiget>""".formatted(book, book))));
		assertThat(multiget).contains("FN:Erna Pult").contains("fehlt.vcf").contains("404").doesNotContain("Tom Trainer");
		// a client of vCard 4.0 gets the 3.0 card converted
		String converted = xml(perform(carddav(pupil, "REPORT", book).header("Depth", "1").content("""
				<CR:addressbook-multiget xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
				  <D:prop><CR:address-data content-type="text/vcard" version="4.0"/></D:prop><D:href>%serna.vcf</D:href>
				</CR:addressbook-multiget>""".formatted(book))));
		assertThat(converted).contains("VERSION:4.0").contains("FN:Erna Pult").contains("erna@example.org").doesNotContain("VERSION:3.0");
		// only the properties asked for
		String some = xml(perform(carddav(pupil, "REPORT", book).header("Depth", "1").content("""
				<CR:addressbook-multiget xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
				  <D:prop><CR:address-data><CR:prop name="EMAIL"/><CR:prop name="uid"/></CR:address-data></D:prop><D:href>%serna.vcf</D:href>
				</CR:addressbook-multiget>""".formatted(book))));
		assertThat(some).contains("VERSION:3.0").contains("UID:erna@x").contains("EMAIL;TYPE=INTERNET:erna@example.org").doesNotContain("FN:")
			.doesNotContain("N:Pult");

		assertThat(xml(perform(carddav(pupil, "REPORT", book).header("Depth", "1").content(query(
				"<CR:prop-filter name=\"EMAIL\"><CR:text-match match-type=\"ends-with\">EXAMPLE.ORG</CR:text-match></CR:prop-filter>", false)))))
			.contains("erna.vcf").doesNotContain("tom.vcf");
		assertThat(xml(perform(carddav(pupil, "REPORT", book).header("Depth", "1").content(query(
				"<CR:prop-filter name=\"NICKNAME\"><CR:text-match match-type=\"equals\" collation=\"i;ascii-casemap\">tommi</CR:text-match></CR:prop-filter>",
				false))))).contains("tom.vcf").doesNotContain("erna.vcf");
		// unicode-casemap: STRASSER finds Straßer; ascii-casemap does not
		assertThat(xml(perform(carddav(pupil, "REPORT", book).header("Depth", "1").content(query(
				"<CR:prop-filter name=\"FN\"><CR:text-match>STRASSER</CR:text-match></CR:prop-filter>", false))))).contains("grete.vcf");
		assertThat(xml(perform(carddav(pupil, "REPORT", book).header("Depth", "1").content(query(
				"<CR:prop-filter name=\"FN\"><CR:text-match collation=\"i;ascii-casemap\">STRASSER</CR:text-match></CR:prop-filter>", false)))))
			.doesNotContain(".vcf");
		// allof: a nickname and a name starting with T; anyof: either UID
		String allof = xml(perform(carddav(pupil, "REPORT", book).header("Depth", "1").content(query("""
				<CR:prop-filter name="NICKNAME"/><CR:prop-filter name="FN"><CR:text-match match-type="starts-with">t</CR:text-match></CR:prop-filter>""",
				false).replace("<CR:filter>", "<CR:filter test=\"allof\">"))));
		assertThat(allof).contains("tom.vcf").doesNotContain("erna.vcf").doesNotContain("grete");
		String anyof = xml(perform(carddav(pupil, "REPORT", book).header("Depth", "1").content(query("""
				<CR:prop-filter name="UID"><CR:text-match match-type="equals">erna@x</CR:text-match></CR:prop-filter>
				<CR:prop-filter name="UID"><CR:text-match match-type="equals">tom@x</CR:text-match></CR:prop-filter>""", false))));
		assertThat(anyof).contains("tom.vcf").contains("erna.vcf").doesNotContain("grete");
		MockHttpServletResponse collation = perform(carddav(pupil, "REPORT", book).header("Depth", "1").content(query(
				"<CR:prop-filter name=\"FN\"><CR:text-match collation=\"i;klingon\">x</CR:text-match></CR:prop-filter>", false)));
		assertThat(collation.getStatus()).isEqualTo(403);
		assertThat(xml(collation)).contains("supported-collation");

		String first = xml(perform(carddav(pupil, "REPORT", book).content(sync(""))));
		assertThat(first).contains("erna.vcf").contains("tom.vcf");
		String token = token(first);
		assertThat(xml(perform(carddav(pupil, "REPORT", book).content(sync(token))))).doesNotContain(".vcf");
		put(pupil, book + "tom.vcf", vcard4("tom@x", "Tom Trainer", "Tom"));
		assertThat(perform(carddav(pupil, "DELETE", book + "erna.vcf")).getStatus()).isEqualTo(204);
		String changes = xml(perform(carddav(pupil, "REPORT", book).content(sync(token))));
		assertThat(changes).contains("tom.vcf").contains("erna.vcf</D:href><D:status>HTTP/1.1 404").doesNotContain("grete");
		assertThat(token(changes)).isNotEqualTo(token);
		MockHttpServletResponse foreign = perform(carddav(pupil, "REPORT", book).content(sync("urn:x-schulhaus:contacts:nonsense:1")));
		assertThat(foreign.getStatus()).isEqualTo(403);
		assertThat(xml(foreign)).contains("valid-sync-token");
	}

	@Test
	void clientsMakeAndDeleteAddressBooksOfTheirOwn() throws Exception {
		String home = home(teacher);
		MockHttpServletResponse made = perform(carddav(teacher, "MKCOL", home + "eltern/").content("""
				<D:mkcol xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
				  <D:set><D:prop><D:resourcetype><D:collection/><CR:addressbook/></D:resourcetype>
				  <D:displayname>Eltern 7b</D:displayname><CR:addressbook-description>Elternvertretung</CR:addressbook-description></D:prop></D:set>
				</D:mkcol>"""));
		assertThat(made.getStatus()).isEqualTo(201);
		String listed = xml(perform(carddav(teacher, "PROPFIND", home + "eltern/").header("Depth", "0")
			.content(propfind("<D:displayname/><CR:addressbook-description/><D:resourcetype/>"))));
		assertThat(listed).contains("Eltern 7b").contains("Elternvertretung").contains("<CR:addressbook");
		put(teacher, home + "eltern/mutter.vcf", vcard3("m@x", "Maria", "Mutter", null));
		assertThat(perform(carddav(teacher, "PROPPATCH", home + "eltern/").content("""
				<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:displayname>Eltern</D:displayname></D:prop></D:set></D:propertyupdate>"""))
			.getStatus()).isEqualTo(207);
		assertThat(xml(perform(carddav(teacher, "PROPFIND", home + "eltern/").header("Depth", "0").content(propfind("<D:displayname/>")))))
			.contains(">Eltern<");
		assertThat(perform(carddav(teacher, "DELETE", home + "eltern/")).getStatus()).isEqualTo(204);
		assertThat(perform(carddav(teacher, "GET", home + "eltern/mutter.vcf")).getStatus()).isEqualTo(404);
		assertThat(perform(carddav(teacher, "DELETE", home + "kontakte/")).getStatus()).isEqualTo(403);
		assertThat(perform(carddav(teacher, "DELETE", home + "schule/")).getStatus()).isEqualTo(403);
	}

	@Test
	void anotherPersonsHomeAndAnotherSchoolsIdsAnswerLikeNothing() throws Exception {
		assertThat(perform(carddav(pupil, "PROPFIND", home(otherPupil)).header("Depth", "0")).getStatus()).isEqualTo(404);
		var t = new TestSchools(mvc);
		var other = t.createSchool("Andere Adressbuch-Schule");
		Person stranger = person(t.createUser(other, "Sara", "Fremd", "TEACHER", "Kompass-Laterne-Quitte-2030", "5c"));
		// the own home with a foreign account's or group's id answers like an id nobody has
		for (UUID foreignId : new UUID[] { pupil.user().accountId(), seven.id() }) {
			int foreign = perform(carddav(stranger, "GET", home(stranger) + "schule/" + foreignId + ".vcf")).getStatus();
			int missing = perform(carddav(stranger, "GET", home(stranger) + "schule/" + UUID.randomUUID() + ".vcf")).getStatus();
			assertThat(foreign).isEqualTo(404).isEqualTo(missing);
		}
		String strangers = xml(perform(carddav(stranger, "REPORT", home(stranger) + "schule/").header("Depth", "1").content(query("", true))));
		assertThat(strangers).contains("Sara Fremd").doesNotContain("Paul Pult").doesNotContain("Tina Tafel");
		// another school's person in the place of the sign-in, by login or id, is nobody
		assertThat(perform(carddav(stranger, "PROPFIND", home(pupil)).header("Depth", "0")).getStatus()).isEqualTo(404);
		assertThat(perform(carddav(stranger, "PROPFIND", "/carddav/" + pupil.user().accountId() + "/").header("Depth", "0")).getStatus()).isEqualTo(404);
		// a password for files opens no address books
		String files = credentials.createAppPassword(pupil.user(), "Dateien", Set.of(Scope.FILES), null).secret();
		assertThat(perform(request(HttpMethod.valueOf("PROPFIND"), java.net.URI.create(home(pupil))).with(httpBasic(pupil.user().login(), files)))
			.getStatus()).isEqualTo(401);
	}

	private void put(Person person, String path, String body) throws Exception {
		assertThat(perform(carddav(person, "PUT", path).contentType("text/vcard").content(body)).getStatus()).isIn(201, 204);
	}

	private static String query(String filters, boolean data) {
		return """
				<CR:addressbook-query xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
				  <D:prop><D:getetag/>%s</D:prop>
				  <CR:filter>%s</CR:filter>
				</CR:addressbook-query>""".formatted(data ? "<CR:address-data/>" : "", filters);
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
		return "<D:propfind xmlns:D=\"DAV:\" xmlns:CR=\"urn:ietf:params:xml:ns:carddav\" xmlns:CS=\"http://calendarserver.org/ns/\"><D:prop>" + props
				+ "</D:prop></D:propfind>";
	}

	private Group group(String name) {
		return groups.list(school.id()).stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
	}

	private static String home(Person person) {
		return "/carddav/" + person.user().login() + "/";
	}

	private Person person(TestSchools.UserRef ref) {
		SchulhausUser user = users.load(ref.login()).orElseThrow();
		return new Person(user, credentials.createAppPassword(user, "Adressbuch", Set.of(Scope.CALENDAR), null).secret());
	}

	private static MockHttpServletRequestBuilder carddav(Person person, String method, String path) {
		return request(HttpMethod.valueOf(method), java.net.URI.create(path)).with(httpBasic(person.user().login(), person.secret()));
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder builder) throws Exception {
		return mvc.perform(builder).andReturn().getResponse();
	}

	private static String xml(MockHttpServletResponse response) throws Exception {
		return response.getContentAsString(StandardCharsets.UTF_8);
	}
}
