package de.schulhaus.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.schulhaus.FreePorts;

/**
 * The packaged platform killed with SIGKILL while uploads arrive: after the restart no partial file is
 * visible, every file row has its content, a finished file is still there, and a resumable (tus)
 * upload goes on from what was durably written.
 */
class FilesCrashIT {

	private static final String OPERATOR_TOKEN = "crash-test-operator-token-0123456789abcdef";
	private static final String PASSWORD = "Kompass-Laterne-Quitte-2026";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@TempDir
	Path work;

	private int port;

	@Test
	void aKilledServerLeavesNoPartialFileAndResumesAResumableUpload() throws Exception {
		assumeTrue(Files.isRegularFile(Path.of("target/schulhaus.jar")), "needs the packaged jar");
		port = FreePorts.outsideEphemeralRange();
		Process server = start("first");
		String login;
		byte[] big = new byte[6 * 1024 * 1024];
		new Random(7).nextBytes(big);
		String upload;
		try {
			login = teacher();
			assertThat(send("PUT", "/dav/files/" + login + "/fertig.txt", login, "ganz".getBytes()).statusCode()).isEqualTo(201);
			// a WebDAV PUT that announces 6 MiB and sends 2 MiB, and a tus upload that got 3 MiB of its PATCH through
			Socket put = halfSent("PUT /dav/files/" + login + "/halb.bin", login, big.length, Arrays.copyOf(big, 2 * 1024 * 1024), "");
			upload = tusCreate(login, big.length);
			Socket patch = halfSent("PATCH " + URI.create(upload).getPath(), login, big.length,
					Arrays.copyOf(big, 3 * 1024 * 1024), "Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\n");
			Thread.sleep(1500);
			server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			put.close();
			patch.close();
		}
		finally {
			server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}

		Process again = start("second");
		try {
			String listing = new String(send("PROPFIND", "/dav/files/" + login + "/", login, null).body(), StandardCharsets.UTF_8);
			assertThat(listing).contains("fertig.txt").doesNotContain("halb.bin").doesNotContain(".part");
			assertThat(new String(send("GET", "/dav/files/" + login + "/fertig.txt", login, null).body())).isEqualTo("ganz");

			HttpResponse<byte[]> head = http.send(request(URI.create(upload), login).method("HEAD", HttpRequest.BodyPublishers.noBody())
				.header("Tus-Resumable", "1.0.0").build(), HttpResponse.BodyHandlers.ofByteArray());
			long offset = Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
			assertThat(offset).as("never more than was sent").isBetween(0L, 3L * 1024 * 1024);
			HttpResponse<byte[]> rest = http.send(request(URI.create(upload), login).method("PATCH",
					HttpRequest.BodyPublishers.ofByteArray(big, (int) offset, big.length - (int) offset))
				.header("Tus-Resumable", "1.0.0").header("Upload-Offset", String.valueOf(offset))
				.header("Content-Type", "application/offset+octet-stream").build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(rest.statusCode()).isEqualTo(204);
			assertThat(send("GET", "/dav/files/" + login + "/gross.bin", login, null).body()).isEqualTo(big);
		}
		finally {
			again.destroy();
			if (!again.waitFor(60, TimeUnit.SECONDS)) {
				again.destroyForcibly().waitFor();
			}
		}

		// every file row has a blob row, and every blob row its content
		try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + work.resolve("data/db/schulhaus")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")) {
			try (ResultSet orphans = db.createStatement().executeQuery(
					"select count(*) from file_node n where n.kind = 'file' and not exists (select 1 from stored_blob b where b.id = n.blob_id)")) {
				orphans.next();
				assertThat(orphans.getLong(1)).isZero();
			}
			try (ResultSet blobs = db.createStatement().executeQuery("select id from stored_blob")) {
				while (blobs.next()) {
					String id = blobs.getString(1);
					assertThat(work.resolve("data/blobs").resolve(id.substring(id.length() - 2)).resolve(id)).exists();
				}
			}
		}
	}

	private Process start(String name) throws Exception {
		Path log = work.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
				"-jar", Path.of("target/schulhaus.jar").toAbsolutePath().toString())
			.redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("SCHULHAUS_DATA_DIR", work.resolve("data").toString());
		builder.environment().put("SERVER_PORT", String.valueOf(port));
		builder.environment().put("SCHULHAUS_OPERATOR_PASSWORD", "crash-test-password-Quitte-2026");
		builder.environment().put("SCHULHAUS_OPERATOR_TOKEN", OPERATOR_TOKEN);
		builder.environment().remove("SCHULHAUS_DB_URL");
		builder.environment().remove("SCHULHAUS_BLOBS");
		Process process = builder.start();
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new AssertionError("the platform stopped:\n" + Files.readString(log));
			}
			try {
				HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return process;
				}
			}
			catch (IOException notYetListening) {
				// the port opens at the end of the start
			}
			Thread.sleep(200);
		}
		process.destroyForcibly();
		throw new AssertionError("not healthy:\n" + Files.readString(log));
	}

	private String teacher() throws Exception {
		String school = http.send(HttpRequest.newBuilder(uri("/api/v1/schools")).header("Authorization", "Bearer " + OPERATOR_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Absturz-Schule\",\"schoolNumber\":\"188001\",\"type\":\"GYMNASIUM\"}")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		String id = field(school, "id");
		String user = http.send(HttpRequest.newBuilder(uri("/api/v1/schools/" + id + "/users")).header("Authorization", "Bearer " + OPERATOR_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"firstName\":\"Kai\",\"lastName\":\"Kabel\",\"role\":\"TEACHER\",\"password\":\"" + PASSWORD + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString()).body();
		return field(user, "login");
	}

	private String tusCreate(String login, long length) throws Exception {
		String metadata = "filename " + Base64.getEncoder().encodeToString("gross.bin".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> created = http.send(request(uri("/api/files/uploads"), login).POST(HttpRequest.BodyPublishers.noBody())
			.header("Tus-Resumable", "1.0.0").header("Upload-Length", String.valueOf(length)).header("Upload-Metadata", metadata).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return uri("/").resolve(created.headers().firstValue("Location").orElseThrow()).toString();
	}

	/** A request that announces {@code length} bytes and sends only {@code sent}, left open. */
	private Socket halfSent(String requestLine, String login, long length, byte[] sent, String headers) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		OutputStream out = socket.getOutputStream();
		out.write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + basic(login) + "\r\n" + headers
				+ "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.write(sent);
		out.flush();
		return socket;
	}

	private HttpResponse<byte[]> send(String method, String path, String login, byte[] body) throws Exception {
		HttpRequest.Builder builder = request(uri(path), login).method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		if ("PROPFIND".equals(method)) {
			builder.header("Depth", "1");
		}
		return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpRequest.Builder request(URI uri, String login) {
		return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Authorization", basic(login));
	}

	private static String basic(String login) {
		return "Basic " + Base64.getEncoder().encodeToString((login + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
		if (!m.find()) {
			throw new AssertionError("no " + name + " in " + json);
		}
		return m.group(1);
	}
}
