package de.schulhaus.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import de.schulhaus.TestSchools;

/**
 * Two people at once: a pupil of the 5a has the messenger open; the class teacher writes in the
 * class's room from her own browser. The pupil's tab shows the message without a reload, and a
 * message in another of the pupil's rooms raises that room's unread count and the number beside the
 * app, live as well. When the pupil signs out in another tab, the open chat says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChatJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theTeachersMessageAppearsInThePupilsOpenTabAndTheUnreadCountsFollow() throws Exception {
		OperatorApi operator = new OperatorApi(port);
		String schoolId = operator.post("/api/v1/schools", "{\"name\":\"Chat-Gesamtschule\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber()
				+ "\",\"type\":\"GESAMTSCHULE\"}", "$.id");
		String teacher = operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Sabine\",\"lastName\":\"Becker\",\"role\":\"TEACHER\",\"password\":\"Kompass-Laterne-Quitte-2026\",\"groups\":[\"5a\",\"Mathe-LK\"]}",
				"$.login");
		String pupil = operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Mia\",\"lastName\":\"Müller\",\"role\":\"PUPIL\",\"password\":\"Kompass-Laterne-Quitte-2027\",\"groups\":[\"5a\",\"Mathe-LK\"]}",
				"$.login");
		UUID room5a = awaitRoom(schoolId, "5a");
		UUID mathe = awaitRoom(schoolId, "Mathe-LK");

		try (Browser pupilTab = Browser.open(port); Browser teacherTab = Browser.open(port)) {
			pupilTab.signIn(pupil, "Kompass-Laterne-Quitte-2027");
			pupilTab.go("/chat/raum/" + room5a);
			assertThat(pupilTab.find("#h-room").getText()).isEqualTo("5a");
			assertThat(pupilTab.find(".chat-empty").getText()).contains("Noch keine Nachrichten");
			pupilTab.find("#chat[data-live]");
			// a reload would lose this mark
			((JavascriptExecutor) pupilTab.driver).executeScript("window.sameTab = true;");

			teacherTab.signIn(teacher, "Kompass-Laterne-Quitte-2026");
			teacherTab.go("/chat/raum/" + room5a);
			teacherTab.find("#chat[data-live]");
			teacherTab.find("#chat-text").sendKeys("Liebe 5a, morgen ist Wandertag.", Keys.SHIFT, Keys.ENTER, Keys.SHIFT, "Bitte <b>Brote</b> mitbringen!");
			assertThat(teacherTab.find("#chat-counter").getText()).isEqualTo("62 von 10.000 Zeichen");
			teacherTab.find("#chat-text").sendKeys(Keys.ENTER);
			awaitText(teacherTab, "#chat-log", "Brote");
			assertThat(teacherTab.find("#chat-text").getAttribute("value")).isEmpty();
			assertThat(((JavascriptExecutor) teacherTab.driver).executeScript("return performance.getEntriesByType('resource')"
					+ ".filter(e => e.initiatorType === 'fetch' && e.name.endsWith('/messages')).length;"))
				.as("posted over the live connection, not the API").isEqualTo(0L);

			awaitText(pupilTab, "#chat-log", "Bitte <b>Brote</b> mitbringen!");
			assertThat(pupilTab.find("#chat-log .chat-message .chat-author").getText()).isEqualTo("Sabine Becker");
			assertThat(pupilTab.find("#chat-log .chat-body").getText()).isEqualTo("Liebe 5a, morgen ist Wandertag.\nBitte <b>Brote</b> mitbringen!");
			assertThat(pupilTab.all("#chat-log b")).as("sent markup stays text").isEmpty();
			assertThat(((JavascriptExecutor) pupilTab.driver).executeScript("return window.sameTab === true;")).isEqualTo(true);
			// the open room is marked read as the message arrives
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lastRead(room5a, pupil) == 1);

			// a room the pupil does not have open: its count and the app's number go up, live
			teacherTab.go("/chat/raum/" + mathe);
			teacherTab.find("#chat[data-live]");
			teacherTab.find("#chat-text").sendKeys("Hausaufgabe: S. 12, Nr. 3", Keys.ENTER);
			awaitText(pupilTab, "#chat-room-list li[data-room-id='" + mathe + "']", "1 ungelesen");
			awaitText(pupilTab, ".apps a[data-app='chat']", "1");
			assertThat(pupilTab.find(".apps a[data-app='chat'] .visually-hidden").getAttribute("textContent")).isEqualTo("1 neu");
			assertThat(pupilTab.find("#chat-room-list li").getAttribute("data-room-id")).as("the busiest room first").isEqualTo(mathe.toString());
			assertThat(((JavascriptExecutor) pupilTab.driver).executeScript("return window.sameTab === true;")).isEqualTo(true);
			pupilTab.checkAccessibility();
			pupilTab.screenshot("chat-pupil");

			// too much at once: the API's "slow down" is shown in the teacher's tab
			for (int i = 0; i < 12; i++) {
				teacherTab.find("#chat-text").sendKeys("Erinnerung " + i, Keys.ENTER);
				new WebDriverWait(teacherTab.driver, Duration.ofSeconds(10)).until(d -> teacherTab.find("#chat-composer button").isEnabled());
				if (teacherTab.find("#chat-problem").isDisplayed()) {
					break;
				}
			}
			assertThat(teacherTab.find("#chat-problem").getText()).startsWith("Langsamer, bitte");
			teacherTab.screenshot("chat-teacher-slow-down");

			// the pupil signs out in another tab of the same browser: the open chat says so instead of going quiet
			((JavascriptExecutor) pupilTab.driver).executeScript("const f = document.querySelector('form[action$=\"/abmelden\"]');"
					+ "fetch(f.action, { method: 'POST', body: new FormData(f) });");
			awaitText(pupilTab, "#chat-status", "Sie sind abgemeldet");
			assertThat(pupilTab.all("#chat[data-live]")).isEmpty();
		}
	}

	private long lastRead(UUID room, String login) {
		return jdbc.sql("select coalesce(max(r.last_read_seq), 0) from chat_read r join account a on a.id = r.account_id "
				+ "where r.room_id = :room and a.login = :login").param("room", room).param("login", login).query(Long.class).single();
	}

	private static void awaitText(Browser b, String css, String text) {
		new WebDriverWait(b.driver, Duration.ofSeconds(15)).until(d -> b.find(css).getAttribute("textContent").contains(text));
	}

	private UUID awaitRoom(String schoolId, String name) {
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> roomNamed(schoolId, name) != null);
		return roomNamed(schoolId, name);
	}

	private UUID roomNamed(String schoolId, String name) {
		return jdbc.sql("select id from chat_room where school_id = :school and name = :name").param("school", UUID.fromString(schoolId))
			.param("name", name).query(UUID.class).optional().orElse(null);
	}

}
