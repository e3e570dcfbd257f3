package de.schulhaus.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.platform.SchulhausUser;

/** Invitations in the browser: attendees in the dialog, the invitee's answer, the people search and the busy times of the chosen. */
@IntegrationTest
class InvitationWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	Calendars calendars;

	@Autowired
	CalendarObjects objects;

	@Autowired
	GroupManagement groups;

	@Autowired
	de.schulhaus.platform.Notifications notifications;

	CalendarWebFixture web;
	SchulhausUser teacher;
	SchulhausUser pupil;
	SchulhausUser otherPupil;
	SchulhausUser stranger;
	Group eight;

	@BeforeEach
	void people() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Einladungen-im-Browser");
		teacher = users.load(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login()).orElseThrow();
		pupil = users.load(t.createUser(school, "Paul", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "7b").login()).orElseThrow();
		otherPupil = users.load(t.createUser(school, "Olga", "Ofen", "PUPIL", "Kompass-Laterne-Quitte-2028", "8a").login()).orElseThrow();
		stranger = users.load(t.createUser(t.createSchool("Fremde Schule"), "Paula", "Fremd", "TEACHER", "Kompass-Laterne-Quitte-2029", null).login())
			.orElseThrow();
		eight = groups.list(school.id()).stream().filter(g -> g.name().equals("8a")).findFirst().orElseThrow();
		web = new CalendarWebFixture(mvc, credentials);
	}

	private Map<String, String> meeting() {
		return new java.util.HashMap<>(Map.of("titel", "Elterngespräch", "kalender", teacher.accountId().toString(), "vonDatum", "2026-12-03", "vonZeit",
				"14:00", "bisDatum", "2026-12-03", "bisZeit", "15:00"));
	}

	private String copyOf(SchulhausUser person) {
		List<CalendarObjects.Entry> own = objects.list(calendars.personal(person.schoolId(), person.accountId()));
		assertThat(own).as("the copy in " + person.login() + "'s calendar").hasSize(1);
		return own.get(0).name();
	}

	private String data(SchulhausUser person, String name) {
		return objects.find(calendars.personal(person.schoolId(), person.accountId()), name).orElseThrow().data();
	}

	@Test
	void theDialogInvitesAPersonAndAGroupTheInviteeAnswersAndTheOrganiserSeesIt() throws Exception {
		Map<String, String> fields = meeting();
		fields.put("teilnehmende", "person:" + pupil.accountId() + "|gruppe:" + eight.id() + "|person:" + stranger.accountId());
		MockHttpServletResponse created = web.send(teacher, "/kalender/termin", fields);
		assertThat(created.getStatus()).isEqualTo(302);

		String copy = copyOf(pupil);
		assertThat(data(pupil, copy)).contains("SUMMARY:Elterngespräch").contains("ORGANIZER");
		assertThat(copyOf(otherPupil)).isEqualTo(copy);
		assertThat(objects.list(calendars.personal(stranger.schoolId(), stranger.accountId()))).isEmpty();
		String organizers = objects.list(calendars.personal(teacher.schoolId(), teacher.accountId())).get(0).name();
		assertThat(data(teacher, organizers).replace("\r\n ", "")).doesNotContain(stranger.accountId().toString())
			.doesNotContain(stranger.login());

		String details = web.page(pupil, "/kalender/" + pupil.accountId() + "/termin?name=" + copy);
		assertThat(details).contains("Ihre Antwort: Offen").contains("Zusagen").contains("Absagen").contains("Tina Tafel");
		MockHttpServletResponse answered = web.perform(pupil, post("/kalender/" + pupil.accountId() + "/termin/antwort").param("name", copy)
			.param("antwort", "zusagen"));
		assertThat(answered.getStatus()).isEqualTo(302);
		assertThat(web.page(pupil, "/kalender/" + pupil.accountId() + "/termin?name=" + copy)).contains("Ihre Antwort: Zugesagt");

		String organizerView = web.page(teacher, "/kalender/" + teacher.accountId() + "/termin?name=" + organizers);
		assertThat(organizerView).contains("Paul Pult").contains("– Zugesagt").contains("8a").doesNotContain("Ihre Antwort");
		String edit = web.page(teacher, "/kalender/" + teacher.accountId() + "/termin/bearbeiten?name=" + organizers);
		assertThat(edit).contains("name=\"teilnehmende\"").contains("– Zugesagt").contains("name=\"gezeigt\"");

		// the teacher unticks the group: its member's copy is cancelled, the pupil keeps theirs and their answer
		String pupilAddress = "mailto:" + pupil.login();
		String groupAddress = "urn:uuid:" + eight.id();
		Map<String, String> edited = meeting();
		edited.put("name", organizers);
		edited.put("teilnehmende", pupilAddress);
		edited.put("gezeigt", pupilAddress + "|" + groupAddress);
		assertThat(web.send(teacher, "/kalender/" + teacher.accountId() + "/termin", edited).getStatus()).isEqualTo(302);
		assertThat(data(otherPupil, copy)).contains("STATUS:CANCELLED");
		assertThat(data(pupil, copy)).doesNotContain("STATUS:CANCELLED");
		assertThat(data(teacher, organizers).replace("\r\n ", "")).containsPattern("PARTSTAT=ACCEPTED[^\\r]*:" + java.util.regex.Pattern.quote(pupilAddress))
			.doesNotContain(groupAddress);
	}

	@Test
	void aPupilDeclinesOnlyOneDateOfAWeeklyInvitationAndTheOrganiserSeesThatDateDeclined() throws Exception {
		Map<String, String> fields = new java.util.HashMap<>(Map.of("titel", "Förderunterricht", "kalender", teacher.accountId().toString(), "vonDatum",
				"2026-12-03", "vonZeit", "14:00", "bisDatum", "2026-12-03", "bisZeit", "15:00", "wiederholung", "woechentlich", "tage", "do", "ende", "anzahl",
				"anzahl", "4"));
		fields.put("teilnehmende", "person:" + pupil.accountId() + "|gruppe:" + eight.id());
		web.send(teacher, "/kalender/termin", fields);
		String copy = copyOf(pupil);
		String organizers = objects.list(calendars.personal(teacher.schoolId(), teacher.accountId())).get(0).name();
		String answer = "/kalender/" + pupil.accountId() + "/termin/antwort";

		// the dialog of one date offers the choice, a first answer for the whole series
		String[] tenth = CalendarWebFixture.link(CalendarWebFixture.cell(web.page(pupil, "/kalender?ansicht=monat&datum=2026-12-01"), "2026-12-10"),
				"Förderunterricht");
		String tenthDialog = web.page(pupil, "/kalender/" + pupil.accountId() + "/termin?name=" + copy + "&instanz=" + tenth[2]);
		assertThat(tenthDialog).contains("<legend>Ihre Antwort gilt für</legend>").containsPattern("value=\"dieses\">\\s*<span>nur diesen Termin")
			.containsPattern("value=\"alle\" checked=\"checked\">\\s*<span>alle Termine der Serie").contains("name=\"instanz\" value=\"" + tenth[2] + "\"");
		assertThat(web.perform(pupil, post(answer).param("name", copy).param("antwort", "zusagen").param("instanz", tenth[2]).param("umfang", "alle"))
			.getRedirectedUrl()).isEqualTo("/kalender/" + pupil.accountId() + "/termin?name=" + copy + "&instanz=" + tenth[2]);

		String seventeenth = "2026-12-17T13:00:00Z";
		MockHttpServletResponse declined = web.perform(pupil, post(answer).param("name", copy).param("antwort", "absagen").param("instanz", seventeenth)
			.param("umfang", "dieses"));
		assertThat(declined.getStatus()).isEqualTo(302);

		String pupilLine = "[^\\r\\n]*:mailto:" + java.util.regex.Pattern.quote(pupil.login());
		String[] events = data(teacher, organizers).replace("\r\n ", "").split("BEGIN:VEVENT");
		String series = java.util.Arrays.stream(events).filter(e -> e.contains("RRULE:FREQ=WEEKLY")).findFirst().orElseThrow();
		String override = java.util.Arrays.stream(events).filter(e -> e.contains("RECURRENCE-ID")).findFirst().orElseThrow();
		assertThat(series).containsPattern("PARTSTAT=ACCEPTED" + pupilLine);
		assertThat(override).containsPattern("RECURRENCE-ID[^\\r\\n]*:20261217T140000").containsPattern("DTSTART[^\\r\\n]*:20261217T140000")
			.contains("SUMMARY:Förderunterricht").doesNotContain("RRULE").containsPattern("PARTSTAT=DECLINED" + pupilLine);
		assertThat(java.util.Arrays.stream(events).filter(e -> e.contains("RECURRENCE-ID"))).hasSize(1);
		assertThat(data(pupil, copy).replace("\r\n ", "")).containsPattern("RECURRENCE-ID[^\\r\\n]*:20261217T140000")
			.containsPattern("PARTSTAT=DECLINED" + pupilLine);
		assertThat(notifications.newestFirst(teacher, 0, 10)).anyMatch(n -> n.titleKey().equals("calendar.notification.occurrence.declined")
			&& n.titleArgs().equals(List.of("Paul Pult", "Förderunterricht", "17.12.2026")));

		// each date's dialog shows its own answer, to the pupil and to the teacher
		String pupilsEvent = "/kalender/" + pupil.accountId() + "/termin?name=" + copy + "&instanz=";
		assertThat(web.page(pupil, pupilsEvent + seventeenth)).contains("Ihre Antwort: Abgesagt")
			.containsPattern("value=\"dieses\" checked=\"checked\">");
		assertThat(web.page(pupil, pupilsEvent + tenth[2])).contains("Ihre Antwort: Zugesagt");
		String teachersEvent = "/kalender/" + teacher.accountId() + "/termin?name=" + organizers + "&instanz=";
		assertThat(web.page(teacher, teachersEvent + seventeenth)).containsPattern("Paul Pult</span>\\s*<span class=\"answer\">– Abgesagt");
		assertThat(web.page(teacher, teachersEvent + tenth[2])).containsPattern("Paul Pult</span>\\s*<span class=\"answer\">– Zugesagt");
		// a member of an invited group answers one date too: the teacher's event gets a line of theirs on it
		assertThat(web.perform(otherPupil, post("/kalender/" + otherPupil.accountId() + "/termin/antwort").param("name", copyOf(otherPupil))
			.param("antwort", "vielleicht").param("instanz", seventeenth).param("umfang", "dieses")).getStatus()).isEqualTo(302);
		assertThat(web.page(teacher, teachersEvent + seventeenth)).containsPattern("Olga Ofen</span>\\s*<span class=\"answer\">– Vielleicht")
			.containsPattern("Paul Pult</span>\\s*<span class=\"answer\">– Abgesagt");
		assertThat(web.page(otherPupil, "/kalender/" + otherPupil.accountId() + "/termin?name=" + copyOf(otherPupil) + "&instanz=" + seventeenth))
			.contains("Ihre Antwort: Vielleicht");
		// an instance that is no date of the series changes nothing; a broken one is not found
		String before = data(pupil, copy);
		web.perform(pupil, post(answer).param("name", copy).param("antwort", "zusagen").param("instanz", "2026-12-18T13:00:00Z").param("umfang", "dieses"));
		assertThat(data(pupil, copy)).isEqualTo(before);
		assertThat(web.perform(pupil, post(answer).param("name", copy).param("antwort", "zusagen").param("instanz", "morgen").param("umfang", "dieses"))
			.getStatus()).isEqualTo(404);
		// the teacher gets no answer buttons on their own event
		assertThat(web.page(teacher, teachersEvent + seventeenth)).doesNotContain("Ihre Antwort gilt für");
	}

	@Test
	void onlyTheInviteeAnswersAndOnlyOnTheirCopy() throws Exception {
		Map<String, String> fields = meeting();
		fields.put("teilnehmende", "person:" + pupil.accountId());
		web.send(teacher, "/kalender/termin", fields);
		String copy = copyOf(pupil);
		// the teacher's own event is no invitation of theirs; another person's calendar is none they see; a made-up answer is none
		String organizers = objects.list(calendars.personal(teacher.schoolId(), teacher.accountId())).get(0).name();
		assertThat(web.perform(teacher, post("/kalender/" + teacher.accountId() + "/termin/antwort").param("name", organizers).param("antwort", "zusagen"))
			.getStatus()).isEqualTo(404);
		assertThat(web.perform(otherPupil, post("/kalender/" + pupil.accountId() + "/termin/antwort").param("name", copy).param("antwort", "zusagen"))
			.getStatus()).isEqualTo(404);
		assertThat(web.perform(pupil, post("/kalender/" + pupil.accountId() + "/termin/antwort").param("name", copy).param("antwort", "vielleicht-ja"))
			.getStatus()).isEqualTo(404);
		assertThat(data(pupil, copy)).contains("PARTSTAT=NEEDS-ACTION");
	}

	@Test
	void theSearchFindsPeopleAndGroupsOfTheSchoolAndPupilsOnlyThoseOfTheirGroups() throws Exception {
		String found = web.page(teacher, "/kalender/teilnehmende/suche?suche=pa");
		assertThat(found).contains("person:" + pupil.accountId()).contains("Paul Pult").doesNotContain("Paula Fremd");
		assertThat(web.page(teacher, "/kalender/teilnehmende/suche?suche=8a")).contains("gruppe:" + eight.id());
		assertThat(web.page(teacher, "/kalender/teilnehmende/suche?suche=zz")).contains("Niemand gefunden.");
		// a pupil of 7b finds nobody of 8a and not the class 8a
		assertThat(web.page(pupil, "/kalender/teilnehmende/suche?suche=olga")).doesNotContain("Olga Ofen");
		assertThat(web.page(pupil, "/kalender/teilnehmende/suche?suche=8a")).doesNotContain("gruppe:");
	}

	@Test
	void theBusyTimesOfTheChosenOnTheDayShowTimesButNoTitles() throws Exception {
		web.send(pupil, "/kalender/termin", Map.of("titel", "Zahnarzt", "kalender", pupil.accountId().toString(), "vonDatum", "2026-12-03", "vonZeit",
				"09:00", "bisDatum", "2026-12-03", "bisZeit", "10:00"));
		web.send(stranger, "/kalender/termin", Map.of("titel", "Geheim", "kalender", stranger.accountId().toString(), "vonDatum", "2026-12-03", "vonZeit",
				"11:00", "bisDatum", "2026-12-03", "bisZeit", "12:00"));
		String busy = web.perform(teacher, get("/kalender/frei-belegt").param("teilnehmende", "person:" + pupil.accountId(), "gruppe:" + eight.id(),
				"person:" + stranger.accountId()).param("vonDatum", "2026-12-03").header("HX-Request", "true")).getContentAsString(StandardCharsets.UTF_8);
		assertThat(busy).contains("Paul Pult").contains("belegt 09:00–10:00").contains("Olga Ofen").contains("ganztags frei")
			.doesNotContain("Zahnarzt").doesNotContain("Paula").doesNotContain("11:00");
		assertThat(web.page(teacher, "/kalender/frei-belegt?vonDatum=2026-12-03")).contains("Wählen Sie zuerst Teilnehmende aus.");
	}
}
