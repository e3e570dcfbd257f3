import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * It shares the box with the server, so it speaks plain HTTP/1.1 over one kept-alive socket per
 * worker: the JDK's HttpClient cost several milliseconds of CPU per sign-in, time the server lacked.
 * Usage: java SignInStorm.java <baseUrl> <loginsFile> <password> <seconds>
 */
public class SignInStorm {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	public static void main(String[] args) throws Exception {
		URI base = URI.create(args[0]);
		List<String> logins = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).toList();
		String password = args[2];
		int seconds = Integer.parseInt(args[3]);
		ExecutorService workers = Executors.newFixedThreadPool(400);
		ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> new Connection(base));
		ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
		ConcurrentLinkedQueue<Long> signInMs = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Long> flowMs = new ConcurrentLinkedQueue<>();
		// POST latency by the 10-second slice in which the sign-in was offered: shows whether a queue builds up
		List<ConcurrentLinkedQueue<Long>> bySlice = new ArrayList<>();
		for (int s = 0; s <= seconds / 10; s++) {
			bySlice.add(new ConcurrentLinkedQueue<>());
		}
		ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
		AtomicInteger done = new AtomicInteger();
		long intervalNanos = TimeUnit.SECONDS.toNanos(seconds) / logins.size();
		long start = System.nanoTime();
		for (int i = 0; i < logins.size(); i++) {
			String login = logins.get(i);
			int slice = (int) (i * intervalNanos / TimeUnit.SECONDS.toNanos(10));
			clock.schedule(() -> workers.submit(() -> {
				Connection http = connections.get();
				try {
					long t0 = System.nanoTime();
					Response page = http.exchange("GET", "/anmelden", null, null);
					String cookies = page.cookies();
					Matcher csrf = CSRF.matcher(page.body());
					if (page.status() != 200 || cookies.isEmpty() || !csrf.find()) {
						throw new IllegalStateException("sign-in page " + page.status());
					}
					String form = "login=" + enc(login) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
					long t1 = System.nanoTime();
					Response post = http.exchange("POST", "/anmelden", cookies, form);
					long t2 = System.nanoTime();
					String session = post.cookie("SCHULHAUS_SESSION");
					if (post.status() != 302 || !post.location().endsWith("/") || session == null) {
						throw new IllegalStateException("sign-in answered " + post.status() + " " + post.location());
					}
					Response dashboard = http.exchange("GET", "/", "SCHULHAUS_SESSION=" + session, null);
					if (dashboard.status() != 200 || !dashboard.body().contains("Guten Tag")) {
						throw new IllegalStateException("dashboard answered " + dashboard.status());
					}
					signInMs.add((t2 - t1) / 1_000_000);
					bySlice.get(slice).add((t2 - t1) / 1_000_000);
					flowMs.add((System.nanoTime() - t0) / 1_000_000);
				}
				catch (Exception e) {
					http.close();
					errors.add(login + ": " + e);
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
		for (int s = 0; s < bySlice.size(); s++) {
			if (!bySlice.get(s).isEmpty()) {
				System.out.printf("storm.signin_post_ms.offered_%03d-%03ds.p50=%d p99=%d%n", s * 10, s * 10 + 10, pct(bySlice.get(s), 50),
						pct(bySlice.get(s), 99));
			}
		}
		errors.stream().limit(5).forEach(e -> System.out.println("storm.error_sample=" + e));
		System.exit(0);
	}

	record Response(int status, List<String> setCookies, String location, String body) {

		/** The cookies the response set, as a Cookie header value. */
		String cookies() {
			StringBuilder sb = new StringBuilder();
			for (String h : setCookies) {
				if (sb.length() > 0) {
					sb.append("; ");
				}
				int end = h.indexOf(';');
				sb.append(h, 0, end < 0 ? h.length() : end);
			}
			return sb.toString();
		}

		String cookie(String name) {
			for (String h : setCookies) {
				if (h.startsWith(name + "=")) {
					int end = h.indexOf(';');
					return h.substring(name.length() + 1, end < 0 ? h.length() : end);
				}
			}
			return null;
		}
	}

	/** One kept-alive HTTP/1.1 connection: Content-Length and chunked bodies, reconnects when closed. */
	static final class Connection {

		private final URI base;
		private Socket socket;
		private InputStream in;
		private OutputStream out;

		Connection(URI base) {
			this.base = base;
		}

		Response exchange(String method, String path, String cookie, String form) throws IOException {
			boolean reused = socket != null;
			try {
				return send(method, path, cookie, form);
			}
			catch (IOException e) {
				close();
				if (!reused) {
					throw e;
				}
				// the server closed the idle kept-alive connection: once more on a new one
				return send(method, path, cookie, form);
			}
		}

		private Response send(String method, String path, String cookie, String form) throws IOException {
			if (socket == null) {
				socket = new Socket();
				socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
				socket.setSoTimeout(60_000);
				socket.setTcpNoDelay(true);
				in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
				out = socket.getOutputStream();
			}
			byte[] content = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
			StringBuilder request = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
				.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
			if (cookie != null) {
				request.append("Cookie: ").append(cookie).append("\r\n");
			}
			if (form != null) {
				request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(content.length).append("\r\n");
			}
			out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return read();
		}

		private Response read() throws IOException {
			String statusLine = line();
			int status = Integer.parseInt(statusLine.substring(9, 12));
			List<String> cookies = new ArrayList<>();
			String location = "";
			long length = -1;
			boolean chunked = false;
			boolean close = false;
			for (String h = line(); !h.isEmpty(); h = line()) {
				int colon = h.indexOf(':');
				String name = h.substring(0, colon).trim().toLowerCase();
				String value = h.substring(colon + 1).trim();
				switch (name) {
					case "set-cookie" -> cookies.add(value);
					case "location" -> location = value;
					case "content-length" -> length = Long.parseLong(value);
					case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
					case "connection" -> close = value.equalsIgnoreCase("close");
					default -> { }
				}
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			if (chunked) {
				for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
					body.write(in.readNBytes(size));
					line();
				}
				while (!line().isEmpty()) {
					// trailers
				}
			}
			else if (length > 0) {
				body.write(in.readNBytes((int) length));
			}
			if (close) {
				close();
			}
			return new Response(status, cookies, location, body.toString(StandardCharsets.UTF_8));
		}

		private String line() throws IOException {
			StringBuilder sb = new StringBuilder(64);
			for (int c = in.read(); c != '\n'; c = in.read()) {
				if (c < 0) {
					throw new IOException("connection closed");
				}
				if (c != '\r') {
					sb.append((char) c);
				}
			}
			return sb.toString();
		}

		void close() {
			try {
				if (socket != null) {
					socket.close();
				}
			}
			catch (IOException ignored) {
				// closing anyway
			}
			socket = null;
		}
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
