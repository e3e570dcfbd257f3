package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.SchulhausUser;

/**
 * Alarms stored with events ring as notifications for the people who see the calendar, once, at the time
 * the job is run with; a class's reminder reaches its members, not another class's pupils, not another school.
 */
@IntegrationTest
class RemindersTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Calendars calendars;

	@Autowired
	CalendarObjects objects;

	@Autowired
	Reminders reminders;

	@Autowired
	GroupManagement groups;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	SchulhausUser teacher;
	SchulhausUser pupil;
	SchulhausUser otherPupil;
	SchulhausUser stranger;
	SchulhausUser admin;
	Group fiveA;
	int year;

	@BeforeEach
	void people() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Erinnerungs-Schule");
		var otherSchool = t.createSchool("Andere Erinnerungs-Schule");
		teacher = users.load(t.createUser(school, "Tanja", "Termin", "TEACHER", null, null).login()).orElseThrow();
		pupil = users.load(t.createUser(school, "Paul", "Fünfa", "PUPIL", null, null).login()).orElseThrow();
		otherPupil = users.load(t.createUser(school, "Pia", "Fünfb", "PUPIL", null, null).login()).orElseThrow();
		stranger = users.load(t.createUser(otherSchool, "Sven", "Anders", "TEACHER", null, null).login()).orElseThrow();
		admin = users.load(t.createUser(school, "Anna", "Admin", "SCHOOL_ADMIN", null, null).login()).orElseThrow();
		fiveA = groups.create(school.id(), "5a", GroupKind.CLASS, null, teacher);
		Group fiveB = groups.create(school.id(), "5b", GroupKind.CLASS, null, teacher);
		groups.addMember(school.id(), fiveA.id(), teacher.accountId(), true, teacher);
		groups.addMember(school.id(), fiveA.id(), pupil.accountId(), false, teacher);
		groups.addMember(school.id(), fiveB.id(), otherPupil.accountId(), false, teacher);
		// a year of its own per run: other tests' alarms never meet ours
		year = 2040 + (int) (Math.abs(school.id().getLeastSignificantBits()) % 50);
	}

	@Test
	void aClassReminderReachesTheClassOnceAndOnlyAtItsTime() {
		Calendar classCalendar = calendars.find(teacher, fiveA.id().toString()).orElseThrow();
		put(classCalendar, "wandertag.ics", "wandertag", "Wandertag", "DTSTART;TZID=Europe/Berlin:" + year + "0305T100000", "");
		// the same minute in another school
		put(calendars.visibleTo(stranger).get(0), "fremd.ics", "fremd", "Fremder Termin", "DTSTART;TZID=Europe/Berlin:" + year + "0305T100000", "");

		reminders.ring(Instant.parse(year + "-03-05T08:44:00Z"));
		assertThat(titles(teacher)).isEmpty();

		reminders.ring(Instant.parse(year + "-03-05T08:45:30Z"));
		assertThat(titles(teacher)).containsExactly("calendar.reminder.title[Wandertag, 10:00]");
		assertThat(titles(pupil)).containsExactly("calendar.reminder.title[Wandertag, 10:00]");
		assertThat(titles(otherPupil)).isEmpty();
		assertThat(titles(stranger)).containsExactly("calendar.reminder.title[Fremder Termin, 10:00]");
		assertThat(notifications.newestFirst(pupil, 0, 10).get(0).link())
			.isEqualTo("/kalender/" + classCalendar.id() + "/termin?name=wandertag.ics");

		// run again, or by a second node: nothing twice
		reminders.ring(Instant.parse(year + "-03-05T08:46:00Z"));
		assertThat(titles(pupil)).hasSize(1);
		assertThat(alarms(classCalendar)).isZero();
	}

	@Test
	void aBusyOnlyEventOfTheClassRemindsItsReadersOfTheTimeNotTheTitle() {
		Calendar classCalendar = calendars.find(teacher, fiveA.id().toString()).orElseThrow();
		put(classCalendar, "konferenz.ics", "konferenz", "Zeugniskonferenz Ben", "DTSTART;TZID=Europe/Berlin:" + year + "0306T100000", "CLASS:PRIVATE");

		reminders.ring(Instant.parse(year + "-03-06T08:45:30Z"));
		assertThat(titles(pupil)).containsExactly("calendar.reminder.title[Belegt, 10:00]");
		assertThat(notifications.newestFirst(pupil, 0, 10)).noneMatch(n -> n.titleArgs().contains("Zeugniskonferenz Ben"));
	}

	@Test
	void aSeriesMovesToItsNextInstanceAndAlarmsLongPastAreSkipped() {
		Calendar own = calendars.visibleTo(teacher).get(0);
		put(own, "sprechstunde.ics", "sprechstunde", "Sprechstunde", "DTSTART;TZID=Europe/Berlin:" + year + "0301T080000",
				"RRULE:FREQ=DAILY;COUNT=5");

		// the server was down from the 1st to the 3rd: the 1st, 2nd and 3rd are not rung at once, not at all
		reminders.ring(Instant.parse(year + "-03-03T07:30:00Z"));
		assertThat(titles(teacher)).isEmpty();

		reminders.ring(Instant.parse(year + "-03-04T06:45:00Z"));
		assertThat(titles(teacher)).containsExactly("calendar.reminder.title[Sprechstunde, 08:00]");
		assertThat(notifications.newestFirst(teacher, 0, 10).get(0).link())
			.isEqualTo("/kalender/" + own.id() + "/termin?name=sprechstunde.ics&instanz=" + year + "-03-04T07:00:00Z");
		assertThat(titles(pupil)).as("a personal calendar's reminder is its owner's only").isEmpty();

		// deleting the event ends its reminders
		objects.delete(own, "sprechstunde.ics");
		reminders.ring(Instant.parse(year + "-03-05T06:45:00Z"));
		assertThat(titles(teacher)).hasSize(1);
	}

	@Test
	void changingTheEventMovesItsAlarm() {
		Calendar own = calendars.visibleTo(teacher).get(0);
		put(own, "konferenz.ics", "konferenz", "Konferenz", "DTSTART;TZID=Europe/Berlin:" + year + "0310T150000", "");
		put(own, "konferenz.ics", "konferenz", "Konferenz (verschoben)", "DTSTART;TZID=Europe/Berlin:" + year + "0311T150000", "");
		reminders.ring(Instant.parse(year + "-03-10T13:45:00Z"));
		assertThat(titles(teacher)).isEmpty();
		reminders.ring(Instant.parse(year + "-03-11T13:45:00Z"));
		assertThat(titles(teacher)).containsExactly("calendar.reminder.title[Konferenz (verschoben), 15:00]");
	}

	@Test
	void theSchoolCalendarRemindsEveryoneOfTheSchoolTheDayBefore() {
		Calendar school = calendars.find(admin, Calendars.SCHOOL_SLUG).orElseThrow();
		put(school, "elternabend.ics", "elternabend", "Elternabend", "DTSTART;TZID=Europe/Berlin:" + year + "0312T190000", "", "-P1D");
		reminders.ring(Instant.parse(year + "-03-11T18:00:00Z"));
		String expected = "calendar.reminder.otherDay[Elternabend, 12.03." + year + ", 19:00]";
		for (SchulhausUser person : List.of(admin, teacher, pupil, otherPupil)) {
			assertThat(titles(person)).as(person.login()).containsExactly(expected);
		}
		assertThat(titles(stranger)).isEmpty();
	}

	private List<String> titles(SchulhausUser person) {
		return notifications.newestFirst(person, 0, 50).stream()
			.filter(n -> n.kind().equals("calendar.reminder"))
			.map(n -> n.titleKey() + n.titleArgs())
			.toList();
	}

	private long alarms(Calendar calendar) {
		return jdbc.sql("select count(*) from calendar_alarm where calendar_id = :c").param("c", calendar.id()).query(Long.class).single();
	}

	private void put(Calendar calendar, String name, String uid, String summary, String start, String rule) {
		put(calendar, name, uid, summary, start, rule, "-PT15M");
	}

	private void put(Calendar calendar, String name, String uid, String summary, String start, String rule, String trigger) {
		String text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Schulhaus//Tests//DE\r\nBEGIN:VEVENT\r\nUID:" + uid
				+ "\r\nDTSTAMP:20261130T120000Z\r\n" + start + "\r\nDURATION:PT1H\r\n" + (rule.isEmpty() ? "" : rule + "\r\n") + "SUMMARY:" + summary
				+ "\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:" + summary + "\r\nTRIGGER:" + trigger + "\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
		objects.put(calendar, name, CalendarData.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 100_000));
	}
}
