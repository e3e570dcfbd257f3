package de.schulhaus.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.files.CloudFiles;

/**
 * A class teacher writes to her class's list address with a worksheet from her cloud attached; a pupil
 * of the class finds it in the webmail, reads it and downloads the worksheet.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MailJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	CloudFiles cloud;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void teacherWritesToTheClassListWithACloudFileAndAPupilReadsIt() throws Exception {
		OperatorApi operator = new OperatorApi(port);
		String schoolId = operator.post("/api/v1/schools", "{\"name\":\"Mail-Gesamtschule\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber()
				+ "\",\"type\":\"GESAMTSCHULE\"}", "$.id");
		String domain = JsonPath.read(operator.get("/api/v1/schools/" + schoolId), "$.mailDomain");
		String teacher = operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Lea\",\"lastName\":\"Lehrerin\",\"role\":\"TEACHER\",\"password\":\"Kompass-Laterne-Quitte-2026\",\"groups\":[\"7b\"]}", "$.login");
		String pupil = operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Paul\",\"lastName\":\"Pult\",\"role\":\"PUPIL\",\"password\":\"Kompass-Laterne-Quitte-2027\",\"groups\":[\"7b\"]}", "$.login");
		String groupId = JsonPath.read(operator.get("/api/v1/schools/" + schoolId + "/groups"), "$[?(@.name == '7b')].id").toString().replaceAll("[\\[\\]\"]", "");
		// the class's list address, as the list administration makes it
		// the group's list address comes from the roster event; the test fixes its address and policy
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from mail_list where group_id = :g").param("g", UUID.fromString(groupId)).query(Integer.class).single() == 1);
		jdbc.sql("update mail_list set local_part = '7b', policy = 'members' where group_id = :g and school_id = :s")
			.param("g", UUID.fromString(groupId)).param("s", UUID.fromString(schoolId)).update();
		cloud.saveToMyFiles(users.load(teacher).orElseThrow(), "Arbeitsblatt Brüche.pdf", "application/pdf",
				new ByteArrayInputStream("%PDF-1.4 Aufgaben 1 bis 5".getBytes(StandardCharsets.UTF_8)));

		try (Browser b = Browser.open(port)) {
			b.signIn(teacher, "Kompass-Laterne-Quitte-2026");
			b.go("/mail/neu");
			b.find("#field-an").sendKeys("7b");
			b.find("#suggest-an button[data-address='7b@" + domain + "']").click();
			assertThat(b.find("#field-an").getAttribute("value")).isEqualTo("7b@" + domain + ", ");
			b.find("#field-subject").sendKeys("Hausaufgaben bis Freitag");
			b.find("#compose-editor").click();
			b.find("#compose-editor").sendKeys("Liebe 7b, im Anhang das Arbeitsblatt.");
			b.find("#field-cloud").sendKeys("brüche");
			b.find("#cloud-results input[data-cloud]").click();
			assertThat(b.find("#cloud-chosen").getText()).contains("Arbeitsblatt Brüche.pdf");
			b.checkAccessibility();
			b.screenshot("mail-compose");
			b.click("button[name=aktion][value=senden]");
			assertThat(b.awaitPath(p -> p.startsWith("/mail"))).isEqualTo("/mail");
			assertThat(b.find(".toast").getText()).isEqualTo("Die Nachricht wurde verschickt.");

			// a message begun and left: the page keeps it as a draft on leaving
			b.go("/mail/neu");
			b.find("#field-subject").sendKeys("Elternbrief, noch nicht fertig");
			b.go("/mail");
			String drafts = b.find(".mail-folders a[href^='/mail/ordner/'] use[href$='#file-pen']").findElement(By.xpath("ancestor::a")).getAttribute("href");
			new WebDriverWait(b.driver, Duration.ofSeconds(10)).until(d -> {
				d.get(drafts);
				return d.findElement(By.id("mail-list")).getText().contains("Elternbrief, noch nicht fertig");
			});
			b.signOut();

			b.signIn(pupil, "Kompass-Laterne-Quitte-2027");
			b.go("/mail");
			assertThat(b.find(".apps a[href='/mail']").getText()).contains("1");
			assertThat(b.find(".mail-messages li.unread").getText()).contains("Lea Lehrerin").contains("Hausaufgaben bis Freitag");
			b.checkAccessibility();
			b.screenshot("mail-inbox");
			b.click(".mail-messages li.unread a.mail-row");
			assertThat(b.find("h1").getText()).isEqualTo("Hausaufgaben bis Freitag");
			assertThat(b.find(".mail-body").getText()).contains("Liebe 7b, im Anhang das Arbeitsblatt.");
			assertThat(b.find(".mail-attachments").getText()).contains("Arbeitsblatt Brüche.pdf");
			b.checkAccessibility();
			b.screenshot("mail-read");
			String href = b.find(".mail-attachments a[download]").getAttribute("href");
			// the download as the browser would fetch it, with the pupil's session
			String session = b.driver.manage().getCookieNamed("SCHULHAUS_SESSION").getValue();
			HttpResponse<String> file = http.send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", "SCHULHAUS_SESSION=" + session).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(file.statusCode()).isEqualTo(200);
			assertThat(file.body()).isEqualTo("%PDF-1.4 Aufgaben 1 bis 5");
		}
	}

}
