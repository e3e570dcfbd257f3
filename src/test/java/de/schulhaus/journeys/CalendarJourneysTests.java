package de.schulhaus.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import de.schulhaus.TestSchools;

/**
 * A teacher plans the week: opens the calendar, creates a weekly lesson in the dialog from a click on
 * next Tuesday's 08:00 slot, and sees it on Tuesday and Thursday of the week view.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CalendarJourneysTests {

	@LocalServerPort
	int port;

	@Test
	void teacherCreatesAWeeklyLessonInTheDialogAndSeesItInTheWeek() throws Exception {
		String teacher = createTeacher();
		LocalDate tuesday = LocalDate.now(ZoneId.of("Europe/Berlin")).with(TemporalAdjusters.next(java.time.DayOfWeek.TUESDAY));
		LocalDate thursday = tuesday.plusDays(2);
		try (Browser b = Browser.open(port)) {
			b.signIn(teacher, "Kompass-Laterne-Quitte-2026");

			b.click("nav.sidebar a[href='/kalender']");
			assertThat(b.find("table.month caption").getAttribute("textContent")).isNotBlank();
			b.checkAccessibility();
			b.screenshot("calendar-month");

			b.go("/kalender?ansicht=woche&datum=" + tuesday);
			WebElement slot = b.find(".day-column[data-date='" + tuesday + "'] .slot.at-32");
			((JavascriptExecutor) b.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", slot);
			slot.click();
			WebElement title = b.find("#event-dialog[open] #ev-titel");
			new WebDriverWait(b.driver, Duration.ofSeconds(5)).until(d -> title.equals(d.switchTo().activeElement()));
			assertThat(b.find("#ev-von-datum").getAttribute("value")).isEqualTo(tuesday.toString());
			assertThat(b.find("#ev-von-zeit").getAttribute("value")).isEqualTo("08:00");
			assertThat(b.find("[data-repeat-weekly]").isDisplayed()).isFalse();
			b.checkAccessibility();

			title.sendKeys("Mathe 7b");
			// Chromium's time field takes typing by segments; the value is what a person would pick
			((JavascriptExecutor) b.driver).executeScript("arguments[0].value = '08:45'", b.find("#ev-bis-zeit"));
			b.find("#ev-ort").sendKeys("Raum 12");
			new Select(b.find("#ev-wiederholung")).selectByValue("woechentlich");
			assertThat(b.find("[data-repeat-weekly]").isDisplayed()).isTrue();
			b.find("input[name=tage][value=do]").click();
			b.find("input[name=ende][value=anzahl]").click();
			b.type("input[name=anzahl]", "6");
			b.screenshot("calendar-dialog");
			// saved, the week is loaded again (htmx follows the server's HX-Redirect) with the lesson in it
			try {
				b.click("#event-dialog button[type=submit]");
			}
			catch (org.openqa.selenium.TimeoutException e) {
				throw new AssertionError("the dialog stayed: " + b.find("#event-dialog").getAttribute("innerHTML"), e);
			}
			assertThat(b.path()).isEqualTo("/kalender?ansicht=woche&datum=" + tuesday);
			String tuesdayColumn = b.find(".day-column[data-date='" + tuesday + "'] a.chip").getAttribute("textContent");
			assertThat(tuesdayColumn).contains("Mathe 7b").contains("08:00–08:45");
			assertThat(b.find(".day-column[data-date='" + thursday + "']").getAttribute("textContent")).contains("Mathe 7b");
			assertThat(b.find(".day-column[data-date='" + tuesday.plusDays(1) + "']").getAttribute("textContent")).doesNotContain("Mathe 7b");
			b.checkAccessibility();
			assertThat(b.overflowAt(320)).as("sideways scrolling at 320 px: " + widest(b)).isLessThanOrEqualTo(0);
			b.screenshot("calendar-week");

			// dragged an hour down, Tuesday's lesson alone moves to 09:00
			WebElement tuesdayLesson = b.find(".day-column[data-date='" + tuesday + "'] a.chip");
			((JavascriptExecutor) b.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", tuesdayLesson);
			double hour = ((Number) ((JavascriptExecutor) b.driver).executeScript(
					"return document.querySelector('.day-column').getBoundingClientRect().height / 24;")).doubleValue();
			new org.openqa.selenium.interactions.Actions(b.driver).moveToElement(tuesdayLesson, 0, -5).clickAndHold()
				.moveByOffset(0, (int) Math.round(hour / 2)).moveByOffset(0, (int) Math.round(hour / 2)).release().perform();
			new WebDriverWait(b.driver, Duration.ofSeconds(10)).until(d -> {
				try {
					return d.findElement(By.cssSelector(".day-column[data-date='" + tuesday + "'] a.chip")).getAttribute("textContent")
						.contains("09:00–09:45");
				}
				catch (org.openqa.selenium.WebDriverException reloading) {
					return false;
				}
			});
			assertThat(b.find(".day-column[data-date='" + thursday + "'] a.chip").getAttribute("textContent")).contains("08:00–08:45");

			// pressed on Wednesday's free 10:00 slot and dragged down an hour and a half: the dialog opens for 10:00–11:30
			LocalDate wednesday = tuesday.plusDays(1);
			WebElement ten = b.find(".day-column[data-date='" + wednesday + "'] .slot.at-40");
			((JavascriptExecutor) b.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", ten);
			new org.openqa.selenium.interactions.Actions(b.driver).moveToElement(ten, 0, (int) -Math.round(hour / 2) + 3).clickAndHold()
				.moveByOffset(0, (int) Math.round(hour / 2)).moveByOffset(0, (int) Math.round(hour) - 6).release().perform();
			WebElement newTitle = b.find("#event-dialog[open] #ev-titel");
			new WebDriverWait(b.driver, Duration.ofSeconds(5)).until(d -> newTitle.equals(d.switchTo().activeElement()));
			assertThat(b.find("#ev-von-datum").getAttribute("value")).isEqualTo(wednesday.toString());
			assertThat(b.find("#ev-von-zeit").getAttribute("value")).isEqualTo("10:00");
			assertThat(b.find("#ev-bis-zeit").getAttribute("value")).isEqualTo("11:30");
			assertThat(b.all(".new-span")).isEmpty();
			b.find("#event-dialog [data-close-dialog]").click();
			new WebDriverWait(b.driver, Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector("#event-dialog[open]")).isEmpty());

			// the lesson's details open in the dialog, with the keyboard as well
			WebElement lesson = b.find(".day-column[data-date='" + thursday + "'] a.chip");
			lesson.sendKeys(org.openqa.selenium.Keys.ENTER);
			assertThat(b.find("#event-dialog[open] #event-dialog-title").getText()).isEqualTo("Mathe 7b");
			assertThat(b.find("#event-dialog").getText()).contains("Raum 12").contains("wöchentlich")
				.contains(thursday.format(DateTimeFormatter.ofPattern("d. MMMM yyyy", java.util.Locale.GERMANY)));
			b.checkAccessibility();
			b.find("#event-dialog [data-close-dialog]").click();
			new WebDriverWait(b.driver, Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector("#event-dialog[open]")).isEmpty());

			b.go("/kalender?ansicht=liste&datum=" + tuesday);
			assertThat(b.all("ol.agenda > li")).hasSizeGreaterThanOrEqualTo(6);
			assertThat(b.overflowAt(320)).as("sideways scrolling at 320 px").isLessThanOrEqualTo(0);
			b.checkAccessibility();
			b.screenshot("calendar-agenda");
		}
	}

	@org.springframework.beans.factory.annotation.Autowired
	de.schulhaus.accounts.security.AccountUserDetailsService users;

	@org.springframework.beans.factory.annotation.Autowired
	de.schulhaus.files.internal.Spaces spaces;

	/** A teacher finds a worksheet from her cloud in the dialog, adds it to a lesson and opens it from the lesson's details. */
	@Test
	void teacherAttachesAWorksheetFromHerCloudToALesson() throws Exception {
		String teacher = createTeacher();
		byte[] sheet = "Aufgaben 1 bis 5".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		spaces.open(spaces.personal(users.load(teacher).orElseThrow())).write(new de.schulhaus.dav.DavPath(java.util.List.of("Arbeitsblatt Brüche.pdf")),
				new java.io.ByteArrayInputStream(sheet), "application/pdf", sheet.length);
		LocalDate tuesday = LocalDate.now(ZoneId.of("Europe/Berlin")).with(TemporalAdjusters.next(java.time.DayOfWeek.TUESDAY));
		try (Browser b = Browser.open(port)) {
			b.signIn(teacher, "Kompass-Laterne-Quitte-2026");

			b.go("/kalender?ansicht=woche&datum=" + tuesday);
			WebElement slot = b.find(".day-column[data-date='" + tuesday + "'] .slot.at-40");
			((JavascriptExecutor) b.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", slot);
			slot.click();
			b.find("#event-dialog[open] #ev-titel").sendKeys("Mathe mit Arbeitsblatt");
			b.find("#ev-dateisuche").sendKeys("brüche");
			b.find("#ev-datei-treffer button").click();
			WebElement added = b.find("#ev-anhaenge input[name=anhaenge]");
			assertThat(added.isSelected()).isTrue();
			assertThat(b.find("#ev-anhaenge").getText()).contains("Arbeitsblatt Brüche.pdf").contains("application/pdf");
			b.checkAccessibility();
			b.screenshot("calendar-dialog-attachment");
			b.click("#event-dialog button[type=submit]");
			assertThat(b.path()).isEqualTo("/kalender?ansicht=woche&datum=" + tuesday);

			WebElement lesson = b.find(".day-column[data-date='" + tuesday + "'] a.chip");
			((JavascriptExecutor) b.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", lesson);
			lesson.click();
			WebElement link = b.find("#event-dialog[open] .event-attachments a");
			assertThat(link.getText()).isEqualTo("Arbeitsblatt Brüche.pdf");
			assertThat(b.find("#event-dialog .event-attachments").getText()).contains("(application/pdf)");
			b.checkAccessibility();
			String href = link.getAttribute("href");
			assertThat(href).endsWith("/dateien/meine/details?pfad=/Arbeitsblatt%20Br%C3%BCche.pdf");
			// the platform's address in tests is not this server's random port: open the same page here
			b.go(href.substring(href.indexOf("/dateien/")));
			assertThat(b.find("main").getText()).contains("Arbeitsblatt Brüche.pdf");
		}
	}

	/** What reaches furthest right at 320 px, to say what makes the page too wide. */
	private static Object widest(Browser b) {
		b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(320, 800));
		try {
			return ((JavascriptExecutor) b.driver).executeScript("""
					const w = document.documentElement.clientWidth;
					return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 0.5)
					  .slice(-4).map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right).join(', ');""");
		}
		finally {
			b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 900));
		}
	}

	private String createTeacher() throws Exception {
		OperatorApi operator = new OperatorApi(port);
		String schoolId = operator.post("/api/v1/schools", "{\"name\":\"Kalender-Schule\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber()
				+ "\",\"type\":\"GYMNASIUM\"}", "$.id");
		return operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Lea\",\"lastName\":\"Lehrerin\",\"role\":\"TEACHER\",\"password\":\"Kompass-Laterne-Quitte-2026\",\"groups\":[\"7b\"]}", "$.login");
	}
}
