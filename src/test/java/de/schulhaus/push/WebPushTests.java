package de.schulhaus.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.push.internal.P256;
import de.schulhaus.push.internal.PushSubscriptions;

/**
 * A person switches notifications on for a browser; a notification of theirs reaches the push service
 * (a server inside this test on 127.0.0.1) encrypted for that browser alone, with a VAPID header that
 * verifies, and nothing reaches anybody else.
 */
@IntegrationTest
class WebPushTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Notifications notifications;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	AccountManagement accounts;

	@Autowired
	PushSubscriptions subscriptions;

	@Autowired
	JdbcClient jdbc;

	private HttpServer pushService;
	private final Map<String, BlockingQueue<Received>> received = new ConcurrentHashMap<>();
	private final Map<String, List<Integer>> answers = new ConcurrentHashMap<>();
	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	@BeforeEach
	void startPushService() throws IOException {
		pushService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		pushService.createContext("/push/", this::handle);
		pushService.start();
	}

	@AfterEach
	void stopPushService() {
		pushService.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String device = exchange.getRequestURI().getPath().substring("/push/".length());
		byte[] body = exchange.getRequestBody().readAllBytes();
		int call = calls.computeIfAbsent(device, d -> new AtomicInteger()).getAndIncrement();
		List<Integer> planned = answers.getOrDefault(device, List.of(201));
		int status = planned.get(Math.min(call, planned.size() - 1));
		var h = exchange.getRequestHeaders();
		received.computeIfAbsent(device, d -> new LinkedBlockingQueue<>()).add(new Received(status, h.getFirst("Authorization"),
				h.getFirst("TTL"), h.getFirst("Urgency"), h.getFirst("Content-Encoding"), body));
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	private String endpoint(String device) {
		return "http://127.0.0.1:" + pushService.getAddress().getPort() + "/push/" + device;
	}

	private SchulhausUser principal(TestSchools.UserRef ref) {
		return users.load(ref.login()).orElseThrow().withPasswordChanged();
	}

	/** A browser's subscription: its key pair and auth secret stay here, the public half goes to the server. */
	private Browser subscribe(SchulhausUser person, String device) throws Exception {
		Browser browser = new Browser(endpoint(device), P256.generate(), new byte[16]);
		new SecureRandom().nextBytes(browser.auth());
		String body = mvc.perform(post("/api/v1/push/subscriptions").with(user(person)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(browser.json()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.endpoint").value(browser.endpoint()))
			.andReturn().getResponse().getContentAsString();
		return browser.withId(UUID.fromString(JsonPath.read(body, "$.id")));
	}

	private Received next(String device) throws InterruptedException {
		Received r = received.computeIfAbsent(device, d -> new LinkedBlockingQueue<>()).poll(15, TimeUnit.SECONDS);
		assertThat(r).as("a push to " + device).isNotNull();
		return r;
	}

	@Test
	void aNotificationReachesTheDeviceEncryptedForItWithAVapidHeaderThatVerifies() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Push-Schule");
		var pupil = schools.createUser(school, "Paula", "Push", "PUPIL", null, "6b");
		var teacher = schools.createUser(school, "Theo", "Teacher", "TEACHER", null, null);
		SchulhausUser me = principal(pupil);
		accounts.changeLanguage(principal(teacher), "en");
		Browser phone = subscribe(me, "paula-phone");
		Browser laptop = subscribe(principal(teacher), "theo-laptop");
		String serverKey = JsonPath.read(mvc.perform(get("/api/v1/push/key").with(user(me))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(), "$.publicKey");

		UUID id = notifications.notify(school.id(), pupil.id(),
				Notification.of("sample.greeting", "sample.notification.greeting", "/beispiel", "Anna Amsel"));

		Received push = next("paula-phone");
		assertThat(push.contentEncoding()).isEqualTo("aes128gcm");
		assertThat(push.ttl()).isEqualTo("86400");
		assertThat(push.urgency()).isEqualTo("normal");
		String payload = new String(WebPushMessages.decrypt(push.body(), P256.raw((ECPrivateKey) phone.keys().getPrivate()), phone.auth()),
				StandardCharsets.UTF_8);
		assertThat((String) JsonPath.read(payload, "$.title")).isEqualTo("Neues im Beispiel von Anna Amsel");
		assertThat((String) JsonPath.read(payload, "$.link")).isEqualTo("/beispiel");
		assertThat((String) JsonPath.read(payload, "$.id")).isEqualTo(id.toString());
		var vapid = WebPushMessages.verifyVapid(push.authorization());
		assertThat(vapid.valid()).isTrue();
		assertThat(vapid.key()).isEqualTo(serverKey);
		assertThat(vapid.claims()).contains("\"aud\":\"http://127.0.0.1:" + pushService.getAddress().getPort() + "\"");

		// a class's notification: each in their own language, each readable only with their own keys
		notifications.notifyAll(school.id(), List.of(pupil.id(), teacher.id()),
				Notification.of("sample.greeting", "sample.notification.greeting", "/beispiel/2", "Herr Berg"));
		String english = new String(WebPushMessages.decrypt(next("theo-laptop").body(),
				P256.raw((ECPrivateKey) laptop.keys().getPrivate()), laptop.auth()), StandardCharsets.UTF_8);
		assertThat((String) JsonPath.read(english, "$.title")).isEqualTo("News in the sample from Herr Berg");
		Received second = next("paula-phone");
		assertThat(new String(WebPushMessages.decrypt(second.body(), P256.raw((ECPrivateKey) phone.keys().getPrivate()), phone.auth()),
				StandardCharsets.UTF_8)).contains("Neues im Beispiel von Herr Berg");
		assertThat(received.get("paula-phone")).isEmpty();
	}

	@Test
	void aPushWithoutBellEntryCarriesItsPlaceAsTagSoTheNextOneReplacesIt() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Tag-Schule");
		var pupil = schools.createUser(school, "Tilda", "Tag", "PUPIL", null, "6c");
		SchulhausUser me = principal(pupil);
		Browser phone = subscribe(me, "tilda-phone");

		notifications.pushOnly(school.id(), List.of(pupil.id()),
				Notification.of("sample.greeting", "sample.notification.greeting", "/beispiel/raum", "Anna Amsel"));

		String payload = new String(WebPushMessages.decrypt(next("tilda-phone").body(), P256.raw((ECPrivateKey) phone.keys().getPrivate()),
				phone.auth()), StandardCharsets.UTF_8);
		assertThat((String) JsonPath.read(payload, "$.title")).isEqualTo("Neues im Beispiel von Anna Amsel");
		assertThat((String) JsonPath.read(payload, "$.tag")).isEqualTo("/beispiel/raum");
		assertThat((Object) JsonPath.read(payload, "$.id")).isNull();
		assertThat(notifications.unread(me)).as("nothing under the bell").isZero();
	}

	@Test
	void aSubscriptionThePushServiceSaysIsGoneIsRemovedAndA429IsTriedAgain() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Abgemeldet-Schule");
		var pupil = schools.createUser(school, "Gina", "Gone", "PUPIL", null, "7a");
		SchulhausUser me = principal(pupil);
		answers.put("gina-old", List.of(410));
		answers.put("gina-busy", List.of(429, 503, 201));
		subscribe(me, "gina-old");
		subscribe(me, "gina-busy");

		notifications.notify(school.id(), pupil.id(), Notification.of("sample.greeting", "sample.notification.greeting", "/", "X"));

		assertThat(next("gina-old").status()).isEqualTo(410);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/api/v1/push/subscriptions").with(user(me)))
			.andExpect(jsonPath("$[*].endpoint").value(org.hamcrest.Matchers.contains(endpoint("gina-busy")))));
		assertThat(next("gina-busy").status()).isEqualTo(429);
		assertThat(next("gina-busy").status()).isEqualTo(503);
		assertThat(next("gina-busy").status()).isEqualTo(201);
	}

	@Test
	void aSubscriptionCalledGoneGetsNothingButItsBrowserCanRenewItForSixtyDaysThenTheSweepDeletesIt() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Push-Spät-Erneuert");
		var pupil = schools.createUser(school, "Lena", "Later", "PUPIL", null, "6b");
		SchulhausUser me = principal(pupil);
		answers.put("lena-old", List.of(410));
		answers.put("lena-late", List.of(410));
		Browser old = subscribe(me, "lena-old");
		Browser late = subscribe(me, "lena-late");
		subscribe(me, "lena-phone");

		// the push service ends both subscriptions before their browser's worker told the server of new ones
		notifications.notify(school.id(), pupil.id(), Notification.of("sample.greeting", "sample.notification.greeting", "/", "Eins"));
		assertThat(next("lena-old").status()).isEqualTo(410);
		assertThat(next("lena-late").status()).isEqualTo(410);
		assertThat(next("lena-phone").status()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/api/v1/push/subscriptions").with(user(me)))
			.andExpect(jsonPath("$[*].endpoint").value(org.hamcrest.Matchers.contains(endpoint("lena-phone")))));
		notifications.notify(school.id(), pupil.id(), Notification.of("sample.greeting", "sample.notification.greeting", "/", "Zwei"));
		assertThat(next("lena-phone").status()).isEqualTo(201);
		assertThat(received.get("lena-old")).as("nothing more to a gone subscription").isEmpty();

		// the worker's renewal comes afterwards: the gone row takes the new subscription and gets pushes again
		Browser renewed = new Browser(endpoint("lena-new"), P256.generate(), new byte[16]);
		new SecureRandom().nextBytes(renewed.auth());
		mvc.perform(post("/api/v1/push/renewal").contentType(MediaType.APPLICATION_JSON).content(renewal(old.json(), renewed.json())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(old.id().toString()));
		notifications.notify(school.id(), pupil.id(), Notification.of("sample.greeting", "sample.notification.greeting", "/", "Drei"));
		String payload = new String(WebPushMessages.decrypt(next("lena-new").body(), P256.raw((ECPrivateKey) renewed.keys().getPrivate()),
				renewed.auth()), StandardCharsets.UTF_8);
		assertThat(payload).contains("Neues im Beispiel von Drei");

		// sixty days and more after its end a gone subscription cannot be renewed, and the nightly sweep deletes it
		jdbc.sql("update push_subscription set gone_at = :at where id = :id")
			.param("at", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(61)).param("id", late.id()).update();
		Browser tooLate = new Browser(endpoint("lena-too-late"), P256.generate(), new byte[16]);
		new SecureRandom().nextBytes(tooLate.auth());
		mvc.perform(post("/api/v1/push/renewal").contentType(MediaType.APPLICATION_JSON).content(renewal(late.json(), tooLate.json())))
			.andExpect(status().isNotFound());
		assertThat(subscriptions.deleteGoneBefore(java.time.Instant.now().minus(Duration.ofDays(60)))).isEqualTo(1);
		assertThat(jdbc.sql("select endpoint from push_subscription where account_id = :me").param("me", pupil.id())
			.query(String.class).list()).containsExactlyInAnyOrder(renewed.endpoint(), endpoint("lena-phone"));
	}

	@Test
	void anotherSchoolsPersonGetsNothingAndReachesNoSubscriptionOfThisSchool() throws Exception {
		var schools = new TestSchools(mvc);
		var a = schools.createSchool("Schule A Push");
		var b = schools.createSchool("Schule B Push");
		var pupilA = schools.createUser(a, "Anna", "Aland", "PUPIL", null, "5a");
		var pupilB = schools.createUser(b, "Bert", "Bland", "PUPIL", null, "5a");
		Browser browserA = subscribe(principal(pupilA), "anna");
		subscribe(principal(pupilB), "bert");

		// B's person named with A's school (a module's mistake) finds no subscription; A's pupil gets theirs
		notifications.notifyAll(a.id(), List.of(pupilA.id(), pupilB.id()),
				Notification.of("sample.greeting", "sample.notification.greeting", "/", "A"));
		next("anna");
		Thread.sleep(500);
		assertThat(received.getOrDefault("bert", new LinkedBlockingQueue<>())).isEmpty();

		// B sees and deletes only their own: A's subscription id and endpoint are not found, and stay
		mvc.perform(get("/api/v1/push/subscriptions").with(user(principal(pupilB))))
			.andExpect(jsonPath("$[*].endpoint").value(org.hamcrest.Matchers.contains(endpoint("bert"))));
		mvc.perform(delete("/api/v1/push/subscriptions/" + browserA.id()).with(user(principal(pupilB))).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(delete("/api/v1/push/subscriptions").param("endpoint", browserA.endpoint()).with(user(principal(pupilB))).with(csrf()))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(get("/api/v1/push/subscriptions").with(user(principal(pupilA))))
			.andExpect(jsonPath("$[*].endpoint").value(org.hamcrest.Matchers.contains(browserA.endpoint())));

		// A's own: by endpoint, as the browser does it
		mvc.perform(delete("/api/v1/push/subscriptions").param("endpoint", browserA.endpoint()).with(user(principal(pupilA))).with(csrf()))
			.andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/push/subscriptions").with(user(principal(pupilA)))).andExpect(content().json("[]"));
	}

	@Test
	void aPushFilterAndADeactivatedAccountHoldThePushBackButTheBellKeepsTheNotification() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Ruhe-Schule");
		var pupil = schools.createUser(school, "Rudi", "Ruhe", "PUPIL", null, "9a");
		var leaver = schools.createUser(school, "Lea", "Leaver", "PUPIL", null, "9a");
		SchulhausUser me = principal(pupil);
		subscribe(me, "rudi");
		subscribe(principal(leaver), "lea");
		var admin = schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", null, null);
		accounts.setStatus(school.id(), leaver.id(), de.schulhaus.accounts.AccountStatus.DEACTIVATED, principal(admin));

		// the sample module's PushFilter holds back its "quiet" kind, as quiet hours will
		notifications.notify(school.id(), pupil.id(), Notification.of("sample.quiet", "sample.notification.greeting", "/", "Leise"));
		notifications.notifyAll(school.id(), List.of(pupil.id(), leaver.id()),
				Notification.of("sample.greeting", "sample.notification.greeting", "/", "Laut"));

		String payload = new String(next("rudi").body(), StandardCharsets.ISO_8859_1);
		assertThat(payload).isNotEmpty();
		Thread.sleep(500);
		assertThat(received.get("rudi")).as("only the one that was not quiet").isEmpty();
		assertThat(received.getOrDefault("lea", new LinkedBlockingQueue<>())).as("a deactivated account gets no pushes").isEmpty();
		assertThat(notifications.unread(me)).isEqualTo(2);
	}

	@Test
	void aBrowserThatSubscribesSeveralTimesAtOnceHasOneSubscription() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Push-Mehrfach");
		SchulhausUser me = principal(schools.createUser(school, "Mira", "Mehrfach", "PUPIL", null, "7a"));
		Browser browser = new Browser(endpoint("twice"), P256.generate(), new byte[16]);
		new SecureRandom().nextBytes(browser.auth());
		List<Integer> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
		var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
		var start = new java.util.concurrent.CountDownLatch(1);
		for (int i = 0; i < 6; i++) {
			pool.submit(() -> {
				start.await();
				statuses.add(mvc.perform(post("/api/v1/push/subscriptions").with(user(me)).with(csrf())
					.contentType(MediaType.APPLICATION_JSON).content(browser.json())).andReturn().getResponse().getStatus());
				return null;
			});
		}
		start.countDown();
		pool.shutdown();
		assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		assertThat(statuses).hasSize(6).containsOnly(201);
		mvc.perform(get("/api/v1/push/subscriptions").with(user(me)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].endpoint").value(browser.endpoint()));
	}

	@Test
	void badSubscriptionsAreRefusedAndTheApiWantsTheCsrfToken() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Prüf-Schule Push");
		SchulhausUser me = principal(schools.createUser(school, "Ida", "Input", "PUPIL", null, "8a"));
		Browser good = new Browser("https://push.example.net/send/abc", P256.generate(), new byte[16]);

		mvc.perform(post("/api/v1/push/subscriptions").with(user(me)).contentType(MediaType.APPLICATION_JSON).content(good.json()))
			.andExpect(status().isForbidden());
		for (String endpoint : List.of("http://push.example.net/send/abc", "ftp://push.example.net/x", "https:///x", "not a url",
				"https://user@push.example.net/x")) {
			mvc.perform(post("/api/v1/push/subscriptions").with(user(me)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
					.content(new Browser(endpoint, good.keys(), good.auth()).json()))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail").value("Die Adresse des Push-Dienstes ist ungültig (nur https)."));
		}
		String shortAuth = good.json().replace(P256.base64Url(good.auth()), P256.base64Url(new byte[8]));
		String offCurve = good.json().replace(P256.base64Url(P256.raw((ECPublicKey) good.keys().getPublic())),
				P256.base64Url(new byte[65]));
		for (String body : List.of(shortAuth, offCurve, "{\"endpoint\":\"https://push.example.net/x\"}")) {
			mvc.perform(post("/api/v1/push/subscriptions").with(user(me)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value("Die Schlüssel des Abonnements sind ungültig."));
		}
		mvc.perform(post("/api/v1/push/subscriptions").with(user(me)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(good.json()))
			.andExpect(status().isCreated());
	}

	@Test
	void aBrowserThatRenewsItsSubscriptionWithoutASessionGetsThePushesOnTheNewOneAndNobodyElseCanRenewIt() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Push-Erneuerung");
		var other = schools.createSchool("Push-Erneuerung B");
		var pupil = schools.createUser(school, "Rita", "Renew", "PUPIL", null, "5c");
		SchulhausUser me = principal(pupil);
		SchulhausUser stranger = principal(schools.createUser(other, "Sven", "Fremd", "PUPIL", null, "5c"));
		Browser old = subscribe(me, "rita-old");
		Browser renewed = new Browser(endpoint("rita-new"), P256.generate(), new byte[16]);
		new SecureRandom().nextBytes(renewed.auth());
		Browser forged = new Browser(old.endpoint(), P256.generate(), new byte[16]);

		// not the old subscription's secret (another school's person's request alike, signed in or not), or not subscribed
		// here: not found, and the subscription stays as it was
		for (String oldJson : List.of(forged.json(), new Browser(endpoint("nobody"), old.keys(), old.auth()).json(), "{}")) {
			mvc.perform(post("/api/v1/push/renewal").contentType(MediaType.APPLICATION_JSON).content(renewal(oldJson, renewed.json())))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
		mvc.perform(post("/api/v1/push/renewal").with(user(stranger)).contentType(MediaType.APPLICATION_JSON)
				.content(renewal(forged.json(), renewed.json())))
			.andExpect(status().isNotFound());
		// the old secret, but a new subscription that is no push service's: refused, nothing changed
		mvc.perform(post("/api/v1/push/renewal").contentType(MediaType.APPLICATION_JSON)
				.content(renewal(old.json(), new Browser("ftp://push.example.net/x", renewed.keys(), renewed.auth()).json())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Die Adresse des Push-Dienstes ist ungültig (nur https)."));
		mvc.perform(get("/api/v1/push/subscriptions").with(user(me)))
			.andExpect(jsonPath("$[*].endpoint").value(org.hamcrest.Matchers.contains(old.endpoint())));

		// the service worker's request: no session, no CSRF token; the subscription keeps its id and person
		mvc.perform(get("/api/v1/push/key")).andExpect(status().isOk()).andExpect(jsonPath("$.publicKey").isString());
		mvc.perform(post("/api/v1/push/renewal").contentType(MediaType.APPLICATION_JSON).content(renewal(old.json(), renewed.json())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(old.id().toString()))
			.andExpect(jsonPath("$.endpoint").value(renewed.endpoint()));
		mvc.perform(get("/api/v1/push/subscriptions").with(user(me)))
			.andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers.contains(old.id().toString())))
			.andExpect(jsonPath("$[*].endpoint").value(org.hamcrest.Matchers.contains(renewed.endpoint())));

		notifications.notify(school.id(), pupil.id(), Notification.of("sample.greeting", "sample.notification.greeting", "/", "Erneut"));
		String payload = new String(WebPushMessages.decrypt(next("rita-new").body(), P256.raw((ECPrivateKey) renewed.keys().getPrivate()),
				renewed.auth()), StandardCharsets.UTF_8);
		assertThat(payload).contains("Neues im Beispiel von Erneut");
		assertThat(received.getOrDefault("rita-old", new LinkedBlockingQueue<>())).isEmpty();
		// the old one is spent
		mvc.perform(post("/api/v1/push/renewal").contentType(MediaType.APPLICATION_JSON).content(renewal(old.json(), renewed.json())))
			.andExpect(status().isNotFound());
	}

	private static String renewal(String oldSubscription, String newSubscription) {
		return "{\"oldSubscription\":" + oldSubscription + ",\"newSubscription\":" + newSubscription + "}";
	}

	@Test
	void theProfileOffersTheSwitchAndTheServiceWorkerAndManifestAreServed() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Konto-Schule Push");
		SchulhausUser me = principal(schools.createUser(school, "Kai", "Konto", "TEACHER", null, null));

		mvc.perform(get("/konto").with(user(me)))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Benachrichtigungen auf diesem Gerät")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("data-push-toggle")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/js/push")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("rel=\"manifest\"")));
		// every page of the layout runs the check of this browser's subscription, and says whose page it is
		mvc.perform(get("/").with(user(me)))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("data-account=\"" + me.accountId() + "\"")))
			.andExpect(content().string(org.hamcrest.Matchers.matchesPattern("(?s).*<script type=\"module\" src=\"/js/push-device[^\"]*\\.js\"></script>\\s*</body>.*")));
		mvc.perform(get("/sw.js"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("showNotification")));
		mvc.perform(get("/manifest.webmanifest"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/manifest+json"))
			.andExpect(jsonPath("$.display").value("standalone"));
	}

	private record Received(int status, String authorization, String ttl, String urgency, String contentEncoding, byte[] body) {
	}

	private record Browser(String endpoint, KeyPair keys, byte[] auth, UUID id) {

		Browser(String endpoint, KeyPair keys, byte[] auth) {
			this(endpoint, keys, auth, null);
		}

		Browser withId(UUID id) {
			return new Browser(endpoint, keys, auth, id);
		}

		/** As {@code PushSubscription.toJSON()} gives it. */
		String json() {
			return "{\"endpoint\":\"" + endpoint + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\""
					+ P256.base64Url(P256.raw((ECPublicKey) keys.getPublic())) + "\",\"auth\":\"" + P256.base64Url(auth) + "\"}}";
		}
	}
}
