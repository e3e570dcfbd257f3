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

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

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
	void aBusyOnlyBookingShowsNoTitleToTheSchool() throws Exception {
		Rooms.Room room = rooms.create(admin, "Besprechungsraum", Rooms.Kind.ROOM, 8, null);
		var calendar = calendars.visibleTo(tina).get(0);
		String event = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\nBEGIN:VEVENT\r\nUID:gespraech@x\r\nDTSTAMP:20261130T120000Z\r\n"
				+ "DTSTART:20261209T100000Z\r\nDTEND:20261209T110000Z\r\nSUMMARY:Elterngespräch Familie Wolf\r\nCLASS:PRIVATE\r\n"
				+ "ATTENDEE;CUTYPE=ROOM:urn:uuid:" + room.id() + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
		calendarObjects.put(calendar, "gespraech.ics", de.schulhaus.calendar.internal.CalendarData.parse(
				new java.io.ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), 100_000), tina.accountId());
		var conflict = org.assertj.core.api.Assertions.catchThrowableOfType(Bookings.Conflict.class, () -> roomBookings.book(sara,
				calendars.visibleTo(sara).get(0), room, LocalDate.of(2026, 12, 9), LocalTime.of(11, 0), LocalTime.of(12, 0), "Sprechstunde"));
		assertThat(conflict).isNotNull();
		assertThat(conflict.getMessage()).doesNotContain("Wolf");
		assertThat(jdbc.sql("select title from calendar_booking where resource_id = :r").param("r", room.id()).query(String.class).list())
			.containsExactly("Belegt");
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

	@Test
	void anAdminRenamesARoomAndChangesItsPlacesButNotAnotherSchoolsAndNotAsTeacher() throws Exception {
		Rooms.Room room = rooms.create(admin, "Computerraum", Rooms.Kind.ROOM, 30, null);
		String form = mvc.perform(get("/verwaltung/raeume/" + room.id()).with(user(admin))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(form).contains("Computerraum bearbeiten").containsPattern("<label for=\"capacity\"[^>]*>Plätze</label>").contains("value=\"30\"");
		MvcResult saved = mvc.perform(post("/verwaltung/raeume/" + room.id()).param("name", "Informatikraum 1").param("capacity", "32")
			.param("description", "32 PCs, Beamer").with(user(admin)).with(csrf())).andReturn();
		assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/verwaltung/raeume");
		assertThat(rooms.find(school.id(), room.id())).get().extracting(Rooms.Room::name, Rooms.Room::capacity, Rooms.Room::description)
			.containsExactly("Informatikraum 1", 32, "32 PCs, Beamer");
		assertThat(mvc.perform(get("/verwaltung/raeume").with(user(admin))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("Informatikraum 1").contains("Informatikraum 1 bearbeiten");

		// a name taken and places out of range are refused with the reason, and what was typed stays in the form
		rooms.create(admin, "Aula", Rooms.Kind.ROOM, 400, null);
		MvcResult taken = mvc.perform(post("/verwaltung/raeume/" + room.id()).param("name", "Aula").param("capacity", "32").with(user(admin))
			.with(csrf())).andReturn();
		assertThat(taken.getResponse().getRedirectedUrl()).isEqualTo("/verwaltung/raeume/" + room.id());
		assertThat((String) taken.getFlashMap().get("problem")).contains("gibt es schon");
		MvcResult tooMany = mvc.perform(post("/verwaltung/raeume/" + room.id()).param("name", "Informatikraum 1").param("capacity", "0")
			.with(user(admin)).with(csrf())).andReturn();
		assertThat((String) tooMany.getFlashMap().get("problem")).contains("zwischen 1 und 10.000");
		assertThat(rooms.find(school.id(), room.id()).orElseThrow().capacity()).isEqualTo(32);

		assertThat(mvc.perform(post("/verwaltung/raeume/" + room.id()).param("name", "Heimlich").with(user(tina)).with(csrf())).andReturn().getResponse()
			.getStatus()).isEqualTo(403);
		var other = new TestSchools(mvc).createSchool("Andere-Raum-Schule");
		SchulhausUser otherAdmin = users.load(new TestSchools(mvc).createUser(other, "Otto", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2028", null)
			.login()).orElseThrow().withTwoFactor(true);
		assertThat(mvc.perform(get("/verwaltung/raeume/" + room.id()).with(user(otherAdmin))).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/verwaltung/raeume/" + room.id()).param("name", "Fremd").with(user(otherAdmin)).with(csrf())).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(rooms.find(school.id(), room.id()).orElseThrow().name()).isEqualTo("Informatikraum 1");
	}

	@Test
	void theOccupancyShowsTheWholeWeekWithTheWeekend() throws Exception {
		Rooms.Room hall = rooms.create(admin, "Turnhalle", Rooms.Kind.ROOM, 200, null);
		roomBookings.book(tina, calendars.visibleTo(tina).get(0), hall, LocalDate.of(2026, 12, 5), LocalTime.of(10, 0), LocalTime.of(14, 0),
				"Sportfest");
		roomBookings.book(tina, calendars.visibleTo(tina).get(0), hall, LocalDate.of(2026, 12, 6), LocalTime.of(9, 0), LocalTime.of(12, 0),
				"Adventsbasar");
		String page = mvc.perform(get("/kalender/raeume/" + hall.id()).param("ab", "2026-12-03").with(user(sara))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Montag, 30.11.2026").contains("Samstag, 05.12.2026").contains("Sonntag, 06.12.2026").contains("10:00–14:00")
			.contains("Sportfest").contains("09:00–12:00").contains("Adventsbasar");
	}

	@Test
	void aDeletedRoomLeavesItsEventsInPlaceWithoutItAndTellsTheBooker() throws Exception {
		Rooms.Room room = rooms.create(admin, "Chemieraum", Rooms.Kind.ROOM, 28, null);
		Rooms.Room cart = rooms.create(admin, "Laptopwagen", Rooms.Kind.EQUIPMENT, null, null);
		LocalDate day = LocalDate.now(RoomsController.ZONE).plusDays(9);
		roomBookings.book(tina, calendars.visibleTo(tina).get(0), room, day, LocalTime.of(8, 0), LocalTime.of(9, 30), "Chemie 9a");
		// a calendar program's event that books the room and the laptop cart
		String secret = credentials.createAppPassword(sara, "Kalender", Set.of(Scope.CALENDAR), null).secret();
		String start = day.toString().replace("-", "");
		String both = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//DE\r\nBEGIN:VEVENT\r\nUID:beide@x\r\nDTSTAMP:20261130T120000Z\r\n"
				+ "DTSTART:" + start + "T120000Z\r\nDTEND:" + start + "T130000Z\r\nSUMMARY:Versuch\r\nLOCATION:Chemieraum\r\n"
				+ "ATTENDEE;CUTYPE=ROOM;CN=Chemieraum:urn:uuid:" + room.id() + "\r\nATTENDEE;CUTYPE=RESOURCE;CN=Laptopwagen:urn:uuid:" + cart.id()
				+ "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
		assertThat(mvc.perform(request(HttpMethod.PUT, java.net.URI.create("/caldav/" + sara.login() + "/persoenlich/beide.ics"))
			.contentType("text/calendar").content(both).with(httpBasic(sara.login(), secret))).andReturn().getResponse().getStatus()).isEqualTo(201);

		MvcResult deleted = mvc.perform(post("/verwaltung/raeume/" + room.id() + "/loeschen").with(user(admin)).with(csrf())).andReturn();
		assertThat(deleted.getResponse().getRedirectedUrl()).isEqualTo("/verwaltung/raeume");
		assertThat(rooms.find(school.id(), room.id())).isEmpty();

		// the events are still there, without the room; the place stays as written
		String tinas = new String(mvc.perform(get("/kalender/" + tina.accountId() + "/export.ics").with(user(tina))).andReturn().getResponse()
			.getContentAsByteArray(), StandardCharsets.UTF_8).replace("\r\n ", "");
		assertThat(tinas).contains("SUMMARY:Chemie 9a").contains("LOCATION:Chemieraum").doesNotContain(room.id().toString());
		String saras = mvc.perform(request(HttpMethod.GET, java.net.URI.create("/caldav/" + sara.login() + "/persoenlich/beide.ics"))
			.with(httpBasic(sara.login(), secret))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8).replace("\r\n ", "");
		assertThat(saras).contains("SUMMARY:Versuch").doesNotContain(room.id().toString()).contains("urn:uuid:" + cart.id());
		// the cart stays booked by that event
		assertThat(bookings.of(school.id(), cart.id(), day.atStartOfDay(RoomsController.ZONE).toInstant(),
				day.plusDays(1).atStartOfDay(RoomsController.ZONE).toInstant())).extracting(Bookings.Booking::objectName).containsExactly("beide.ics");

		// each booker is told under the bell
		String bell = mvc.perform(get("/benachrichtigungen").with(user(tina))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(bell).contains("Chemieraum wurde entfernt").contains("„Chemie 9a“ (" + day.format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy")) + ")");
		assertThat(mvc.perform(get("/benachrichtigungen").with(user(sara))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("Chemieraum wurde entfernt").contains("Versuch");
	}
}
