package de.schulhaus.mail.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import de.schulhaus.mail.MailProperties;

/**
 * A small SMTP client for the one server mail for outside goes through: plain, STARTTLS or implicit TLS
 * (certificate and host name checked against the JDK's trust store and {@link SmarthostTrust}'s extra certificates),
 * AUTH PLAIN, one answer per recipient.
 * The message streams from the blob store, dot-stuffed on the way.
 */
final class SmarthostClient {

	private static final int CONNECT_TIMEOUT_MS = 30_000;
	private static final int READ_TIMEOUT_MS = 5 * 60_000;

	private final MailProperties.Smarthost smarthost;
	private final String heloName;
	private final SSLContext trust;

	SmarthostClient(MailProperties.Smarthost smarthost, String heloName, SSLContext trust) {
		this.smarthost = smarthost;
		this.heloName = heloName;
		this.trust = trust;
	}

	/** Sends one message; every recipient gets the answer that decided for it. */
	Map<String, SmarthostReply> send(String envelopeFrom, List<String> recipients, InputStream message, long size) {
		Map<String, SmarthostReply> replies = new LinkedHashMap<>();
		try (Socket plain = new Socket()) {
			plain.connect(new InetSocketAddress(smarthost.host(), smarthost.port()), CONNECT_TIMEOUT_MS);
			plain.setSoTimeout(READ_TIMEOUT_MS);
			Connection connection = new Connection("implicit".equals(smarthost.tls()) ? tls(plain) : plain);
			dialog(connection, envelopeFrom, recipients, message, size, replies);
		} catch (IOException e) {
			SmarthostReply failed = SmarthostReply.temporary("smarthost " + smarthost.host() + ": " + e.getMessage());
			recipients.forEach(r -> replies.putIfAbsent(r, failed));
		}
		return replies;
	}

	private void dialog(Connection c, String from, List<String> recipients, InputStream message, long size, Map<String, SmarthostReply> replies)
			throws IOException {
		SmarthostReply reply = c.reply();
		if (reply.code() != 220) {
			recipients.forEach(r -> replies.put(r, reply));
			return;
		}
		List<String> capabilities = c.ehlo(heloName);
		if ("starttls".equals(smarthost.tls())) {
			if (!capabilities.contains("STARTTLS")) {
				recipients.forEach(r -> replies.put(r, SmarthostReply.temporary("smarthost offers no STARTTLS")));
				return;
			}
			SmarthostReply ready = c.command("STARTTLS");
			if (ready.code() != 220) {
				recipients.forEach(r -> replies.put(r, ready));
				return;
			}
			c.upgrade(tls(c.socket));
			capabilities = c.ehlo(heloName);
		}
		if (smarthost.username() != null) {
			String secret = Base64.getEncoder().encodeToString(("\0" + smarthost.username() + "\0" + smarthost.password()).getBytes(StandardCharsets.UTF_8));
			SmarthostReply auth = c.command("AUTH PLAIN " + secret);
			if (auth.code() != 235) {
				// a wrong password is the operator's to fix: the mail waits instead of bouncing
				recipients.forEach(r -> replies.put(r, SmarthostReply.temporary("smarthost refused the sign-in: " + auth.line())));
				return;
			}
		}
		boolean announcesSize = capabilities.stream().anyMatch(line -> line.startsWith("SIZE"));
		SmarthostReply mail = c.command("MAIL FROM:<" + from + ">" + (announcesSize ? " SIZE=" + size : ""));
		if (!mail.positive()) {
			recipients.forEach(r -> replies.put(r, mail));
			return;
		}
		List<String> accepted = new ArrayList<>();
		for (String recipient : recipients) {
			SmarthostReply rcpt = c.command("RCPT TO:<" + recipient + ">");
			replies.put(recipient, rcpt);
			if (rcpt.positive()) {
				accepted.add(recipient);
			}
		}
		if (accepted.isEmpty()) {
			c.command("QUIT");
			return;
		}
		SmarthostReply data = c.command("DATA");
		if (data.code() != 354) {
			accepted.forEach(r -> replies.put(r, data));
			return;
		}
		DotStuffing.copy(message, c.out);
		c.out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
		c.out.flush();
		SmarthostReply done = c.reply();
		accepted.forEach(r -> replies.put(r, done));
		try {
			c.command("QUIT");
		} catch (IOException ignored) {
			// the message is taken; how the server hangs up does not matter
		}
	}

	private SSLSocket tls(Socket socket) throws IOException {
		SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(socket, smarthost.host(), smarthost.port(), true);
		SSLParameters parameters = tls.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		tls.setSSLParameters(parameters);
		tls.setUseClientMode(true);
		tls.startHandshake();
		return tls;
	}

	/** The socket with its reader and writer, replaced after STARTTLS. */
	private static final class Connection {
		private Socket socket;
		private BufferedReader in;
		private OutputStream out;

		Connection(Socket socket) throws IOException {
			upgrade(socket);
		}

		void upgrade(Socket next) throws IOException {
			socket = next;
			in = new BufferedReader(new InputStreamReader(new BufferedInputStream(next.getInputStream()), StandardCharsets.UTF_8));
			out = new BufferedOutputStream(next.getOutputStream(), 64 * 1024);
		}

		SmarthostReply command(String line) throws IOException {
			out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			return reply();
		}

		List<String> ehlo(String name) throws IOException {
			out.write(("EHLO " + name + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			List<String> lines = new ArrayList<>();
			SmarthostReply reply = reply(lines);
			if (reply.code() != 250) {
				command("HELO " + name);
				return List.of();
			}
			return lines.stream().skip(1).map(l -> l.toUpperCase(Locale.ROOT)).toList();
		}

		SmarthostReply reply() throws IOException {
			return reply(new ArrayList<>());
		}

		private SmarthostReply reply(List<String> lines) throws IOException {
			StringBuilder text = new StringBuilder();
			String line;
			do {
				line = in.readLine();
				if (line == null) {
					throw new IOException("connection closed by the smarthost");
				}
				if (line.length() < 3 || !line.substring(0, 3).matches("\\d{3}")) {
					throw new IOException("not an SMTP reply: " + line);
				}
				String rest = line.length() > 4 ? line.substring(4) : "";
				lines.add(rest);
				text.append(text.isEmpty() ? "" : " ").append(rest);
			} while (line.length() > 3 && line.charAt(3) == '-');
			return new SmarthostReply(Integer.parseInt(line.substring(0, 3)), text.toString());
		}
	}
}
