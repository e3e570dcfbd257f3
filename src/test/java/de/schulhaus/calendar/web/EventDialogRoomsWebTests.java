package de.schulhaus.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
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
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.calendar.internal.Bookings;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.calendar.internal.Rooms;
import de.schulhaus.platform.SchulhausUser;

/** Rooms and equipment booked from the event dialog: a weekly lesson books every week, a taken week is named, nothing half stored. */
@IntegrationTest
class EventDialogRoomsWebTests {

	private static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");
	private static final Instant FEBRUARY = Instant.parse("2027-02-01T00:00:00Z");

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	Calendars calendars;

	@Autowired
	Rooms rooms;

	@Autowired
	Bookings bookings;

	CalendarWebFixture web;
	TestSchools.SchoolRef school;
	SchulhausUser tina;
	SchulhausUser sara;
	Rooms.Room computers;
	Rooms.Room physics;

	@BeforeEach
	void aSchoolWithRoomsAndTwoTeachers() throws Exception {
		var t = new TestSchools(mvc);
		school = t.createSchool("Raum-im-Dialog-Schule");
		SchulhausUser admin = users.load(t.createUser(school, "Anja", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2025", null).login())
			.orElseThrow().withTwoFactor(true);
		tina = users.load(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login()).orElseThrow();
		sara = users.load(t.createUser(school, "Sara", "Schwamm", "TEACHER", "Kompass-Laterne-Quitte-2027", null).login()).orElseThrow();
		computers = rooms.create(admin, "Computerraum", Rooms.Kind.ROOM, 30, null);
		physics = rooms.create(admin, "Physikraum", Rooms.Kind.ROOM, 28, null);
		web = new CalendarWebFixture(mvc, credentials);
	}

	private String personal(SchulhausUser person) {
		return calendars.visibleTo(person).get(0).id().toString();
	}

	/** A weekly Tuesday lesson of {@code weeks} weeks from {@code first}. */
	private Map<String, String> weekly(SchulhausUser person, String title, String first, String from, String to, int weeks) {
		return new HashMap<>(Map.of("titel", title, "kalender", personal(person), "vonDatum", first, "vonZeit", from, "bisDatum", first, "bisZeit", to,
				"wiederholung", "woechentlich", "tage", "di", "ende", "anzahl", "anzahl", String.valueOf(weeks)));
	}

	private List<Bookings.Booking> booked(Rooms.Room room) {
		return bookings.of(school.id(), room.id(), NOVEMBER, FEBRUARY);
	}

	@Test
	void aWeeklyLessonWithARoomBooksEveryWeekAndCalendarProgramsSeeTheRoom() throws Exception {
		String dialog = web.page(tina, "/kalender/termin/neu?beginn=2026-12-01T08:00");
		assertThat(dialog).contains("<legend>Raum / Ausstattung</legend>").containsPattern("name=\"raeume\" value=\"" + computers.id() + "\"")
			.contains("Computerraum").contains("(Raum · 30 Plätze)");

		Map<String, String> lesson = weekly(tina, "Informatik 9a", "2026-12-01", "08:00", "08:45", 4);
		lesson.put("raeume", computers.id().toString());
		MockHttpServletResponse created = web.send(tina, "/kalender/termin", lesson);
		assertThat(created.getStatus()).isEqualTo(302);

		List<Bookings.Booking> weeks = booked(computers);
		assertThat(weeks).extracting(Bookings.Booking::start).containsExactly(Instant.parse("2026-12-01T07:00:00Z"), Instant.parse("2026-12-08T07:00:00Z"),
				Instant.parse("2026-12-15T07:00:00Z"), Instant.parse("2026-12-22T07:00:00Z"));
		assertThat(weeks).extracting(Bookings.Booking::title).containsOnly("Informatik 9a");
		// the room's page shows the third week taken, and the event carries the room as calendar programs write it
		assertThat(web.page(sara, "/kalender/raeume/" + computers.id() + "?ab=2026-12-15")).contains("08:00–08:45").contains("Informatik 9a")
			.contains("Tina Tafel");
		String ics = web.caldav(tina, web.caldavSecret(tina), "GET", "/caldav/" + tina.login() + "/persoenlich/" + weeks.get(0).objectName(), null)
			.getContentAsString(StandardCharsets.UTF_8).replace("\r\n ", "");
		assertThat(ics).containsPattern("ATTENDEE;[^\\r\\n]*CUTYPE=ROOM[^\\r\\n]*:urn:uuid:" + computers.id()).contains("LOCATION:Computerraum")
			.contains("ORGANIZER");
	}

	@Test
	void aSecondTeachersOverlappingWeeklyLessonIsRefusedWithTheWeekAndWhoHasItAndNothingIsStored() throws Exception {
		Map<String, String> mine = weekly(tina, "Informatik 9a", "2026-12-01", "08:00", "08:45", 4);
		mine.put("raeume", computers.id().toString());
		web.send(tina, "/kalender/termin", mine);

		// Sara's lesson starts two weeks earlier; its third week meets Tina's first
		Map<String, String> hers = weekly(sara, "Robotik-AG", "2026-11-17", "08:30", "09:15", 6);
		hers.put("raeume", computers.id() + "|" + physics.id());
		MockHttpServletResponse refused = web.send(sara, "/kalender/termin", hers);
		assertThat(refused.getStatus()).isEqualTo(200);
		String dialog = refused.getContentAsString(StandardCharsets.UTF_8);
		assertThat(dialog).containsPattern("id=\"ev-raeume-error\"[^>]*role=\"alert\"")
			.contains("Computerraum ist am Dienstag, 1. Dezember 2026 (KW 49) von 08:00 bis 08:45 Uhr schon gebucht (Informatik 9a, Tina Tafel).")
			.contains("Es wurde nichts gespeichert").contains("Bitte prüfen Sie die markierten Angaben.");
		// the dialog keeps what she entered, both rooms still ticked
		assertThat(dialog).contains("value=\"Robotik-AG\"").containsPattern("value=\"" + computers.id() + "\" checked")
			.containsPattern("value=\"" + physics.id() + "\" checked");
		assertThat(booked(computers)).hasSize(4).extracting(Bookings.Booking::title).containsOnly("Informatik 9a");
		assertThat(booked(physics)).isEmpty();
		assertThat(web.page(sara, "/kalender?ansicht=liste&datum=2026-11-17")).contains("Keine Termine in den nächsten 30 Tagen");

		// in English too
		String english = web.send(sara.withLanguage("en"), "/kalender/termin", hers).getContentAsString(StandardCharsets.UTF_8);
		assertThat(english).contains("Computerraum is already booked on Tuesday").contains("(week 49) from 08:00 to 08:45 (Informatik 9a, Tina Tafel)");
	}

	@Test
	void editingKeepsOrChangesTheRoomsAndUntickingFreesTheWeeks() throws Exception {
		Map<String, String> lesson = weekly(tina, "Informatik 9a", "2026-12-01", "08:00", "08:45", 4);
		lesson.put("raeume", computers.id().toString());
		web.send(tina, "/kalender/termin", lesson);
		String name = booked(computers).get(0).objectName();
		String action = "/kalender/" + personal(tina) + "/termin";

		String form = web.page(tina, action + "/bearbeiten?name=" + name);
		assertThat(form).containsPattern("value=\"" + computers.id() + "\" checked").doesNotContainPattern("value=\"" + physics.id() + "\" checked");

		// a form without the rooms (not the dialog) leaves them booked
		Map<String, String> renamed = weekly(tina, "Informatik 9a (Gruppe 1)", "2026-12-01", "08:00", "08:45", 4);
		renamed.put("name", name);
		web.send(tina, action, renamed);
		assertThat(booked(computers)).hasSize(4).extracting(Bookings.Booking::title).containsOnly("Informatik 9a (Gruppe 1)");

		// moved to the physics room: the computer room is free again in every week
		renamed.put("raeume", physics.id().toString());
		assertThat(web.send(tina, action, renamed).getStatus()).isEqualTo(302);
		assertThat(booked(computers)).isEmpty();
		assertThat(booked(physics)).hasSize(4);

		// unticked: nothing booked, and Sara gets the physics room on those Tuesdays
		renamed.put("raeume", "");
		web.send(tina, action, renamed);
		assertThat(booked(physics)).isEmpty();
		Map<String, String> hers = weekly(sara, "Robotik-AG", "2026-12-01", "08:00", "08:45", 4);
		hers.put("raeume", physics.id().toString());
		assertThat(web.send(sara, "/kalender/termin", hers).getStatus()).isEqualTo(302);
		assertThat(booked(physics)).hasSize(4).extracting(Bookings.Booking::title).containsOnly("Robotik-AG");
	}

	@Test
	void anotherSchoolsRoomIsAnsweredLikeAMissingOneAndNothingIsStored() throws Exception {
		var t = new TestSchools(mvc);
		TestSchools.SchoolRef other = t.createSchool("Andere-Raum-Schule");
		SchulhausUser otherAdmin = users.load(t.createUser(other, "Otto", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2028", null).login())
			.orElseThrow().withTwoFactor(true);
		Rooms.Room theirs = rooms.create(otherAdmin, "Aula", Rooms.Kind.ROOM, 400, null);
		assertThat(web.page(tina, "/kalender/termin/neu")).doesNotContain("Aula").doesNotContain(theirs.id().toString());

		for (String id : List.of(theirs.id().toString(), java.util.UUID.randomUUID().toString(), "kaputt")) {
			Map<String, String> lesson = weekly(tina, "Konzert", "2026-12-01", "18:00", "20:00", 1);
			lesson.put("raeume", id);
			assertThat(web.send(tina, "/kalender/termin", lesson).getStatus()).as(id).isEqualTo(404);
		}
		assertThat(bookings.of(other.id(), theirs.id(), NOVEMBER, FEBRUARY)).isEmpty();
		assertThat(web.page(tina, "/kalender?ansicht=liste&datum=2026-12-01")).contains("Keine Termine in den nächsten 30 Tagen");
	}

	@Test
	void oneDateOfASeriesBooksARoomOfItsOwnAndATakenOneIsRefusedWithNothingStored() throws Exception {
		Map<String, String> lesson = weekly(tina, "Mathe 9a", "2026-12-01", "08:00", "08:45", 4);
		assertThat(web.send(tina, "/kalender/termin", lesson).getStatus()).isEqualTo(302);
		String name = CalendarWebFixture.link(CalendarWebFixture.cell(web.page(tina, "/kalender?ansicht=monat&datum=2026-12-01"), "2026-12-01"),
				"Mathe 9a")[1];
		String calendar = personal(tina);
		String edit = web.page(tina, "/kalender/" + calendar + "/termin/bearbeiten?name=" + name + "&instanz=2026-12-15T07:00:00Z");
		assertThat(edit).contains("Mit „Nur diesen Termin“ gilt die Wahl nur für diesen Tag");

		// "only this": the computer room on 15 December, for that date alone
		Map<String, String> test = new HashMap<>(lesson);
		test.putAll(Map.of("name", name, "instanz", "2026-12-15T07:00:00Z", "umfang", "dieses", "vonDatum", "2026-12-15", "bisDatum", "2026-12-15",
				"wiederholung", "beibehalten", "raeume", computers.id().toString()));
		assertThat(web.send(tina, "/kalender/" + calendar + "/termin", test).getStatus()).isEqualTo(302);
		assertThat(booked(computers)).extracting(Bookings.Booking::start).containsExactly(Instant.parse("2026-12-15T07:00:00Z"));
		String ics = web.caldav(tina, web.caldavSecret(tina), "GET", "/caldav/" + tina.login() + "/persoenlich/" + name, null)
			.getContentAsString(StandardCharsets.UTF_8).replace("\r\n ", "");
		String override = ics.substring(ics.indexOf("RECURRENCE-ID"));
		assertThat(override).containsPattern("ATTENDEE;[^\\r\\n]*CUTYPE=ROOM[^\\r\\n]*:urn:uuid:" + computers.id());
		assertThat(ics.substring(0, ics.indexOf("RECURRENCE-ID"))).doesNotContain("urn:uuid:" + computers.id());
		// the dialog of that date shows the room ticked, the series' dialog not
		assertThat(web.page(tina, "/kalender/" + calendar + "/termin/bearbeiten?name=" + name + "&instanz=2026-12-15T07:00:00Z"))
			.containsPattern("name=\"raeume\" value=\"" + computers.id() + "\" checked");
		assertThat(web.page(tina, "/kalender/" + calendar + "/termin/bearbeiten?name=" + name))
			.doesNotContainPattern("name=\"raeume\" value=\"" + computers.id() + "\" checked");

		// a change of the whole series (a new title, no room) keeps that date's room
		Map<String, String> renamed = new HashMap<>(lesson);
		renamed.putAll(Map.of("name", name, "titel", "Mathematik 9a", "raeume", ""));
		assertThat(web.send(tina, "/kalender/" + calendar + "/termin", renamed).getStatus()).isEqualTo(302);
		assertThat(booked(computers)).extracting(Bookings.Booking::start).containsExactly(Instant.parse("2026-12-15T07:00:00Z"));

		// Sara's lesson wants the physics room on 8 December; Tina's "only this" for that date is refused, nothing changes
		Map<String, String> saras = weekly(sara, "Physik 8c", "2026-12-08", "08:00", "09:30", 1);
		saras.put("raeume", physics.id().toString());
		assertThat(web.send(sara, "/kalender/termin", saras).getStatus()).isEqualTo(302);
		Map<String, String> clash = new HashMap<>(lesson);
		clash.putAll(Map.of("name", name, "instanz", "2026-12-08T07:00:00Z", "umfang", "dieses", "vonDatum", "2026-12-08", "bisDatum", "2026-12-08",
				"titel", "Mathe 9a im Physikraum", "wiederholung", "beibehalten", "raeume", physics.id().toString()));
		MockHttpServletResponse refused = web.send(tina, "/kalender/" + calendar + "/termin", clash);
		assertThat(refused.getStatus()).isEqualTo(200);
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("Physikraum ist am Dienstag, 8. Dezember 2026 (KW 50) von 08:00 bis 09:30 Uhr schon gebucht")
			.contains("Physik 8c, Sara Schwamm");
		assertThat(booked(physics)).extracting(Bookings.Booking::title).containsExactly("Physik 8c");
		assertThat(CalendarWebFixture.cell(web.page(tina, "/kalender?ansicht=monat&datum=2026-12-08"), "2026-12-08")).doesNotContain("im Physikraum");
	}
}
