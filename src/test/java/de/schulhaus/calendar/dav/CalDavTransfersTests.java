package de.schulhaus.calendar.dav;

import static de.schulhaus.calendar.dav.CalDavClient.caldav;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/** MOVE and COPY of events between the calendars of a home, as clients do when an event changes calendar. */
@IntegrationTest
class CalDavTransfersTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	GroupManagement groups;

	CalDavClient client;
	TestSchools.SchoolRef school;
	CalDavClient.Person teacher;
	CalDavClient.Person pupil;
	Group seven;
	String body;

	@BeforeEach
	void teacherAndPupilOfOneClass() throws Exception {
		var t = new TestSchools(mvc);
		school = t.createSchool("Umzugs-Schule");
		client = new CalDavClient(mvc, credentials, users);
		teacher = client.person(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2032", null));
		pupil = client.person(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2033", "7b"));
		seven = groups.list(school.id()).stream().filter(g -> g.name().equals("7b")).findFirst().orElseThrow();
		groups.addMember(school.id(), seven.id(), teacher.user().accountId(), true, teacher.user());
		body = CalDavTests.event("wandertag@x", "Wandertag", "20261204T080000", "20261204T130000", null);
	}

	@Test
	void aMoveIsADeletionInOneCalendarAndAnAdditionInTheOther() throws Exception {
		String home = teacher.home();
		client.put(teacher, home + "persoenlich/wandertag.ics", body);
		String personalToken = CalDavClient.token(client.text(caldav(teacher, "REPORT", home + "persoenlich/").content(CalDavClient.sync(""))));
		String classToken = CalDavClient.token(client.text(caldav(teacher, "REPORT", home + seven.id() + "/").content(CalDavClient.sync(""))));

		var moved = client.perform(caldav(teacher, "MOVE", home + "persoenlich/wandertag.ics")
			.header("Destination", "http://localhost" + home + seven.id() + "/wandertag.ics"));
		assertThat(moved.getStatus()).isEqualTo(201);
		assertThat(client.perform(caldav(teacher, "GET", home + "persoenlich/wandertag.ics")).getStatus()).isEqualTo(404);
		assertThat(client.text(caldav(teacher, "GET", home + seven.id() + "/wandertag.ics"))).isEqualTo(body);
		// the pupil sees it in the class calendar now
		assertThat(client.text(caldav(pupil, "GET", pupil.home() + seven.id() + "/wandertag.ics"))).isEqualTo(body);

		String personal = client.text(caldav(teacher, "REPORT", home + "persoenlich/").content(CalDavClient.sync(personalToken)));
		assertThat(personal).contains("persoenlich/wandertag.ics</D:href><D:status>HTTP/1.1 404");
		String inClass = client.text(caldav(teacher, "REPORT", home + seven.id() + "/").content(CalDavClient.sync(classToken)));
		assertThat(inClass).contains(seven.id() + "/wandertag.ics</D:href><D:propstat>").contains("getetag");
		assertThat(CalDavClient.token(personal)).isNotEqualTo(personalToken);
		assertThat(CalDavClient.token(inClass)).isNotEqualTo(classToken);

		// a rename within one calendar keeps one object of that UID
		assertThat(client.perform(caldav(teacher, "MOVE", home + seven.id() + "/wandertag.ics")
			.header("Destination", home + seven.id() + "/ausflug.ics")).getStatus()).isEqualTo(201);
		assertThat(client.text(caldav(teacher, "GET", home + seven.id() + "/ausflug.ics"))).isEqualTo(body);
		assertThat(client.perform(caldav(teacher, "GET", home + seven.id() + "/wandertag.ics")).getStatus()).isEqualTo(404);
	}

	@Test
	void aRefusedMoveLeavesTheEventWhereItWasAndTheSyncTokenAsItWas() throws Exception {
		String home = teacher.home();
		client.put(teacher, home + "persoenlich/wandertag.ics", body);
		client.put(teacher, home + seven.id() + "/schon-da.ics", body);
		String personalToken = CalDavClient.token(client.text(caldav(teacher, "REPORT", home + "persoenlich/").content(CalDavClient.sync(""))));
		var refused = client.perform(caldav(teacher, "MOVE", home + "persoenlich/wandertag.ics")
			.header("Destination", home + seven.id() + "/wandertag.ics"));
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentAsString()).contains("no-uid-conflict").contains(seven.id() + "/schon-da.ics");
		assertThat(client.text(caldav(teacher, "GET", home + "persoenlich/wandertag.ics"))).isEqualTo(body);
		String personal = client.text(caldav(teacher, "REPORT", home + "persoenlich/").content(CalDavClient.sync(personalToken)));
		assertThat(CalDavClient.token(personal)).isEqualTo(personalToken);
		assertThat(personal).doesNotContain("wandertag.ics");
	}

	@Test
	void aCopyKeepsTheSourceAndRefusesASecondObjectOfTheSameUid() throws Exception {
		String home = teacher.home();
		client.put(teacher, home + seven.id() + "/wandertag.ics", body);
		assertThat(client.perform(caldav(teacher, "COPY", home + seven.id() + "/wandertag.ics")
			.header("Destination", home + "persoenlich/wandertag.ics")).getStatus()).isEqualTo(201);
		assertThat(client.text(caldav(teacher, "GET", home + "persoenlich/wandertag.ics"))).isEqualTo(body);
		assertThat(client.text(caldav(teacher, "GET", home + seven.id() + "/wandertag.ics"))).isEqualTo(body);

		var twice = client.perform(caldav(teacher, "COPY", home + seven.id() + "/wandertag.ics")
			.header("Destination", home + "persoenlich/nochmal.ics"));
		assertThat(twice.getStatus()).isEqualTo(403);
		assertThat(twice.getContentAsString()).contains("no-uid-conflict").contains("persoenlich/wandertag.ics");
		assertThat(client.perform(caldav(teacher, "GET", home + "persoenlich/nochmal.ics")).getStatus()).isEqualTo(404);

		// Overwrite: F refuses an existing destination, T (the default) replaces it
		String changed = body.replace("Wandertag", "Wandertag (Regen)");
		client.put(teacher, home + seven.id() + "/wandertag.ics", changed);
		assertThat(client.perform(caldav(teacher, "COPY", home + seven.id() + "/wandertag.ics").header("Overwrite", "F")
			.header("Destination", home + "persoenlich/wandertag.ics")).getStatus()).isEqualTo(412);
		assertThat(client.perform(caldav(teacher, "COPY", home + seven.id() + "/wandertag.ics")
			.header("Destination", home + "persoenlich/wandertag.ics")).getStatus()).isEqualTo(204);
		assertThat(client.text(caldav(teacher, "GET", home + "persoenlich/wandertag.ics"))).isEqualTo(changed);
	}

	@Test
	void aPupilCopiesFromTheClassCalendarButNeitherMovesFromItNorWritesIntoIt() throws Exception {
		client.put(teacher, teacher.home() + seven.id() + "/wandertag.ics", body);
		String home = pupil.home();
		var move = client.perform(caldav(pupil, "MOVE", home + seven.id() + "/wandertag.ics").header("Destination", home + "persoenlich/w.ics"));
		assertThat(move.getStatus()).isEqualTo(403);
		assertThat(move.getContentAsString()).contains("need-privileges");
		assertThat(client.text(caldav(pupil, "GET", home + seven.id() + "/wandertag.ics"))).isEqualTo(body);
		assertThat(client.perform(caldav(pupil, "GET", home + "persoenlich/w.ics")).getStatus()).isEqualTo(404);

		assertThat(client.perform(caldav(pupil, "COPY", home + seven.id() + "/wandertag.ics").header("Destination", home + "persoenlich/w.ics"))
			.getStatus()).isEqualTo(201);
		var into = client.perform(caldav(pupil, "COPY", home + "persoenlich/w.ics").header("Destination", home + seven.id() + "/w.ics"));
		assertThat(into.getStatus()).isEqualTo(403);
		assertThat(into.getContentAsString()).contains("need-privileges");
	}

	@Test
	void aCalendarOfAnotherSchoolOrGroupAnswersLikeNoCalendar() throws Exception {
		var t = new TestSchools(mvc);
		var other = t.createSchool("Andere Umzugs-Schule");
		t.createUser(other, "Sara", "Fremd", "TEACHER", "Kompass-Laterne-Quitte-2034", "5c");
		UUID foreignGroup = groups.list(other.id()).get(0).id();
		UUID otherClass = groups.create(school.id(), "8a", de.schulhaus.accounts.GroupKind.CLASS, null, teacher.user()).id();
		String home = pupil.home();
		client.put(pupil, home + "persoenlich/mein.ics", CalDavTests.event("mein@x", "Mein Termin", "20261204T080000", "20261204T090000", null));
		int missing = client.perform(caldav(pupil, "MOVE", home + "persoenlich/mein.ics").header("Destination", home + UUID.randomUUID() + "/mein.ics"))
			.getStatus();
		int foreign = client.perform(caldav(pupil, "MOVE", home + "persoenlich/mein.ics").header("Destination", home + foreignGroup + "/mein.ics"))
			.getStatus();
		int notMine = client.perform(caldav(pupil, "COPY", home + "persoenlich/mein.ics").header("Destination", home + otherClass + "/mein.ics"))
			.getStatus();
		assertThat(foreign).isEqualTo(missing).isEqualTo(notMine).isEqualTo(409);
		// another person's home is outside this tree
		assertThat(client.perform(caldav(pupil, "COPY", home + "persoenlich/mein.ics")
			.header("Destination", teacher.home() + "persoenlich/mein.ics")).getStatus()).isEqualTo(502);
		assertThat(client.perform(caldav(pupil, "GET", home + "persoenlich/mein.ics")).getStatus()).isEqualTo(200);
		// and a foreign event as the source is not found
		assertThat(client.perform(caldav(pupil, "MOVE", home + foreignGroup + "/x.ics").header("Destination", home + "persoenlich/x.ics"))
			.getStatus()).isEqualTo(404);
	}
}
