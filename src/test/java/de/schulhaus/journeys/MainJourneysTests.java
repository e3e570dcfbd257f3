package de.schulhaus.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.samstevens.totp.code.DefaultCodeGenerator;

import de.schulhaus.TestSchools;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;

/**
 * The main journeys in a real browser: the operator creates a school, its admin imports a roster
 * CSV and confirms it, a pupil signs in with the one-time link, sees the dashboard in German and
 * reads a notification under the bell.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MainJourneysTests {

	@LocalServerPort
	int port;

	@Autowired
	Notifications notifications;

	@Autowired
	AccountManagement accounts;

	@Test
	void operatorCreatesSchoolAdminImportsRosterPupilSignsInWithLink() throws Exception {
		String number = TestSchools.nextSchoolNumber();
		try (Browser b = Browser.open(port)) {
			// operator: sign in, forced two-factor set-up, then create a school
			b.go("/anmelden");
			assertThat(b.find("html").getAttribute("lang")).isEqualTo("de");
			b.checkAccessibility();
			b.screenshot("sign-in");
			b.submitSignIn("operator@schulhaus.local", "operator-test-laterne-quitte");
			setUpTwoFactor(b);
			b.go("/betrieb/schulen");
			b.checkAccessibility();
			b.type("#name", "Gymnasium Am Dom");
			b.type("#schoolNumber", number);
			b.type("#mailDomain", "");
			b.click("section[aria-labelledby=h-new] button[type=submit]");
			assertThat(b.find("h1").getText()).isEqualTo("Gymnasium Am Dom");
			assertThat(b.find("main").getText()).contains(number).contains(number + ".schulhaus.local");
			b.checkAccessibility();
			b.screenshot("operator-school");
			String schoolId = b.find("main dd code").getText();
			b.signOut();

			// school admin, created through the provisioning API, imports the roster CSV
			String admin = createAdmin(schoolId);
			b.go("/anmelden");
			b.submitSignIn(admin, "admin-journey-laterne-quitte");
			setUpTwoFactor(b);
			b.go("/verwaltung/import");
			b.checkAccessibility();
			Path csv = Files.createTempFile("roster", ".csv");
			try (var sample = MainJourneysTests.class.getResourceAsStream("/rosters/roster-sample-windows1252.csv")) {
				Files.write(csv, sample.readAllBytes());
			}
			b.find("#file").sendKeys(csv.toAbsolutePath().toString());
			b.click("main form[enctype] button[type=submit]");
			assertThat(b.awaitPath(p -> p.endsWith("/spalten"))).endsWith("/spalten");
			b.checkAccessibility();
			b.click("main form button[type=submit]");
			assertThat(b.find("#count-created").getText()).isEqualTo("4");
			assertThat(b.find("main").getText()).contains("Schäfer, Jörg").contains("Weiß, Änne").contains("Kühn, Renée");
			b.checkAccessibility();
			b.screenshot("import-preview");
			b.click("#confirm-import");
			assertThat(b.find("#import-result").getText()).startsWith("4 neu");

			// the feature apps the school may switch per role
			b.go("/verwaltung/apps");
			assertThat(b.find("main table th[scope=row]").getText()).isEqualTo("Dateien");
			b.checkAccessibility();

			// the admin's storage settings, and the confirmation asked before creating an app password
			b.go("/verwaltung/speicher");
			assertThat(b.find("main").getText()).contains("Schülerinnen und Schüler: Dateien");
			b.checkAccessibility();
			b.go("/verwaltung/dateien");
			assertThat(b.find("main").getText()).contains("Schülerinnen und Schüler dürfen Links für Personen ohne Konto erstellen");
			b.checkAccessibility();
			b.go("/verwaltung/adressbuch");
			assertThat(b.find("main").getText()).contains("Schülerinnen und Schüler sehen im Schulverzeichnis");
			b.checkAccessibility();
			b.go("/konto");
			b.click("#app-passwoerter a.button");
			assertThat(b.awaitPath(p -> p.startsWith("/konto/bestaetigen"))).startsWith("/konto/bestaetigen");
			b.checkAccessibility();
			b.screenshot("confirm-identity");

			// the admin hands Jörg a one-time sign-in link
			b.go("/verwaltung/personen?q=sch%C3%A4fer");
			b.driver.findElement(org.openqa.selenium.By.linkText("Schäfer, Jörg")).click();
			b.click("form[action$=anmeldelink] button");
			String link = b.find("#sign-in-link").getText();
			b.checkAccessibility();
			b.signOut();

			// the pupil opens the link, chooses a password and lands on a German dashboard
			b.driver.get(link.replace("http://localhost", "http://localhost:" + port));
			b.click("main form button");
			b.type("#newPassword", "mein-eigenes-passwort");
			b.type("#repeatPassword", "mein-eigenes-passwort");
			b.click("main form button[type=submit]");
			assertThat(b.awaitPath(p -> p.equals("/"))).isEqualTo("/");
			assertThat(b.find("h1").getText()).isEqualTo("Guten Tag, Jörg Schäfer");
			assertThat(b.find("main").getText()).contains("Meine Gruppen").contains("07B");
			assertThat(b.find("html").getAttribute("lang")).isEqualTo("de");
			b.checkAccessibility();
			b.screenshot("pupil-dashboard");

			// a module notifies the pupil; the bell counts it, the list shows it, marking all read clears it
			var joerg = accounts.list(java.util.UUID.fromString(schoolId), "Schäfer", null, 1, 0).get(0);
			notifications.notify(joerg.schoolId(), joerg.id(),
					Notification.of("sample.greeting", "sample.notification.greeting", "/", "Frau Lehmann"));
			b.go("/benachrichtigungen");
			assertThat(b.find(".bell").getText()).contains("1");
			assertThat(b.find("main").getText()).contains("Neues im Beispiel von Frau Lehmann");
			b.checkAccessibility();
			b.screenshot("pupil-notifications");
			b.click("main .page-head form button");
			assertThat(b.find(".toast").getText()).contains("als gelesen markiert");
			assertThat(b.all("ul.notifications li.unread")).isEmpty();

			// the pupil's own account page: a long service address must not push the phone's page sideways
			b.go("/konto");
			assertThat(b.find("main").getText()).contains("joerg.schaefer@");
			b.checkAccessibility();
			b.screenshot("pupil-account");
		}
	}

	@Test
	void teacherCreatesAFolderUploadsAFileAndDownloadsIt() throws Exception {
		String teacher = createTeacher();
		try (Browser b = Browser.open(port)) {
			b.signIn(teacher, "Kompass-Laterne-Quitte-2026");
			b.click("nav.sidebar a[href='/dateien']");
			assertThat(b.find("h1").getText()).isEqualTo("Meine Dateien");
			assertThat(b.find("main").getText()).contains("Noch keine Dateien – ziehen Sie Dateien hierher oder laden Sie sie hoch");
			b.checkAccessibility();

			// a new folder, then into it
			b.find("details.disclosure summary").click();
			b.type("#new-folder", "Unterricht 5a");
			b.click("details.disclosure form button[type=submit]");
			assertThat(b.find(".toast").getText()).isEqualTo("Der Ordner wurde angelegt.");
			b.click("#file-list td.name a");
			assertThat(b.find("h1").getText()).isEqualTo("Unterricht 5a");

			// an upload through the file input: its progress ends in "Fertig" and the list shows the file
			Path file = Files.createTempDirectory("upload").resolve("Arbeitsblatt Brüche.txt");
			Files.writeString(file, "1/2 + 1/4 = 3/4");
			b.find("#upload-files").sendKeys(file.toAbsolutePath().toString());
			assertThat(b.find("#upload-list li.done .upload-state").getText()).isEqualTo("Fertig");
			new WebDriverWait(b.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
				.until(d -> d.findElement(By.id("file-list")).getText().contains("Arbeitsblatt Brüche.txt"));
			assertThat(b.find("#upload-summary").getText()).isEqualTo("1 von 1 Dateien hochgeladen");
			assertThat(b.find("#upload-total").getAttribute("value")).isEqualTo("100");
			assertThat(b.find("#file-list").getText()).contains("15 Byte");
			b.checkAccessibility();
			b.screenshot("files-folder");

			// the listed link downloads it, in this session
			String href = b.find("#file-list a[download]").getAttribute("href");
			String session = b.driver.manage().getCookieNamed("SCHULHAUS_SESSION").getValue();
			HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
				.header("Cookie", "SCHULHAUS_SESSION=" + session).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(download.statusCode()).isEqualTo(200);
			assertThat(download.body()).isEqualTo("1/2 + 1/4 = 3/4");
			assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
				.contains("filename*=UTF-8''Arbeitsblatt%20Br%C3%BCche.txt");

			// chosen with its checkbox, copied up into "Meine Dateien" through the dialog's folder picker (htmx)
			b.find("#file-list input[name=auswahl]").click();
			assertThat(b.find("#selected-count").getText()).isEqualTo("1 ausgewählt");
			b.find("button[data-dialog=move-dialog]").click();
			b.find("#move-dialog .picker-crumbs button").click();
			new WebDriverWait(b.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
				.until(d -> "/".equals(d.findElement(By.cssSelector("#picker input[name=ziel]")).getAttribute("value")));
			b.checkAccessibility();
			b.click("#move-dialog button[value=kopieren]");
			assertThat(b.find(".toast").getText()).isEqualTo("Kopiert.");
			b.click(".crumbs li:first-child a");
			assertThat(b.find("#file-list").getText()).contains("Unterricht 5a").contains("Arbeitsblatt Brüche.txt");

			// its details with the text preview
			b.click("#file-list a.icon-link[aria-label='Details zu Arbeitsblatt Brüche.txt']");
			assertThat(b.find("pre.text-preview").getText()).isEqualTo("1/2 + 1/4 = 3/4");
			b.checkAccessibility();
			b.screenshot("files-details");
		}
	}

	/**
	 * A teacher switches her files to tiles; after a reload they are still tiles, with the photo's
	 * thumbnail. A tile is chosen with its checkbox for the selection's ZIP, and its name downloads it.
	 */
	@Test
	void teacherSeesHerFilesAsTilesAfterAReloadAndDownloadsFromATile() throws Exception {
		String teacher = createTeacher();
		Path folder = Files.createTempDirectory("tiles");
		BufferedImage picture = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = picture.createGraphics();
		g.setColor(Color.ORANGE);
		g.fillRect(0, 0, 320, 240);
		g.dispose();
		Path photo = folder.resolve("Klassenfoto.png");
		ImageIO.write(picture, "png", photo.toFile());
		String letterName = "Elternbrief zum Wandertag der Klasse 5a mit Packliste.txt";
		Path letter = folder.resolve(letterName);
		Files.writeString(letter, "Liebe Eltern");
		try (Browser b = Browser.open(port)) {
			b.signIn(teacher, "Kompass-Laterne-Quitte-2026");
			b.go("/dateien");
			b.find("#upload-files").sendKeys(photo.toAbsolutePath() + "\n" + letter.toAbsolutePath());
			new WebDriverWait(b.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
				.until(d -> d.findElement(By.id("upload-summary")).getText().equals("2 von 2 Dateien hochgeladen"));
			new WebDriverWait(b.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
				.until(d -> d.findElements(By.cssSelector("#file-list tr[data-name]")).size() == 2);
			assertThat(b.find("button[value=liste]").getAttribute("aria-pressed")).isEqualTo("true");

			// tiles, and still tiles when the folder is opened again without asking
			b.click("button[value=kacheln]");
			assertThat(b.all("#file-list .file-tile")).hasSize(2);
			b.go("/dateien");
			assertThat(b.all("#file-list table")).isEmpty();
			assertThat(b.all("#file-list .file-tile")).hasSize(2);
			assertThat(b.find("button[value=kacheln]").getAttribute("aria-pressed")).isEqualTo("true");
			assertThat(b.find("button[value=liste]").getAttribute("aria-pressed")).isEqualTo("false");
			new WebDriverWait(b.driver, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
					"const i = document.querySelector(\".file-tile[data-name='Klassenfoto.png'] img.thumb\");"
							+ " return !!i && i.complete && i.naturalWidth > 0;")));
			b.checkAccessibility();
			assertThat(b.overflowAt(320)).as("sideways scrolling at 320 px").isLessThanOrEqualTo(0);
			b.screenshot("files-tiles");

			// from the tile's checkbox the keyboard goes on to its name, then to its details
			String tile = ".file-tile[data-name='" + letterName + "']";
			WebElement box = b.find(tile + " input[name=auswahl]");
			box.click();
			assertThat(b.find("#selected-count").getText()).isEqualTo("1 ausgewählt");
			assertThat(b.find("#selection button[formaction$='/zip']").isEnabled()).isTrue();
			box.sendKeys(Keys.TAB);
			WebElement name = b.driver.switchTo().activeElement();
			assertThat(name.getText()).isEqualTo(letterName);
			assertThat(name.getAttribute("download")).isEqualTo(letterName);
			name.sendKeys(Keys.TAB);
			assertThat(b.driver.switchTo().activeElement().getAttribute("aria-label")).isEqualTo("Details zu " + letterName);

			// the selection's ZIP, sent as its button sends it, holds the chosen file only
			@SuppressWarnings("unchecked")
			java.util.List<Object> zip = (java.util.List<Object>) ((JavascriptExecutor) b.driver).executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					const form = document.getElementById('selection');
					const button = form.querySelector('button[formaction$="/zip"]');
					fetch(button.formAction, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin' })
					  .then(async (r) => done([r.status, r.headers.get('Content-Type'), new TextDecoder('latin1').decode(await r.arrayBuffer())]));""");
			assertThat(zip.get(0)).isEqualTo(200L);
			assertThat((String) zip.get(1)).startsWith("application/zip");
			assertThat((String) zip.get(2)).contains(letterName).doesNotContain("Klassenfoto.png");

			// the tile's name downloads the file, in this session
			String href = b.find(tile + " a[download]").getAttribute("href");
			String session = b.driver.manage().getCookieNamed("SCHULHAUS_SESSION").getValue();
			HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
				.header("Cookie", "SCHULHAUS_SESSION=" + session).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(download.statusCode()).isEqualTo(200);
			assertThat(download.body()).isEqualTo("Liebe Eltern");

			// and back to the list
			b.click("button[value=liste]");
			assertThat(b.all("#file-list .file-tile")).isEmpty();
			assertThat(b.find("#file-list table").getText()).contains(letterName).contains("Klassenfoto.png");
		}
	}

	/**
	 * A class teacher drops a whole folder into the class's space, replaces a file, deletes and restores
	 * a folder; a pupil of the class then opens the space and downloads the file.
	 */
	@Test
	void teacherDropsAFolderIntoTheClassSpaceAndAPupilDownloadsFromIt() throws Exception {
		String schoolId = createSchool("Grundschule Am Bach");
		String teacher = createUser(schoolId, "Tilda", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", "6a");
		String pupil = createUser(schoolId, "Pia", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "6a");
		try (Browser b = Browser.open(port)) {
			b.signIn(teacher, "Kompass-Laterne-Quitte-2026");
			b.go("/dateien");
			b.driver.findElement(By.linkText("6a")).click();
			b.awaitPath(p -> p.startsWith("/dateien/") && !p.equals("/dateien/meine"));
			assertThat(b.find("h1").getText()).isEqualTo("6a");
			String space = b.path();

			// a folder dropped onto the page: the drop handler walks it like Chrome's file-system entries of a real drop
			((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript("""
					const file = (name, text) => {
					  const f = new File([text], name, { type: 'text/plain' });
					  return { isFile: true, isDirectory: false, name, file: (ok) => ok(f) };
					};
					const folder = (name, members) => ({ isFile: false, isDirectory: true, name,
					  createReader: () => { let done = false; return { readEntries: (ok) => { ok(done ? [] : members); done = true; } }; } });
					const tree = folder('Projekt Wasser', [file('Plan.txt', 'Erster Plan'), folder('Bilder', [file('Notiz.txt', 'Fluss')]),
					  folder('Leer', [folder('Auch leer', [])])]);
					const dt = { types: ['Files'], files: [], items: [{ kind: 'file', webkitGetAsEntry: () => tree }] };
					const drop = new Event('drop', { bubbles: true, cancelable: true });
					Object.defineProperty(drop, 'dataTransfer', { value: dt });
					document.querySelector('main').dispatchEvent(drop);""");
			new WebDriverWait(b.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
				.until(d -> d.findElement(By.id("upload-summary")).getText().equals("2 von 2 Dateien hochgeladen"));
			new WebDriverWait(b.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
				.until(d -> d.findElement(By.id("file-list")).getText().contains("Projekt Wasser"));
			b.go(space + "?pfad=/Projekt%20Wasser");
			// empty folders of the drop are made too
			assertThat(b.find("#file-list").getText()).contains("Bilder").contains("Plan.txt").contains("Leer");
			b.go(space + "?pfad=/Projekt%20Wasser/Leer");
			assertThat(b.find("#file-list").getText()).contains("Auch leer");
			b.go(space + "?pfad=/Projekt%20Wasser");

			// the plan replaced: its details list the earlier version
			Path plan = Files.createTempDirectory("plan").resolve("Plan.txt");
			Files.writeString(plan, "Zweiter Plan");
			b.find("#upload-files").sendKeys(plan.toAbsolutePath().toString());
			assertThat(b.find("#upload-list li.done .upload-state").getText()).isEqualTo("Fertig – hat die vorige Fassung ersetzt");
			b.go(space + "/details?pfad=/Projekt%20Wasser/Plan.txt");
			assertThat(b.find("#versions").getText()).contains("Tilda Tafel").contains("11 Byte");
			b.checkAccessibility();
			b.screenshot("files-versions");

			// the pictures folder deleted, then restored from the trash
			b.go(space + "?pfad=/Projekt%20Wasser");
			((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript("window.confirm = () => true;");
			b.find("#file-list tr[data-name='Bilder'] input[name=auswahl]").click();
			b.click("#selection button.danger");
			assertThat(b.find(".toast").getText()).isEqualTo("Gelöscht.");
			b.go(space);
			b.click("a[href$='/papierkorb']");
			assertThat(b.find("main").getText()).contains("Bilder").contains("Tilda Tafel").contains("30 Tage");
			b.checkAccessibility();
			b.screenshot("files-trash");
			b.click("main form[action$='/wiederherstellen'] button");
			assertThat(b.find("#restored").getText()).contains("„Bilder“ ist wieder da, im Ordner „/Projekt Wasser“.");
			b.checkAccessibility();

			// what happened, as sentences
			b.go("/dateien/aktivitaet");
			assertThat(b.find("main").getText()).contains("Tilda Tafel hat 2 Dateien in „6a“ hochgeladen")
				.contains("Tilda Tafel hat „Bilder“ in „6a“ wiederhergestellt");
			b.checkAccessibility();
			b.screenshot("files-activity");
			b.signOut();

			// a pupil of the class opens the class's space and downloads the plan
			b.signIn(pupil, "Kompass-Laterne-Quitte-2027");
			b.go("/dateien");
			b.driver.findElement(By.linkText("6a")).click();
			assertThat(b.find("h1").getText()).isEqualTo("6a");
			b.click("#file-list td.name a");
			assertThat(b.find("h1").getText()).isEqualTo("Projekt Wasser");
			String href = b.find("#file-list tr[data-name='Plan.txt'] a[download]").getAttribute("href");
			String session = b.driver.manage().getCookieNamed("SCHULHAUS_SESSION").getValue();
			HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
				.header("Cookie", "SCHULHAUS_SESSION=" + session).build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(download.statusCode()).isEqualTo(200);
			assertThat(download.body()).isEqualTo("Zweiter Plan".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			b.checkAccessibility();
		}
	}

	private String createSchool(String name) throws Exception {
		return new OperatorApi(port).post("/api/v1/schools", "{\"name\":\"" + name + "\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber()
				+ "\",\"type\":\"GRUNDSCHULE\"}", "$.id");
	}

	private String createUser(String schoolId, String first, String last, String role, String password, String group) throws Exception {
		return new OperatorApi(port).post("/api/v1/schools/" + schoolId + "/users", "{\"firstName\":\"" + first + "\",\"lastName\":\"" + last
				+ "\",\"role\":\"" + role + "\",\"password\":\"" + password + "\",\"groups\":[\"" + group + "\"]}", "$.login");
	}

	private String createTeacher() throws Exception {
		OperatorApi operator = new OperatorApi(port);
		String schoolId = operator.post("/api/v1/schools", "{\"name\":\"Realschule Am Hafen\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber()
				+ "\",\"type\":\"REALSCHULE\"}", "$.id");
		return operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Lea\",\"lastName\":\"Lehrerin\",\"role\":\"TEACHER\",\"password\":\"Kompass-Laterne-Quitte-2026\"}", "$.login");
	}


	private static void setUpTwoFactor(Browser b) throws Exception {
		assertThat(b.awaitPath(p -> p.startsWith("/konto/zwei-faktor"))).startsWith("/konto/zwei-faktor");
		b.checkAccessibility();
		String secret = b.find("#totp-secret").getText();
		String code = new DefaultCodeGenerator().generate(secret, Math.floorDiv(System.currentTimeMillis() / 1000, 30));
		b.type("#code", code);
		b.click("main form button[type=submit]");
		assertThat(b.all("#recovery-codes li")).hasSize(10);
		b.click("main a.button");
	}

	private String createAdmin(String schoolId) throws Exception {
		return new OperatorApi(port).post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Ada\",\"lastName\":\"Admin\",\"role\":\"SCHOOL_ADMIN\",\"password\":\"admin-journey-laterne-quitte\"}", "$.login");
	}
}
