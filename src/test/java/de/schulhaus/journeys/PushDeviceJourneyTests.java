package de.schulhaus.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.push.internal.P256;
import de.schulhaus.push.internal.PushSubscriptions;

/**
 * A pupil switches notifications on in her browser; later the push service gives the browser a new subscription
 * without the service worker being able to say so (Chrome sends it no event). The next page she opens, any page,
 * tells the server, and her notifications reach the new one; a day on, a page tells the server again, which takes
 * back a subscription it had stopped sending to. Another pupil signed in on the same browser
 * afterwards (a school's shared computer) does not take the device over. A headless browser has no push service:
 * the browser's service worker container, its push manager and the permission are stood in for before every
 * page's scripts run, with a subscription the test sets; everything else is the pages' own scripts against the
 * running server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PushDeviceJourneyTests {

	private static final String PASSWORD = "Kompass-Laterne-Quitte-2029";

	/** The browser's push parts: the subscription is what localStorage "test.subscription" holds; POSTs to the API are logged. */
	private static final String STAND_INS = """
			(() => {
			  const current = () => {
			    const json = JSON.parse(localStorage.getItem('test.subscription') || 'null');
			    return json && { endpoint: json.endpoint, toJSON: () => json,
			      unsubscribe: async () => { localStorage.removeItem('test.subscription'); return true; } };
			  };
			  const pushManager = {
			    getSubscription: async () => { window.testChecked = true; return current(); },
			    subscribe: async () => { localStorage.setItem('test.subscription', localStorage.getItem('test.next')); return current(); },
			  };
			  const registration = { scope: location.origin + '/', pushManager };
			  Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: {
			    register: async () => registration, getRegistration: async () => registration, ready: Promise.resolve(registration) } });
			  Object.defineProperty(Notification, 'permission', { configurable: true, get: () => 'granted' });
			  Notification.requestPermission = async () => 'granted';
			  const fetchReally = window.fetch;
			  window.fetch = (input, init) => {
			    if (init && init.method === 'POST' && String(input).includes('/api/v1/push/subscriptions')) {
			      const posts = JSON.parse(localStorage.getItem('test.posts') || '[]');
			      posts.push(location.pathname);
			      localStorage.setItem('test.posts', JSON.stringify(posts));
			    }
			    return fetchReally(input, init);
			  };
			})();
			""";

	@LocalServerPort
	int port;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	PushSubscriptions subscriptions;

	@Test
	void aSubscriptionThePushServiceRenewedReachesTheServerFromTheNextPageButNotFromAnotherPersonsPages() throws Exception {
		OperatorApi operator = new OperatorApi(port);
		String schoolId = operator.post("/api/v1/schools", "{\"name\":\"Push-Gesamtschule\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber()
				+ "\",\"type\":\"GESAMTSCHULE\"}", "$.id");
		String pia = operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Pia\",\"lastName\":\"Push\",\"role\":\"PUPIL\",\"password\":\"" + PASSWORD + "\",\"groups\":[\"8c\"]}", "$.login");
		String ben = operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Ben\",\"lastName\":\"Banknachbar\",\"role\":\"PUPIL\",\"password\":\"" + PASSWORD + "\",\"groups\":[\"8c\"]}", "$.login");
		SchulhausUser piaAccount = users.load(pia).orElseThrow();
		SchulhausUser benAccount = users.load(ben).orElseThrow();
		String first = subscription("http://127.0.0.1:9/push/pia-first");
		String renewed = subscription("http://127.0.0.1:9/push/pia-renewed");

		try (Browser b = Browser.open(port)) {
			((ChromeDriver) b.driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", STAND_INS));
			JavascriptExecutor js = (JavascriptExecutor) b.driver;
			b.signIn(pia, PASSWORD);
			js.executeScript("localStorage.setItem('test.next', arguments[0])", first);

			// Mein Konto: she switches notifications on for this browser
			b.go("/konto");
			new WebDriverWait(b.driver, Duration.ofSeconds(10)).until(d -> b.find("[data-push-toggle]").isEnabled());
			b.find("[data-push-toggle]").click();
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> endpoints(piaAccount).contains("http://127.0.0.1:9/push/pia-first"));
			new WebDriverWait(b.driver, Duration.ofSeconds(10))
				.until(d -> b.find("[data-push-status]").getText().equals(b.find("[data-push]").getAttribute("data-text-on")));

			// an ordinary page, nothing changed: it looks, and tells the server nothing
			b.go("/");
			awaitChecked(b);
			assertThat(posts(js)).containsExactly("/konto");

			// the push service renewed the subscription; the next page she opens tells the server
			js.executeScript("localStorage.setItem('test.subscription', arguments[0])", renewed);
			b.go("/benachrichtigungen");
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> endpoints(piaAccount).contains("http://127.0.0.1:9/push/pia-renewed"));
			assertThat(posts(js)).containsExactly("/konto", "/benachrichtigungen");

			// its push service then called it gone (the server stops sending to it) while the browser still holds it:
			// a day after the server was last told, a page tells it again and it is sent to again
			PushSubscriptions.Subscription current = subscriptions.of(piaAccount).stream()
				.filter(s -> s.endpoint().endsWith("/pia-renewed")).findFirst().orElseThrow();
			subscriptions.gone(current);
			assertThat(endpoints(piaAccount)).doesNotContain("http://127.0.0.1:9/push/pia-renewed");
			js.executeScript("const r = JSON.parse(localStorage.getItem('schulhaus.push')); r.told -= 24 * 60 * 60 * 1000 + 1000;"
					+ " localStorage.setItem('schulhaus.push', JSON.stringify(r));");
			b.go("/");
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> endpoints(piaAccount).contains("http://127.0.0.1:9/push/pia-renewed"));
			assertThat(posts(js)).containsExactly("/konto", "/benachrichtigungen", "/");

			// Ben signs in on the same browser after her: his pages leave her device alone, whatever it holds now
			b.signOut();
			b.signIn(ben, PASSWORD);
			js.executeScript("localStorage.setItem('test.subscription', arguments[0])", subscription("http://127.0.0.1:9/push/pia-third"));
			b.go("/benachrichtigungen");
			b.find("main");
			Thread.sleep(1500);
			assertThat(js.executeScript("return window.testChecked === true")).as("his page does not even look").isEqualTo(false);
			assertThat(posts(js)).containsExactly("/konto", "/benachrichtigungen", "/");
		}
		assertThat(endpoints(benAccount)).isEmpty();
		assertThat(endpoints(piaAccount)).containsExactlyInAnyOrder("http://127.0.0.1:9/push/pia-first", "http://127.0.0.1:9/push/pia-renewed");
	}

	private List<String> endpoints(SchulhausUser person) {
		return subscriptions.of(person).stream().map(PushSubscriptions.Subscription::endpoint).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<String> posts(JavascriptExecutor js) {
		return (List<String>) js.executeScript("return JSON.parse(localStorage.getItem('test.posts') || '[]')");
	}

	private static void awaitChecked(Browser b) throws InterruptedException {
		new WebDriverWait(b.driver, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.testChecked === true")));
		// the check compares a hash after looking, then would post at once
		Thread.sleep(500);
	}


	/** As the browser's {@code PushSubscription.toJSON()} gives it, with a key pair and secret of its own. */
	private static String subscription(String endpoint) {
		KeyPair keys = P256.generate();
		byte[] auth = new byte[16];
		new SecureRandom().nextBytes(auth);
		return "{\"endpoint\":\"" + endpoint + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\""
				+ P256.base64Url(P256.raw((ECPublicKey) keys.getPublic())) + "\",\"auth\":\"" + P256.base64Url(auth) + "\"}}";
	}
}
