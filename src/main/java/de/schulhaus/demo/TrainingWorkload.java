package de.schulhaus.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.platform.Role;

/**
 * The training run of {@code bin/schulhaus}'s start-up cache. With
 * {@code schulhaus.training.workload=true} the platform, started on a throwaway embedded database,
 * seeds the demo school, then its teachers and pupils sign in through the form, open pages and
 * sign out over its own HTTP port, as on a school morning, and the platform exits. The JVM
 * archives the classes those requests loaded and, on JDK 25, how their methods ran (JEP 515), so a
 * node started from the cache serves its first sign-ins with less class loading and compiles the
 * sign-in path sooner. Refuses any database but an embedded H2: the workload writes demo people,
 * sessions and audit events.
 */
@Component
@ConditionalOnProperty("schulhaus.training.workload")
class TrainingWorkload {

	private static final Logger log = LoggerFactory.getLogger(TrainingWorkload.class);
	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final DemoSchool demo;
	private final AccountManagement accounts;
	private final int flows;
	private final String databaseUrl;

	TrainingWorkload(DemoSchool demo, AccountManagement accounts, @Value("${schulhaus.training.flows:500}") int flows,
			@Value("${spring.datasource.url}") String databaseUrl) {
		this.demo = demo;
		this.accounts = accounts;
		this.flows = flows;
		this.databaseUrl = databaseUrl;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(Ordered.LOWEST_PRECEDENCE)
	void start(ApplicationReadyEvent event) {
		ConfigurableApplicationContext context = event.getApplicationContext();
		String port = context.getEnvironment().getProperty("local.server.port");
		Thread runner = new Thread(() -> {
			int failures = isEmbedded(databaseUrl) && port != null ? run(URI.create("http://127.0.0.1:" + port)) : refuse();
			System.exit(SpringApplication.exit(context, () -> failures == 0 ? 0 : 1));
		}, "training-workload");
		runner.start();
	}

	/** Only an embedded H2 database of its own: in memory or a file, never a server. */
	static boolean isEmbedded(String databaseUrl) {
		return databaseUrl != null && (databaseUrl.startsWith("jdbc:h2:mem:") || databaseUrl.startsWith("jdbc:h2:file:"));
	}

	private int refuse() {
		log.error("The training workload runs only on an embedded H2 database; not on {}", databaseUrl);
		return 1;
	}

	private int run(URI base) {
		UUID school = demo.seedIfMissing();
		List<String> people = accounts.list(school, null, null, 1000, 0).stream()
			.filter(a -> a.role() == Role.PUPIL || a.role() == Role.TEACHER || a.role() == Role.STAFF)
			.map(Account::login).toList();
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
		AtomicInteger failed = new AtomicInteger();
		long started = System.nanoTime();
		ExecutorService workers = Executors.newFixedThreadPool(4);
		for (int i = 0; i < flows; i++) {
			String login = people.get(i % people.size());
			// a few wrong passwords, spread over people and far below the address limit
			boolean wrongPassword = i % 40 == 7;
			workers.submit(() -> {
				try {
					flow(http, base, login, wrongPassword);
				}
				catch (IOException | RuntimeException e) {
					if (failed.incrementAndGet() <= 3) {
						log.warn("Training request failed: {}", e.toString());
					}
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			});
		}
		workers.shutdown();
		try {
			workers.awaitTermination(10, TimeUnit.MINUTES);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		log.info("Training workload: {} sign-ins in {} s, {} failed", flows, (System.nanoTime() - started) / 1_000_000_000, failed.get());
		return failed.get();
	}

	private static void flow(HttpClient http, URI base, String login, boolean wrongPassword) throws IOException, InterruptedException {
		Map<String, String> cookies = new LinkedHashMap<>();
		HttpResponse<String> page = expect(http, get(base, "/anmelden", cookies), 200, cookies);
		String form = "login=" + enc(login) + "&password=" + enc(wrongPassword ? "falsch" : DemoSchool.PASSWORD) + "&_csrf="
				+ enc(csrfToken(page));
		expect(http, post(base, "/anmelden", cookies, form), 302, cookies);
		if (wrongPassword) {
			return;
		}
		HttpResponse<String> dashboard = expect(http, get(base, "/", cookies), 200, cookies);
		expect(http, get(base, "/konto", cookies), 200, cookies);
		expect(http, get(base, "/css/schulhaus.css", Map.of()), 200, new LinkedHashMap<>());
		expect(http, get(base, "/actuator/health", Map.of()), 200, new LinkedHashMap<>());
		expect(http, post(base, "/abmelden", cookies, "_csrf=" + enc(csrfToken(dashboard))), 302, cookies);
	}

	private static String csrfToken(HttpResponse<String> page) {
		Matcher csrf = CSRF.matcher(page.body());
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on " + page.uri().getPath());
		}
		return csrf.group(1);
	}

	/** Sends the request, checks its status and keeps the cookies it sets, like a browser. */
	private static HttpResponse<String> expect(HttpClient http, HttpRequest request, int status, Map<String, String> cookies)
			throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != status) {
			throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode());
		}
		for (String cookie : response.headers().allValues("Set-Cookie")) {
			String pair = cookie.contains(";") ? cookie.substring(0, cookie.indexOf(';')) : cookie;
			int eq = pair.indexOf('=');
			if (eq > 0) {
				String name = pair.substring(0, eq).strip();
				String value = pair.substring(eq + 1).strip();
				if (value.isEmpty() || cookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
					cookies.remove(name);
				}
				else {
					cookies.put(name, value);
				}
			}
		}
		return response;
	}

	private static HttpRequest get(URI base, String path, Map<String, String> cookies) {
		return withCookies(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)), cookies).build();
	}

	private static HttpRequest post(URI base, String path, Map<String, String> cookies, String form) {
		return withCookies(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)), cookies)
			.build();
	}

	private static HttpRequest.Builder withCookies(HttpRequest.Builder request, Map<String, String> cookies) {
		if (!cookies.isEmpty()) {
			request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; ")));
		}
		return request;
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
