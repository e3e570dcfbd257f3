package de.schulhaus.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.PersonalData;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.SchoolDeleted;

/** Calendars go with their owners, and a person's own calendars are in their data export and go with erasure. */
@IntegrationTest
class CalendarRemovalTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Calendars calendars;

	@Autowired
	CalendarObjects objects;

	@Autowired
	CalendarRemoval removal;

	@Autowired
	GroupManagement groups;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	PersonalData personalData;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CalendarPersonalData calendarData;

	@Test
	void aDeletedGroupsCalendarGoesAndADeletedPersonsAndSchoolsToo() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Kalender-Lösch-Schule");
		SchulhausUser teacher = users.load(t.createUser(school, "Greta", "Gruppe", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login()).orElseThrow();
		SchulhausUser other = users.load(t.createUser(school, "Otto", "Bleibt", "TEACHER", "Kompass-Laterne-Quitte-2027", null).login()).orElseThrow();
		var gone = groups.create(school.id(), "Theater-AG", GroupKind.CUSTOM, null, teacher);
		var stays = groups.create(school.id(), "Chor", GroupKind.CUSTOM, null, teacher);
		groups.addMember(school.id(), gone.id(), teacher.accountId(), true, teacher);
		groups.addMember(school.id(), stays.id(), teacher.accountId(), true, teacher);
		for (Calendar calendar : calendars.visibleTo(teacher)) {
			if (calendar.writable()) {
				put(calendar, "e.ics", "e-" + calendar.id());
			}
		}
		put(calendars.visibleTo(other).get(0), "o.ics", "o-" + other.accountId());
		assertThat(count(gone.id())).isEqualTo(1);
		// a feed and a staged import of the teacher, a room and the exam rule of the school: rows without a foreign key to a calendar
		row("insert into calendar_feed (id, school_id, calendar_id, account_id, token_hash, created_at) values (:id, :s, :c, :a, :h, :t)", school.id(),
				other.accountId(), teacher.accountId());
		row("insert into calendar_import (id, school_id, calendar_id, account_id, file_name, data, created_at) values (:id, :s, :c, :a, 'a.ics', :h, :t)",
				school.id(), teacher.accountId(), teacher.accountId());
		row("insert into calendar_feed (id, school_id, calendar_id, account_id, token_hash, created_at) values (:id, :s, :c, :a, :h, :t)", school.id(),
				other.accountId(), other.accountId());
		jdbc.sql("insert into calendar_resource (id, school_id, name, kind, created_at) values (:id, :s, 'Aula', 'room', :t)")
			.param("id", UUID.randomUUID()).param("s", school.id()).param("t", OffsetDateTime.now(ZoneOffset.UTC)).update();
		jdbc.sql("insert into calendar_school_setting (school_id, max_exams_per_week, updated_at) values (:s, 2, :t)").param("s", school.id())
			.param("t", OffsetDateTime.now(ZoneOffset.UTC)).update();

		groups.delete(school.id(), gone.id(), teacher);
		await().atMost(Duration.ofSeconds(20)).until(() -> count(gone.id()) == 0);
		assertThat(count(stays.id())).isEqualTo(1);

		removal.on(new AccountsChanged(school.id(), List.of(new AccountsChanged.Change(AccountsChanged.Kind.DELETED, teacher.accountId(),
				teacher.login(), "Greta", "Gruppe", null, null))));
		await().atMost(Duration.ofSeconds(20)).until(() -> count(teacher.accountId()) == 0);
		assertThat(count(other.accountId())).isEqualTo(1);
		assertThat(rows("calendar_feed", school.id())).as("the teacher's feed went, the other teacher's stays").isEqualTo(1);
		assertThat(rows("calendar_import", school.id())).isZero();

		removal.on(new SchoolDeleted(school.id(), school.number()));
		await().atMost(Duration.ofSeconds(20)).until(() -> rows("calendar", school.id()) == 0);
		for (String table : List.of("calendar_feed", "calendar_import", "calendar_resource", "calendar_school_setting", "calendar_invitation",
				"calendar_school_writer")) {
			assertThat(rows(table, school.id())).as(table).isZero();
		}
	}

	private void row(String sql, UUID school, UUID calendar, UUID account) {
		jdbc.sql(sql).param("id", UUID.randomUUID()).param("s", school).param("c", calendar).param("a", account)
			.param("h", UUID.randomUUID().toString()).param("t", OffsetDateTime.now(ZoneOffset.UTC)).update();
	}

	private long rows(String table, UUID school) {
		return jdbc.sql("select count(*) from " + table + " where school_id = :s").param("s", school).query(Long.class).single();
	}

	@Test
	void aPersonsOwnCalendarsAreExportedAndErased() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Kalender-Auskunft-Schule");
		var ref = t.createUser(school, "Erik", "Export", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		SchulhausUser erik = users.load(ref.login()).orElseThrow();
		put(calendars.visibleTo(erik).get(0), "zahnarzt.ics", "zahnarzt@erik");
		DataSubject subject = new DataSubject(erik.accountId(), school.id(), erik.login(), erik.displayName(), java.util.Locale.GERMAN,
				java.time.Instant.now().minusSeconds(3600));

		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		personalData.export(subject, erik, zip);
		boolean found = false;
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
			for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
				if (entry.getName().endsWith("zahnarzt.ics")) {
					found = new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("UID:zahnarzt@erik");
				}
			}
		}
		assertThat(found).as("the event is in the export").isTrue();

		// the account itself must be deactivated before a whole erasure; the calendar's part is this
		calendarData.erase(subject, erik);
		assertThat(count(erik.accountId())).isZero();
	}

	private void put(Calendar calendar, String name, String uid) {
		String text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Schulhaus//Tests//DE\r\nBEGIN:VEVENT\r\nUID:" + uid
				+ "\r\nDTSTAMP:20261130T120000Z\r\nDTSTART:20261203T080000Z\r\nDTEND:20261203T090000Z\r\nSUMMARY:Termin\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
		objects.put(calendar, name, CalendarData.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 100_000));
	}

	private long count(UUID owner) {
		return jdbc.sql("select count(*) from calendar_object o join calendar c on c.id = o.calendar_id where c.owner_id = :owner")
			.param("owner", owner).query(Long.class).single();
	}
}
