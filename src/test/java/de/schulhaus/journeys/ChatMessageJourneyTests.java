package de.schulhaus.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import de.schulhaus.TestSchools;

/**
 * What one does with a message, in two headless browser tabs of the same class room: the pupil writes
 * with formatting, the teacher sees it typed and formatted, reacts, answers with a mention picked from
 * the suggestions; the pupil edits her message; the teacher deletes it. Each step shows in the other
 * tab without a reload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChatMessageJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void reactReplyMentionEditAndDeleteShowLiveInTheOtherTab() throws Exception {
		OperatorApi operator = new OperatorApi(port);
		String schoolId = operator.post("/api/v1/schools", "{\"name\":\"Nachrichten-Gesamtschule\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber()
				+ "\",\"type\":\"GESAMTSCHULE\"}", "$.id");
		String teacher = operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Sabine\",\"lastName\":\"Becker\",\"role\":\"TEACHER\",\"password\":\"Kompass-Laterne-Quitte-2026\",\"groups\":[\"6b\"]}",
				"$.login");
		String pupil = operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Mia\",\"lastName\":\"Müller\",\"role\":\"PUPIL\",\"password\":\"Kompass-Laterne-Quitte-2027\",\"groups\":[\"6b\"]}",
				"$.login");
		UUID room = awaitRoom(schoolId, "6b");
		// the teacher leads the class (roster import makes teachers members; the class teacher is its leader)
		jdbc.sql("update group_membership set leader = true where account_id = (select id from account where login = :login)")
			.param("login", teacher).update();

		try (Browser pupilTab = Browser.open(port); Browser teacherTab = Browser.open(port)) {
			pupilTab.signIn(pupil, "Kompass-Laterne-Quitte-2027");
			pupilTab.go("/chat/raum/" + room);
			pupilTab.find("#chat[data-live]");
			teacherTab.signIn(teacher, "Kompass-Laterne-Quitte-2026");
			teacherTab.go("/chat/raum/" + room);
			teacherTab.find("#chat[data-live]");

			// she types: the teacher sees it; then she sends, with formatting
			pupilTab.find("#chat-text").sendKeys("**Frage:** Ist morgen ");
			awaitText(teacherTab, "#chat-typing", "Mia Müller schreibt");
			pupilTab.find("#chat-text").sendKeys("_Sport_?", Keys.ENTER);
			awaitText(teacherTab, "#chat-log", "Frage:");
			assertThat(teacherTab.find("#chat-log .chat-body strong").getText()).isEqualTo("Frage:");
			assertThat(teacherTab.find("#chat-log .chat-body em").getText()).isEqualTo("Sport");

			// the teacher reacts with a thumbs up: the pupil's tab shows the count
			teacherTab.find("#chat-log .chat-react summary").click();
			teacherTab.find("#chat-log .chat-react button[data-emoji='\uD83D\uDC4D']").click();
			awaitText(pupilTab, "#chat-log .chat-reactions", "1");
			assertThat(pupilTab.find("#chat-log .chat-reactions li").getAttribute("data-emoji")).isEqualTo("\uD83D\uDC4D");

			// and answers, mentioning her: "@Mi" suggests Mia Müller, Enter picks her, Enter sends
			teacherTab.find("#chat-log button[data-action='reply']").click();
			teacherTab.find("#chat-text").sendKeys("@Mi");
			awaitText(teacherTab, "#chat-mention-list", "Mia Müller");
			teacherTab.find("#chat-text").sendKeys(Keys.ENTER);
			assertThat(teacherTab.find("#chat-text").getAttribute("value")).isEqualTo("@Mia Müller ");
			teacherTab.find("#chat-text").sendKeys("ja, Sport fällt aus.", Keys.ENTER);
			awaitText(pupilTab, "#chat-log", "Sport fällt aus");
			assertThat(pupilTab.find("#chat-log li.chat-message:last-child .chat-quote").getText()).contains("Mia Müller").contains("Frage:");
			assertThat(pupilTab.find("#chat-log li.chat-message:last-child .mention").getText()).isEqualTo("@Mia Müller");

			// she edits her question: "bearbeitet" in the teacher's tab
			pupilTab.find("#chat-log li.chat-message.mine button[data-action='edit']").click();
			assertThat(pupilTab.find("#chat-text").getAttribute("value")).isEqualTo("**Frage:** Ist morgen _Sport_?");
			pupilTab.find("#chat-text").sendKeys(" Und Mathe?", Keys.ENTER);
			awaitText(teacherTab, "#chat-log li.chat-message:first-child", "bearbeitet");
			awaitText(teacherTab, "#chat-log li.chat-message:first-child", "Und Mathe?");
			// the teacher has read it: shown under her newest message
			awaitText(pupilTab, "#chat-log li.chat-message.mine", "gelesen von 1");
			pupilTab.checkAccessibility();
			pupilTab.screenshot("chat-messages-pupil");

			// the teacher, who leads the class, deletes it: the pupil's tab shows "Nachricht gelöscht" in its place
			teacherTab.find("#chat-log li.chat-message:first-child button[data-action='delete']").click();
			teacherTab.driver.switchTo().alert().accept();
			awaitText(pupilTab, "#chat-log li.chat-message:first-child", "Nachricht gelöscht");
			assertThat(pupilTab.find("#chat-log li.chat-message:last-child .chat-quote").getText()).contains("gelöschte Nachricht");
			teacherTab.checkAccessibility();
			teacherTab.screenshot("chat-messages-teacher");
		}
	}

	private static void awaitText(Browser b, String css, String text) {
		// live updates replace a message's element: look again then
		new WebDriverWait(b.driver, Duration.ofSeconds(15)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> b.find(css).getAttribute("textContent").contains(text));
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
