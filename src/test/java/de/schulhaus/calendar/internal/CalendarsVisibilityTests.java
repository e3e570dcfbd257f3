package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/** Who sees which calendars and writes which, from the person's own groups alone, whatever else the school has. */
@IntegrationTest
class CalendarsVisibilityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Calendars calendars;

	@Autowired
	GroupManagement groups;

	@Autowired
	AccountUserDetailsService users;

	@Test
	void aPersonSeesTheirGroupsCalendarsAndWritesThoseTheirRoleAllows() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Sicht-Schule");
		SchulhausUser teacher = users.load(t.createUser(school, "Lena", "Lehrer", "TEACHER", "Kompass-Laterne-Quitte-2035", null).login()).orElseThrow();
		SchulhausUser pupil = users.load(t.createUser(school, "Pia", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2036", "6a").login()).orElseThrow();
		Group six = groups.list(school.id()).stream().filter(g -> g.name().equals("6a")).findFirst().orElseThrow();
		Group choir = groups.create(school.id(), "Chor", GroupKind.CUSTOM, null, teacher);
		Group oldCourse = groups.create(school.id(), "Physik 2025", GroupKind.COURSE, null, teacher);
		Group elsewhere = groups.create(school.id(), "Kunst 9", GroupKind.COURSE, null, teacher);
		for (int i = 0; i < 30; i++) {
			groups.create(school.id(), "Gruppe " + i, GroupKind.CLASS, null, teacher);
		}
		groups.addMember(school.id(), six.id(), teacher.accountId(), false, teacher);
		groups.addMember(school.id(), choir.id(), pupil.accountId(), false, teacher);
		groups.addMember(school.id(), oldCourse.id(), teacher.accountId(), true, teacher);
		groups.archive(school.id(), oldCourse.id(), true, teacher);

		// the teacher: own, school, then the groups by name, a class's and a course's exam plan after it; nothing of Kunst 9
		assertThat(calendars.visibleTo(teacher)).extracting(Calendar::name, Calendar::kind, Calendar::writable).containsExactly(
				tuple("Persönlich", CalendarKind.PERSON, true), tuple("Schule", CalendarKind.SCHOOL, false),
				tuple("6a", CalendarKind.GROUP, true), tuple("Klausurplan 6a", CalendarKind.EXAMS, true),
				tuple("Physik 2025", CalendarKind.GROUP, false), tuple("Klausurplan Physik 2025", CalendarKind.EXAMS, false));
		// the pupil reads the class calendar, its exam plan and the choir's (only a group's leaders among pupils write)
		assertThat(calendars.visibleTo(pupil)).extracting(Calendar::name, Calendar::writable).containsExactly(
				tuple("Persönlich", true), tuple("Schule", false), tuple("6a", false), tuple("Klausurplan 6a", false), tuple("Chor", false));
		assertThat(calendars.visibleTo(pupil)).extracting(Calendar::id).doesNotContain(elsewhere.id(), oldCourse.id());
	}
}
