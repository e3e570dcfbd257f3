package de.schulhaus.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * Headless Debian Chromium for the journeys, with an axe-core check and screenshots of each page a
 * journey visits. Skipped on a machine without chromium-driver, but never in CI.
 */
final class Browser implements AutoCloseable {

	private static final Path SHOTS = Path.of("target", "screenshots");

	final WebDriver driver;
	private final String base;

	private Browser(WebDriver driver, String base) {
		this.driver = driver;
		this.base = base;
	}

	static Browser open(int port) {
		File chromedriver = new File("/usr/bin/chromedriver");
		if (!"true".equals(System.getenv("CI"))) {
			Assumptions.assumeTrue(chromedriver.canExecute(), "chromium-driver is not installed");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--lang=de-DE", "--window-size=1440,900");
		options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "de-DE,de"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).usingAnyFreePort().build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
		return new Browser(driver, "http://localhost:" + port);
	}

	void go(String path) {
		driver.get(base + path);
	}

	/** The element, once the page has it (a few seconds at most). */
	WebElement find(String css) {
		return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
	}

	List<WebElement> all(String css) {
		return driver.findElements(By.cssSelector(css));
	}

	void type(String css, String text) {
		WebElement e = find(css);
		e.clear();
		e.sendKeys(text);
	}

	/**
	 * Clicks something that loads a new page (every click in the journeys does) and waits until the
	 * old page is gone, so that the next look does not read the page being left.
	 */
	void click(String css) {
		WebElement before = driver.findElement(By.tagName("html"));
		find(css).click();
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> isGone(before));
	}

	/** Chrome answers for a node of a page being left either "stale" or "does not belong to the document". */
	private static boolean isGone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (org.openqa.selenium.WebDriverException gone) {
			return true;
		}
	}

	String path() {
		return driver.getCurrentUrl().replace(base, "");
	}

	/** Waits until the browser has navigated to a path matching the condition (clicks return before that). */
	String awaitPath(java.util.function.Predicate<String> condition) {
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> condition.test(path()));
		return path();
	}

	/** Opens the sign-in page, signs in and waits for the start page. */
	void signIn(String login, String password) {
		go("/anmelden");
		submitSignIn(login, password);
		awaitPath(p -> p.equals("/"));
	}

	/** Fills in and sends the sign-in form the browser shows now (a page that asked for a sign-in first). */
	void submitSignIn(String login, String password) {
		type("#login", login);
		type("#password", password);
		click("main form button[type=submit]");
	}

	void signOut() {
		driver.manage().deleteAllCookies();
	}

	/**
	 * The current page at desktop and at phone width (390 × 844, half the pupils use a phone): no
	 * serious or critical accessibility violations at either, and nothing that makes a phone scroll
	 * sideways.
	 */
	void checkAccessibility() {
		axe("desktop");
		driver.manage().window().setSize(new Dimension(390, 844));
		try {
			Number overflow = (Number) ((ChromeDriver) driver).executeScript(
					"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
			assertThat(overflow.intValue()).as("sideways scrolling on a phone at " + path() + " (px too wide); widest: "
					+ widest()).isLessThanOrEqualTo(0);
			axe("phone");
		}
		finally {
			driver.manage().window().setSize(new Dimension(1440, 900));
		}
	}

	/** How many pixels too wide the page is at a window this wide (the smallest phones are 320 px): 0 or less fits. */
	int overflowAt(int width) {
		driver.manage().window().setSize(new Dimension(width, 800));
		try {
			return ((Number) ((ChromeDriver) driver).executeScript(
					"return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).intValue();
		}
		finally {
			driver.manage().window().setSize(new Dimension(1440, 900));
		}
	}

	private void axe(String size) {
		var results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
		List<String> serious = results.getViolations().stream()
			.filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
			.map(Browser::describe).toList();
		assertThat(serious).as("axe-core violations on " + path() + " (" + size + ")").isEmpty();
	}

	/** The elements reaching furthest right, to say what makes the page too wide. */
	private Object widest() {
		return ((ChromeDriver) driver).executeScript("""
				const w = document.documentElement.clientWidth;
				return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
				  .slice(-3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined
				    ? '.' + String(e.className).split(' ').join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');""");
	}

	/** Screenshots at desktop and phone size, for reviewers. */
	void screenshot(String name) throws Exception {
		Files.createDirectories(SHOTS);
		driver.manage().window().setSize(new Dimension(1440, 900));
		Files.write(SHOTS.resolve(name + "-desktop.png"), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
		driver.manage().window().setSize(new Dimension(390, 844));
		Files.write(SHOTS.resolve(name + "-phone.png"), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
		driver.manage().window().setSize(new Dimension(1440, 900));
	}

	private static String describe(Rule rule) {
		return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
				+ rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(3).toList();
	}

	@Override
	public void close() {
		driver.quit();
	}
}
