import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The morning sign-in storm: N distinct accounts sign in through the real form (GET the page for
 * the CSRF token, POST the credentials, GET the dashboard), spread evenly over the given seconds.
 * Usage: java SignInStorm.java <baseUrl> <loginsFile> <password> <seconds>
 */
public class SignInStorm {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	private static final Pattern SESSION = Pattern.compile("SCHULHAUS_SESSION=([^;]+)");

	public static void main(String[] args) throws Exception {
		String base = args[0];
		List<String> logins = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).toList();
		String password = args[2];
		int seconds = Integer.parseInt(args[3]);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10))
			.executor(Executors.newFixedThreadPool(8)).build();
		ExecutorService workers = Executors.newFixedThreadPool(400);
		ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
		ConcurrentLinkedQueue<Long> signInMs = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Long> flowMs = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
		AtomicInteger done = new AtomicInteger();
		long intervalNanos = TimeUnit.SECONDS.toNanos(seconds) / logins.size();
		long start = System.nanoTime();
		for (int i = 0; i < logins.size(); i++) {
			String login = logins.get(i);
			clock.schedule(() -> workers.submit(() -> {
				try {
					long t0 = System.nanoTime();
					HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/anmelden")).timeout(Duration.ofSeconds(30)).build(),
							HttpResponse.BodyHandlers.ofString());
					String cookies = cookies(page);
					Matcher csrf = CSRF.matcher(page.body());
					if (page.statusCode() != 200 || cookies.isEmpty() || !csrf.find()) {
						throw new IllegalStateException("sign-in page " + page.statusCode());
					}
					String form = "login=" + enc(login) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
					long t1 = System.nanoTime();
					HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/anmelden")).timeout(Duration.ofSeconds(30))
						.header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
						.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
					long t2 = System.nanoTime();
					String location = post.headers().firstValue("Location").orElse("");
					String signedIn = cookie(post);
					if (post.statusCode() != 302 || !location.endsWith("/") || signedIn == null) {
						throw new IllegalStateException("sign-in answered " + post.statusCode() + " " + location);
					}
					HttpResponse<String> dashboard = http.send(HttpRequest.newBuilder(URI.create(base + "/")).timeout(Duration.ofSeconds(30))
						.header("Cookie", "SCHULHAUS_SESSION=" + signedIn).build(), HttpResponse.BodyHandlers.ofString());
					if (dashboard.statusCode() != 200 || !dashboard.body().contains("Guten Tag")) {
						throw new IllegalStateException("dashboard answered " + dashboard.statusCode());
					}
					signInMs.add((t2 - t1) / 1_000_000);
					flowMs.add((System.nanoTime() - t0) / 1_000_000);
				}
				catch (Exception e) {
					errors.add(login + ": " + e.getMessage());
				}
				finally {
					done.incrementAndGet();
				}
			}), i * intervalNanos, TimeUnit.NANOSECONDS);
		}
		while (done.get() < logins.size()) {
			Thread.sleep(200);
		}
		double took = (System.nanoTime() - start) / 1e9;
		clock.shutdown();
		workers.shutdown();
		System.out.printf("storm.accounts=%d%nstorm.seconds=%.1f%nstorm.errors=%d%n", logins.size(), took, errors.size());
		System.out.printf("storm.signin_post_ms.p50=%d%nstorm.signin_post_ms.p99=%d%nstorm.signin_post_ms.max=%d%n",
				pct(signInMs, 50), pct(signInMs, 99), pct(signInMs, 100));
		System.out.printf("storm.full_flow_ms.p50=%d%nstorm.full_flow_ms.p99=%d%n", pct(flowMs, 50), pct(flowMs, 99));
		errors.stream().limit(5).forEach(e -> System.out.println("storm.error_sample=" + e));
		System.exit(0);
	}

	/** All cookies the page set (CSRF token, maybe a session), as a Cookie header value. */
	private static String cookies(HttpResponse<?> response) {
		StringBuilder sb = new StringBuilder();
		for (String h : response.headers().allValues("Set-Cookie")) {
			if (sb.length() > 0) {
				sb.append("; ");
			}
			sb.append(h, 0, h.indexOf(';') < 0 ? h.length() : h.indexOf(';'));
		}
		return sb.toString();
	}

	private static String cookie(HttpResponse<?> response) {
		for (String h : response.headers().allValues("Set-Cookie")) {
			Matcher m = SESSION.matcher(h);
			if (m.find()) {
				return m.group(1);
			}
		}
		return null;
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static long pct(java.util.Collection<Long> values, int p) {
		if (values.isEmpty()) {
			return -1;
		}
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
	}
}
