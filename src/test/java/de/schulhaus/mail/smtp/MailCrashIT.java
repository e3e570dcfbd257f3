package de.schulhaus.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import de.schulhaus.FreePorts;

/**
 * Acknowledged means durable: the packaged platform (file H2 under target/) takes a message by SMTP and is
 * killed with SIGKILL the moment the client has read the {@code 250} after DATA; after the restart the
 * message is in the mailbox, with its content.
 */
class MailCrashIT {

	private static final String OPERATOR_TOKEN = "crash-test-operator-token-0123456789abcdef";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final Path work = Path.of("target", "mail-crash-" + System.nanoTime()).toAbsolutePath();
	private int port;
	private int smtpPort;

	@Test
	void aMessageAcknowledgedBeforeAKillIsThereAfterTheRestart() throws Exception {
		assumeTrue(Files.isRegularFile(Path.of("target/schulhaus.jar")), "needs the packaged jar");
		port = FreePorts.outsideEphemeralRange();
		smtpPort = FreePorts.outsideEphemeralRange();
		Process server = start("first");
		try {
			String login = teacher();
			try (Socket socket = new Socket("127.0.0.1", smtpPort)) {
				socket.setSoTimeout(30_000);
				BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
				OutputStream out = socket.getOutputStream();
				assertThat(reply(in)).startsWith("220");
				for (String command : List.of("EHLO mx.example.org", "MAIL FROM:<joerg@example.org>", "RCPT TO:<" + login + ">")) {
					out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
					out.flush();
					assertThat(reply(in)).as(command).startsWith("250");
				}
				out.write("DATA\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				assertThat(reply(in)).startsWith("354");
				out.write(("From: joerg@example.org\r\nTo: " + login + "\r\nSubject: Nach dem Absturz\r\n\r\nDas muss bleiben.\r\n.\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				String acknowledged = reply(in);
				// SIGKILL the moment the 250 is read: no QUIT, no orderly shutdown that could still write anything
				if (acknowledged.startsWith("250")) {
					server.destroyForcibly();
				}
				assertThat(acknowledged).startsWith("250 2.0.0");
			}
			assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
		} finally {
			server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}

		Process again = start("second");
		again.destroy();
		if (!again.waitFor(60, TimeUnit.SECONDS)) {
			again.destroyForcibly().waitFor();
		}
		try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + work.resolve("data/db/schulhaus")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")) {
			try (ResultSet found = db.createStatement().executeQuery("select m.blob_id from mail_message m join mail_folder f on f.id = m.folder_id "
					+ "where m.subject = 'Nach dem Absturz' and f.name = 'INBOX'")) {
				assertThat(found.next()).as("the message is in the inbox").isTrue();
				String id = found.getString(1);
				Path content = work.resolve("data/blobs").resolve(id.substring(id.length() - 2)).resolve(id);
				assertThat(Files.readString(content)).contains("Das muss bleiben.");
			}
		}
	}

	private Process start(String name) throws Exception {
		Path log = Files.createDirectories(work).resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
				"-jar", Path.of("target/schulhaus.jar").toAbsolutePath().toString())
			.redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("SCHULHAUS_DATA_DIR", work.resolve("data").toString());
		builder.environment().put("SERVER_PORT", String.valueOf(port));
		builder.environment().put("SCHULHAUS_MAIL_SMTP_PORT", String.valueOf(smtpPort));
		builder.environment().put("SCHULHAUS_MAIL_SUBMISSION_PORT", "0");
		builder.environment().put("SCHULHAUS_MAIL_IMAP_PORT", "0");
		builder.environment().put("SCHULHAUS_MAIL_IMAPS_PORT", "0");
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
			} catch (IOException notYetListening) {
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
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Absturz-Schule\",\"schoolNumber\":\"188002\",\"type\":\"GYMNASIUM\"}")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		String user = http.send(HttpRequest.newBuilder(uri("/api/v1/schools/" + field(school, "id") + "/users"))
			.header("Authorization", "Bearer " + OPERATOR_TOKEN).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"firstName\":\"Kai\",\"lastName\":\"Kabel\",\"role\":\"TEACHER\"}")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		return field(user, "login");
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

	/** One SMTP reply, all its lines. */
	private static String reply(BufferedReader in) throws IOException {
		StringBuilder reply = new StringBuilder();
		String line;
		do {
			line = in.readLine();
			if (line == null) {
				throw new AssertionError("connection closed after: " + reply);
			}
			reply.append(line).append('\n');
		} while (line.length() > 3 && line.charAt(3) == '-');
		return reply.toString();
	}
}
