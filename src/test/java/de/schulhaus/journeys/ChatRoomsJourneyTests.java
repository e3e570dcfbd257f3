package de.schulhaus.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import de.schulhaus.TestSchools;

/**
 * A teacher starts a group chat from "Neuer Chat" with a pupil who has the messenger open: the room
 * appears in the pupil's list without a reload; the teacher locks it, and the pupil's open room hides
 * its composer and says why, live; unlocked, the composer is back. A mute does the same, and a mute that runs out
 * gives the composer back at its end without anyone reloading the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChatRoomsJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aGroupChatAppearsLiveAndALockClosesTheComposerLive() throws Exception {
		OperatorApi operator = new OperatorApi(port);
		String schoolId = operator.post("/api/v1/schools", "{\"name\":\"Chat-Räume-Gesamtschule\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber()
				+ "\",\"type\":\"GESAMTSCHULE\"}", "$.id");
		String teacher = operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Sabine\",\"lastName\":\"Becker\",\"role\":\"TEACHER\",\"password\":\"Kompass-Laterne-Quitte-2026\",\"groups\":[\"5a\"]}",
				"$.login");
		String pupil = operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Mia\",\"lastName\":\"Müller\",\"role\":\"PUPIL\",\"password\":\"Kompass-Laterne-Quitte-2027\",\"groups\":[\"5a\"]}",
				"$.login");

		try (Browser pupilTab = Browser.open(port); Browser teacherTab = Browser.open(port)) {
			pupilTab.signIn(pupil, "Kompass-Laterne-Quitte-2027");
			pupilTab.go("/chat");
			pupilTab.find("#chat[data-live]");

			teacherTab.signIn(teacher, "Kompass-Laterne-Quitte-2026");
			teacherTab.go("/chat");
			teacherTab.click(".chat-rooms-actions a[href$='/chat/neu']");
			assertThat(teacherTab.find("h1").getText()).isEqualTo("Neuer Chat");
			teacherTab.checkAccessibility();
			teacherTab.screenshot("chat-new");
			teacherTab.find("input[name=personen]").click();
			teacherTab.type("#group-name", "Leseclub");
			teacherTab.click("form[method=post] button.button[type=submit]");
			UUID room = UUID.fromString(teacherTab.awaitPath(p -> p.startsWith("/chat/raum/")).substring("/chat/raum/".length()));
			assertThat(teacherTab.find("#h-room").getText()).isEqualTo("Leseclub");

			// the pupil's open page lists it without a reload
			awaitText(pupilTab, "#chat-room-list", "Leseclub");
			pupilTab.go("/chat/raum/" + room);
			pupilTab.find("#chat[data-live]");
			assertThat(pupilTab.find("#chat-composer").isDisplayed()).isTrue();

			teacherTab.go("/chat/raum/" + room + "/einstellungen");
			teacherTab.checkAccessibility();
			teacherTab.screenshot("chat-room-settings");
			teacherTab.click("form[action$='/sperre'] button");
			new WebDriverWait(pupilTab.driver, Duration.ofSeconds(15)).until(d -> !pupilTab.find("#chat-composer").isDisplayed());
			awaitText(pupilTab, "#chat-why", "gesperrt");
			pupilTab.checkAccessibility();
			pupilTab.screenshot("chat-room-locked");

			teacherTab.click("form[action$='/sperre'] button");
			new WebDriverWait(pupilTab.driver, Duration.ofSeconds(15)).until(d -> pupilTab.find("#chat-composer").isDisplayed());
			assertThat(pupilTab.all("#chat-why")).isEmpty();

			// a mute closes the composer live, and lifting it opens it again live
			teacherTab.click("form[action$='/stumm'] button");
			new WebDriverWait(pupilTab.driver, Duration.ofSeconds(15)).until(d -> !pupilTab.find("#chat-composer").isDisplayed());
			awaitText(pupilTab, "#chat-why", "stummgeschaltet");
			teacherTab.click("form[action$='/stumm-aufheben'] button");
			new WebDriverWait(pupilTab.driver, Duration.ofSeconds(15)).until(d -> pupilTab.find("#chat-composer").isDisplayed());

			// a mute that runs out brings the composer back at its end, on a page opened while it held
			teacherTab.click("form[action$='/stumm'] button");
			jdbc.sql("update chat_mute set until_at = :until where room_id = :room").param("until", java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(8)))
				.param("room", room).update();
			pupilTab.go("/chat/raum/" + room);
			awaitText(pupilTab, "#chat-why", "stummgeschaltet");
			assertThat(pupilTab.find("#chat").getAttribute("data-muted-until")).isNotBlank();
			new WebDriverWait(pupilTab.driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
				.until(d -> d.findElements(org.openqa.selenium.By.cssSelector("#chat-composer")).stream().anyMatch(e -> e.isDisplayed()));
			assertThat(pupilTab.all("#chat-why")).isEmpty();
		}
	}

	private static void awaitText(Browser b, String css, String text) {
		new WebDriverWait(b.driver, Duration.ofSeconds(15)).until(d -> b.find(css).getAttribute("textContent").contains(text));
	}

}
