package de.schulhaus.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.calendar.internal.Rooms;

/**
 * A teacher books the computer room for a double period; a second teacher tries the same slot and is
 * told who has it, and nothing is booked for her.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RoomBookingJourneyTests {

	private static final String PASSWORD = "Kompass-Laterne-Quitte-2026";

	@LocalServerPort
	int port;

	@Autowired
	Rooms rooms;

	@Autowired
	AccountUserDetailsService users;

	@Test
	void aTeacherBooksTheComputerRoomAndASecondTeacherIsRefusedTheSameSlot() throws Exception {
		String school = createSchool();
		String admin = createUser(school, "Anja", "Admin", "SCHOOL_ADMIN");
		String first = createUser(school, "Tina", "Tafel", "TEACHER");
		String second = createUser(school, "Sara", "Schwamm", "TEACHER");
		Rooms.Room room = rooms.create(users.load(admin).orElseThrow(), "Computerraum 1", Rooms.Kind.ROOM, 30, "32 PCs, Beamer");
		String day = LocalDate.now().with(TemporalAdjusters.next(DayOfWeek.THURSDAY)).toString();

		try (Browser b = Browser.open(port)) {
			b.signIn(first, PASSWORD);
			b.go("/kalender/raeume");
			b.checkAccessibility();
			b.click("a[href='/kalender/raeume/" + room.id() + "']");
			assertThat(b.find("h1").getText()).isEqualTo("Computerraum 1");
			book(b, day, "Mathe 7b, Tabellenkalkulation");
			assertThat(b.find("#booked").getText()).startsWith("Gebucht: Computerraum 1");
			assertThat(b.find("main").getText()).contains("08:00–09:30").contains("Mathe 7b, Tabellenkalkulation").contains("Tina Tafel");
			b.checkAccessibility();
			b.screenshot("room-booked");
			b.signOut();

			b.signIn(second, PASSWORD);
			b.go("/kalender/raeume/" + room.id());
			book(b, day, "Englisch 9c");
			String refusal = b.find("#booking-problem").getText();
			assertThat(refusal).contains("Computerraum 1 ist am").contains("von 08:00 bis 09:30 Uhr schon gebucht")
				.contains("Tina Tafel").contains("es wurde nichts gebucht");
			// the form keeps what she entered, so she only changes the time
			assertThat(b.find("#title").getAttribute("value")).isEqualTo("Englisch 9c");
			assertThat(b.find("main").getText()).doesNotContain("Sara Schwamm");
			b.checkAccessibility();
			b.screenshot("room-refused");
		}
	}

	private static void book(Browser b, String day, String title) {
		b.type("#title", title);
		((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript(
				"document.getElementById('day').value = arguments[0]; document.getElementById('from').value = '08:00';"
						+ " document.getElementById('to').value = '09:30';", day);
		b.click("#book");
	}


	private String createSchool() throws Exception {
		return new OperatorApi(port).post("/api/v1/schools", "{\"name\":\"Gesamtschule Am Park\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber()
				+ "\",\"type\":\"GESAMTSCHULE\"}", "$.id");
	}

	private String createUser(String school, String first, String last, String role) throws Exception {
		return new OperatorApi(port).post("/api/v1/schools/" + school + "/users", "{\"firstName\":\"" + first + "\",\"lastName\":\"" + last
				+ "\",\"role\":\"" + role + "\",\"password\":\"" + PASSWORD + "\"}", "$.login");
	}
}
