package de.schulhaus.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import de.schulhaus.TestSchools;

/**
 * A teacher's upload breaks off after its first piece, she reloads the page and chooses the same file
 * again: the browser asks the server how far it got and sends only the rest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UploadResumeJourneyTests {

	private static final int PIECE = 8 * 1024 * 1024;

	/** Logs each tus request as "METHOD offset"; with {@code window.dropLater} every PATCH after the first breaks off. */
	private static final String WATCH_UPLOADS = """
			window.tusLog = [];
			const open = XMLHttpRequest.prototype.open, header = XMLHttpRequest.prototype.setRequestHeader, send = XMLHttpRequest.prototype.send;
			XMLHttpRequest.prototype.open = function (method) { this.tusMethod = method; this.tusOffset = ''; return open.apply(this, arguments); };
			XMLHttpRequest.prototype.setRequestHeader = function (name, value) {
			  if (name === 'Upload-Offset') this.tusOffset = value;
			  return header.apply(this, arguments);
			};
			XMLHttpRequest.prototype.send = function () {
			  window.tusLog.push((this.tusMethod + ' ' + this.tusOffset).trim());
			  if (window.dropLater && this.tusMethod === 'PATCH' && this.tusOffset !== '0') {
			    setTimeout(() => this.onerror(new ProgressEvent('error')), 0);
			    return;
			  }
			  return send.apply(this, arguments);
			};""";

	@LocalServerPort
	int port;

	@Test
	void aBrokenUploadGoesOnAfterAReloadFromWhereTheServerStands() throws Exception {
		String teacher = createTeacher();
		byte[] content = new byte[PIECE + 300_000];
		new Random(7).nextBytes(content);
		Path file = Files.createTempDirectory("resume").resolve("Elternabend Aufzeichnung.bin");
		Files.write(file, content);
		try (Browser b = Browser.open(port)) {
			JavascriptExecutor js = (JavascriptExecutor) b.driver;
			b.signIn(teacher, "Kompass-Laterne-Quitte-2026");
			b.go("/dateien");
			b.find("main.files");

			// the first piece arrives, then the connection breaks off
			js.executeScript(WATCH_UPLOADS + "window.dropLater = true;");
			b.find("#upload-files").sendKeys(file.toAbsolutePath().toString());
			new WebDriverWait(b.driver, Duration.ofSeconds(20))
				.until(d -> ((List<?>) js.executeScript("return window.tusLog")).contains("PATCH " + PIECE));
			assertThat(js.executeScript("return window.tusLog")).asList().startsWith("POST", "PATCH 0");
			assertThat(js.executeScript("return Object.keys(localStorage).filter(k => k.startsWith('schulhaus.upload:')).length")).isEqualTo(1L);
			assertThat(js.executeScript("return JSON.stringify(localStorage)")).as("a shared computer keeps no file names")
				.asString().doesNotContain("Elternabend");

			// a reload; the same file chosen again goes on at the server's offset, without a new upload
			b.driver.navigate().refresh();
			b.find("main.files");
			js.executeScript(WATCH_UPLOADS);
			b.find("#upload-files").sendKeys(file.toAbsolutePath().toString());
			new WebDriverWait(b.driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
				.until(d -> d.findElement(By.cssSelector("#upload-list li .upload-state")).getText().equals("Fertig"));
			assertThat(js.executeScript("return window.tusLog")).asList().containsExactly("HEAD", "PATCH " + PIECE);
			assertThat(js.executeScript("return Object.keys(localStorage).filter(k => k.startsWith('schulhaus.upload:')).length"))
				.as("a finished upload is forgotten").isEqualTo(0L);

			// the file holds exactly the bytes chosen
			new WebDriverWait(b.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
				.until(d -> d.findElement(By.id("file-list")).getText().contains("Elternabend Aufzeichnung.bin"));
			String href = b.find("#file-list td.name a").getAttribute("href");
			Object digest = ((JavascriptExecutor) b.driver).executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					fetch(arguments[0], { credentials: 'same-origin' }).then((r) => r.arrayBuffer())
					  .then((bytes) => crypto.subtle.digest('SHA-256', bytes))
					  .then((hash) => done([...new Uint8Array(hash)].map((x) => x.toString(16).padStart(2, '0')).join('')));""", href);
			assertThat(digest).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));

			// choosing it once more is a new upload (nothing remembered), which replaces the file
			js.executeScript("window.tusLog = [];");
			b.find("#upload-files").sendKeys(file.toAbsolutePath().toString());
			new WebDriverWait(b.driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
				.until(d -> d.findElements(By.cssSelector("#upload-list li.done")).size() == 2);
			assertThat(js.executeScript("return window.tusLog")).asList().containsExactly("POST", "PATCH 0", "PATCH " + PIECE);
		}
	}

	private String createTeacher() throws Exception {
		OperatorApi operator = new OperatorApi(port);
		String schoolId = operator.post("/api/v1/schools", "{\"name\":\"Gesamtschule Am Deich\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber()
				+ "\",\"type\":\"GESAMTSCHULE\"}", "$.id");
		return operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Lea\",\"lastName\":\"Lehrerin\",\"role\":\"TEACHER\",\"password\":\"Kompass-Laterne-Quitte-2026\"}", "$.login");
	}
}
