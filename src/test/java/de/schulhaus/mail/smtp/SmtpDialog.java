package de.schulhaus.mail.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A plain SMTP client on a socket, as a test needs one: every reply as the server wrote it. */
final class SmtpDialog implements AutoCloseable {

	private Socket socket;
	private BufferedReader in;
	private OutputStream out;
	final String greeting;

	SmtpDialog(int port) throws IOException {
		socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout(20_000);
		streams();
		greeting = reply();
	}

	private void streams() throws IOException {
		in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		out = socket.getOutputStream();
	}

	/** Sends one command line and answers the whole reply (all lines of a multi-line reply, joined by newlines). */
	String send(String line) throws IOException {
		write(line + "\r\n");
		return reply();
	}

	void write(String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	void write(byte[] bytes) throws IOException {
		out.write(bytes);
		out.flush();
	}

	String reply() throws IOException {
		StringBuilder reply = new StringBuilder();
		String line;
		do {
			line = in.readLine();
			if (line == null) {
				return reply.isEmpty() ? null : reply.toString();
			}
			reply.append(reply.isEmpty() ? "" : "\n").append(line);
		} while (line.length() > 3 && line.charAt(3) == '-');
		return reply.toString();
	}

	/** STARTTLS, trusting the server's self-signed certificate, then EHLO again. */
	String startTls() throws Exception {
		String ready = send("STARTTLS");
		if (!ready.startsWith("220")) {
			throw new IllegalStateException(ready);
		}
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { new X509TrustManager() {
			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}
		} }, new SecureRandom());
		SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
		tls.startHandshake();
		socket = tls;
		streams();
		return send("EHLO client.example.org");
	}

	String authPlain(String login, String secret) throws IOException {
		return send("AUTH PLAIN " + Base64.getEncoder().encodeToString(("\0" + login + "\0" + secret).getBytes(StandardCharsets.UTF_8)));
	}

	String authLogin(String login, String secret) throws IOException {
		String first = send("AUTH LOGIN");
		if (!first.startsWith("334")) {
			return first;
		}
		String second = send(Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
		if (!second.startsWith("334")) {
			return second;
		}
		return send(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
	}

	/** DATA, the message (dot-stuffed here) and the final dot: answers the reply after the dot, or the refusal of DATA. */
	String data(String message) throws IOException {
		String go = send("DATA");
		if (!go.startsWith("354")) {
			return go;
		}
		write(message.replace("\r\n.", "\r\n..") + (message.endsWith("\r\n") ? "" : "\r\n") + ".\r\n");
		return reply();
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

	static String message(String from, String to, String subject) {
		return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + subject.hashCode() + "." + System.nanoTime()
				+ "@test>\r\nDate: Mon, 30 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
				+ "Hallo,\r\n.eine Zeile mit Punkt\r\nGruß\r\n";
	}
}
