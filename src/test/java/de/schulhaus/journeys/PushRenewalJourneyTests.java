package de.schulhaus.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.push.internal.P256;
import de.schulhaus.push.internal.PushSubscriptions;

/**
 * The service worker's answer to {@code pushsubscriptionchange}, run in Chromium against the running server. A
 * headless browser has no push service, so it cannot renew a real subscription; the test runs the worker's own
 * script ({@code /sw.js} as served) on a page of the site, with the browser's parts the worker uses
 * ({@code registration.pushManager.subscribe}, the event) standing in for the push service, and Firefox's way of
 * renewing: the event gives only the old subscription, without its key, so the worker asks the server for it,
 * subscribes again and tells the server, without a session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PushRenewalJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	PushSubscriptions subscriptions;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theServiceWorkerTellsTheServerOfTheRenewedSubscriptionWithoutASession() throws Exception {
		OperatorApi operator = new OperatorApi(port);
		String schoolId = operator.post("/api/v1/schools", "{\"name\":\"Push-Realschule\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber()
				+ "\",\"type\":\"GESAMTSCHULE\"}", "$.id");
		String login = operator.post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Rene\",\"lastName\":\"Neu\",\"role\":\"PUPIL\",\"password\":\"Kompass-Laterne-Quitte-2028\",\"groups\":[\"6a\"]}",
				"$.login");
		var person = users.load(login).orElseThrow();
		KeyPair oldKeys = P256.generate();
		byte[] oldAuth = secret();
		var old = subscriptions.subscribe(person, "http://127.0.0.1:9/push/old", key(oldKeys), P256.base64Url(oldAuth));
		KeyPair newKeys = P256.generate();
		byte[] newAuth = secret();
		String serverKey = JsonPath.read(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/push/key")).build(),
				HttpResponse.BodyHandlers.ofString()).body(), "$.publicKey");
		String worker = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sw.js")).build(),
				HttpResponse.BodyHandlers.ofString()).body();

		try (Browser browser = Browser.open(port)) {
			browser.go("/anmelden");
			browser.find("#login");
			@SuppressWarnings("unchecked")
			Map<String, Object> outcome = (Map<String, Object>) ((JavascriptExecutor) browser.driver).executeAsyncScript("""
					const [oldJson, newJson, done] = arguments;
					const handlers = {};
					let subscribedWith = null;
					const renewed = { endpoint: newJson.endpoint, toJSON: () => newJson };
					const worker = {
					  location: self.location,
					  registration: { scope: location.origin + '/', pushManager: { subscribe: async (options) => { subscribedWith = options; return renewed; } } },
					  addEventListener: (type, handler) => { handlers[type] = handler; },
					};
					(function (self) {
					""" + worker + """
					})(worker);
					let waited = null;
					handlers.pushsubscriptionchange({
					  oldSubscription: { endpoint: oldJson.endpoint, options: { userVisibleOnly: true, applicationServerKey: null }, toJSON: () => oldJson },
					  newSubscription: null,
					  waitUntil: (promise) => { waited = promise; },
					});
					waited.then(() => done({ userVisibleOnly: subscribedWith.userVisibleOnly,
					    key: btoa(String.fromCharCode(...subscribedWith.applicationServerKey)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '') }),
					  (e) => done({ error: String(e) }));
					""", Map.of("endpoint", old.endpoint(), "keys", Map.of("p256dh", old.p256dh(), "auth", old.auth())),
					Map.of("endpoint", "http://127.0.0.1:9/push/new", "keys", Map.of("p256dh", key(newKeys), "auth", P256.base64Url(newAuth))));

			assertThat(outcome).doesNotContainKey("error");
			assertThat(outcome).containsEntry("userVisibleOnly", true).containsEntry("key", serverKey);
		}
		// the person's one subscription, the same row, now with the new endpoint and keys
		assertThat(subscriptions.of(person)).singleElement().satisfies(s -> {
			assertThat(s.id()).isEqualTo(old.id());
			assertThat(s.endpoint()).isEqualTo("http://127.0.0.1:9/push/new");
			assertThat(s.p256dh()).isEqualTo(key(newKeys));
			assertThat(s.auth()).isEqualTo(P256.base64Url(newAuth));
		});
		assertThat(jdbc.sql("select count(*) from push_subscription where endpoint = :e").param("e", old.endpoint()).query(Long.class).single())
			.isZero();
	}

	private static String key(KeyPair keys) {
		return P256.base64Url(P256.raw((ECPublicKey) keys.getPublic()));
	}

	private static byte[] secret() {
		byte[] auth = new byte[16];
		new SecureRandom().nextBytes(auth);
		return auth;
	}
}
