package de.schulhaus.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.calendar.internal.Bookings;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.calendar.internal.RoomBookings;
import de.schulhaus.calendar.internal.Rooms;
import de.schulhaus.platform.SchulhausUser;

/** Rooms and equipment: admins keep them, everyone books them, a taken slot is refused from the page and over CalDAV alike. */
@IntegrationTest
class RoomsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	Rooms rooms;

	@Autowired
	RoomBookings roomBookings;

	@Autowired
	Bookings bookings;

	@Autowired
	Calendars calendars;

	@Autowired
	ClientCredentials credentials;

	SchulhausUser admin;
	SchulhausUser tina;
	SchulhausUser sara;
	TestSchools.SchoolRef school;

	@BeforeEach
	void schoolWithTwoTeachers() throws Exception {
		var t = new TestSchools(mvc);
		school = t.createSchool("Raum-Buchungs-Schule");
		admin = users.load(t.createUser(school, "Anja", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2025", null).login()).orElseThrow()
			.withTwoFactor(true);
		tina = users.load(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login()).orElseThrow();
		sara = users.load(t.createUser(school, "Sara", "Schwamm", "TEACHER", "Kompass-Laterne-Quitte-2027", null).login()).orElseThrow();
	}

	@Test
	void anAdminAddsARoomAndTeachersCannot() throws Exception {
		mvc.perform(post("/verwaltung/raeume").param("name", "Aula").param("kind", "ROOM").param("capacity", "400").with(user(admin)).with(csrf()));
		assertThat(rooms.list(school.id())).extracting(Rooms.Room::name).containsExactly("Aula");
		assertThat(mvc.perform(get("/verwaltung/raeume").with(user(tina))).andReturn().getResponse().getStatus()).isIn(403, 404);
		mvc.perform(post("/verwaltung/raeume").param("name", "Heimlich").with(user(tina)).with(csrf()));
		assertThat(rooms.list(school.id())).hasSize(1);
		String page = mvc.perform(get("/kalender/raeume").with(user(tina))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Aula").contains("400 Plätze").doesNotContain("Räume verwalten");
	}

	@Test
	void theSecondBookingOfATakenSlotIsRefusedWithWhoHasIt() throws Exception {
		Rooms.Room room = rooms.create(admin, "Computerraum", Rooms.Kind.ROOM, 30, null);
		LocalDate day = LocalDate.of(2026, 12, 3);
		MvcResult booked = mvc.perform(post("/kalender/raeume/" + room.id() + "/buchen").param("day", day.toString()).param("from", "08:00")
			.param("to", "09:30").param("title", "Mathe 7b").with(user(tina)).with(csrf())).andReturn();
		assertThat((String) booked.getFlashMap().get("booked")).contains("Computerraum").contains("08:00").contains("09:30");

		MvcResult refused = mvc.perform(post("/kalender/raeume/" + room.id() + "/buchen").param("day", day.toString()).param("from", "09:00")
			.param("to", "10:00").param("title", "Englisch 9c").with(user(sara)).with(csrf())).andReturn();
		assertThat((String) refused.getFlashMap().get("problem")).contains("Computerraum ist am Donnerstag, 03.12.2026 von 08:00 bis 09:30 Uhr schon gebucht")
			.contains("Mathe 7b").contains("Tina Tafel");
		assertThat(bookings.of(school.id(), room.id(), day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
				day.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC))).hasSize(1);
		// nothing of the refused event is in her calendar
		String secret = credentials.createAppPassword(sara, "Kalender", Set.of(Scope.CALENDAR), null).secret();
		String listing = mvc.perform(request(HttpMethod.valueOf("PROPFIND"), java.net.URI.create("/caldav/" + sara.login() + "/persoenlich/"))
			.header("Depth", "1").with(httpBasic(sara.login(), secret))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(listing).doesNotContain(".ics");

		// right after is free
		MvcResult after = mvc.perform(post("/kalender/raeume/" + room.id() + "/buchen").param("day", day.toString()).param("from", "09:30")
			.param("to", "11:00").param("title", "Englisch 9c").with(user(sara)).with(csrf())).andReturn();
		assertThat(after.getFlashMap().get("booked")).isNotNull();
		String page = mvc.perform(get("/kalender/raeume/" + room.id()).param("ab", day.toString()).with(user(tina))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("08:00–09:30").contains("09:30–11:00").contains("Sara Schwamm");
	}

	@Test
	void aCalDavClientThatBooksATakenRoomGetsAConflict() throws Exception {
		Rooms.Room room = rooms.create(admin, "Laptopwagen", Rooms.Kind.EQUIPMENT, null, null);
		roomBookings.book(tina, calendars.visibleTo(tina).get(0), room, LocalDate.of(2026, 12, 7), LocalTime.of(10, 0), LocalTime.of(11, 30), "Bio");
		String secret = credentials.createAppPassword(sara, "Kalender", Set.of(Scope.CALENDAR), null).secret();
		String event = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\nBEGIN:VEVENT\r\nUID:wagen@x\r\nDTSTAMP:20261130T120000Z\r\n"
				+ "DTSTART:20261207T100000Z\r\nDTEND:20261207T110000Z\r\nSUMMARY:Recherche\r\n"
				+ "ATTENDEE;CUTYPE=RESOURCE;CN=Laptopwagen:urn:uuid:" + room.id() + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
		MockHttpServletResponse taken = mvc.perform(request(HttpMethod.PUT, java.net.URI.create("/caldav/" + sara.login() + "/persoenlich/w.ics"))
			.contentType("text/calendar").content(event).with(httpBasic(sara.login(), secret))).andReturn().getResponse();
		assertThat(taken.getStatus()).isEqualTo(409);
		assertThat(taken.getContentAsString()).contains("Laptopwagen is booked");
		MockHttpServletResponse free = mvc.perform(request(HttpMethod.PUT, java.net.URI.create("/caldav/" + sara.login() + "/persoenlich/w.ics"))
			.contentType("text/calendar").content(event.replace("20261207T1", "20261208T1")).with(httpBasic(sara.login(), secret))).andReturn()
			.getResponse();
		assertThat(free.getStatus()).isEqualTo(201);
	}

	@Test
	void aWeeklyBookingIsRefusedWhenOneOfItsWeeksIsTaken() {
		Rooms.Room room = rooms.create(admin, "Musikraum", Rooms.Kind.ROOM, 28, null);
		roomBookings.book(tina, calendars.visibleTo(tina).get(0), room, LocalDate.of(2027, 1, 18), LocalTime.of(8, 0), LocalTime.of(9, 30), "Probe");
		var calendar = calendars.visibleTo(sara).get(0);
		String weekly = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\nBEGIN:VEVENT\r\nUID:chor@x\r\nDTSTAMP:20261130T120000Z\r\n"
				+ "DTSTART;TZID=Europe/Berlin:20261207T083000\r\nDTEND;TZID=Europe/Berlin:20261207T093000\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\n"
				+ "SUMMARY:Chor\r\nATTENDEE;CUTYPE=ROOM:urn:uuid:" + room.id() + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
		var object = de.schulhaus.calendar.internal.CalendarData.parse(new java.io.ByteArrayInputStream(weekly.getBytes(StandardCharsets.UTF_8)), 100_000);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> calendarObjects.put(calendar, "chor.ics", object, sara.accountId()))
			.isInstanceOf(Bookings.Conflict.class);
		assertThat(calendarObjects.find(calendar, "chor.ics")).isEmpty();
		assertThat(calendarObjects.put(calendar, "chor.ics", de.schulhaus.calendar.internal.CalendarData.parse(new java.io.ByteArrayInputStream(
				weekly.replace("COUNT=10", "COUNT=6").getBytes(StandardCharsets.UTF_8)), 100_000), sara.accountId())).isNotNull();
	}

	@Autowired
	de.schulhaus.calendar.internal.CalendarObjects calendarObjects;

	@Test
	void ofManyWhoBookTheSameSlotAtOnceExactlyOneGetsIt() throws Exception {
		Rooms.Room room = rooms.create(admin, "Turnhalle", Rooms.Kind.ROOM, 60, null);
		List<SchulhausUser> people = List.of(tina, sara, admin, tina, sara, admin, tina, sara);
		ExecutorService pool = Executors.newFixedThreadPool(people.size());
		List<Future<Boolean>> tries = new ArrayList<>();
		for (SchulhausUser person : people) {
			Callable<Boolean> attempt = () -> {
				try {
					roomBookings.book(person, calendars.visibleTo(person).get(0), room, LocalDate.of(2026, 12, 10), LocalTime.of(12, 0),
							LocalTime.of(13, 0), "Sportfest");
					return true;
				}
				catch (Bookings.Conflict ex) {
					return false;
				}
			};
			tries.add(pool.submit(attempt));
		}
		int won = 0;
		for (Future<Boolean> attempt : tries) {
			won += attempt.get() ? 1 : 0;
		}
		pool.shutdown();
		assertThat(won).isEqualTo(1);
		assertThat(bookings.of(school.id(), room.id(), java.time.Instant.parse("2026-12-10T00:00:00Z"), java.time.Instant.parse("2026-12-11T00:00:00Z")))
			.hasSize(1);
	}
}
