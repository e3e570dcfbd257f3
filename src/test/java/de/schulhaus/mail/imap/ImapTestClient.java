package de.schulhaus.mail.imap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A raw IMAP client for tests: sends lines, reads answers up to the tagged one, literals included. */
final class ImapTestClient implements AutoCloseable {

	private Socket socket;
	private InputStream in;
	private OutputStream out;
	private int tags;
	final String greeting;

	ImapTestClient(int port) throws IOException {
		socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout(10_000);
		streams();
		greeting = line();
	}

	private void streams() throws IOException {
		in = new BufferedInputStream(socket.getInputStream());
		out = socket.getOutputStream();
	}

	void startTls(SSLContext context) throws IOException {
		String answer = command("STARTTLS");
		if (!answer.contains(" OK ")) {
			throw new IllegalStateException(answer);
		}
		SSLSocket secured = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
		secured.startHandshake();
		socket = secured;
		streams();
	}

	/** Sends a command with a fresh tag and answers everything up to and including the tagged line. */
	String command(String command) throws IOException {
		String tag = "a" + (++tags);
		send(tag + " " + command);
		return until(tag);
	}

	void send(String line) throws IOException {
		out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	void sendBytes(byte[] bytes) throws IOException {
		out.write(bytes);
		out.flush();
	}

	String lastTag() {
		return "a" + tags;
	}

	String nextTag() {
		return "a" + (++tags);
	}

	String until(String tag) throws IOException {
		StringBuilder all = new StringBuilder();
		while (true) {
			String line = line();
			all.append(line).append("\n");
			if (line.startsWith(tag + " ")) {
				return all.toString();
			}
		}
	}

	/** One response line with the literals in it. */
	String line() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		while (true) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed after: " + bytes.toString(StandardCharsets.UTF_8));
			}
			if (b == '\n') {
				String text = bytes.toString(StandardCharsets.UTF_8);
				if (text.endsWith("}\r") && text.lastIndexOf('{') >= 0) {
					int size = Integer.parseInt(text.substring(text.lastIndexOf('{') + 1, text.length() - 2));
					byte[] head = bytes.toByteArray();
					bytes.reset();
					bytes.write(head, 0, head.length - 1);
					bytes.write('\n');
					bytes.write(in.readNBytes(size));
					continue;
				}
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			bytes.write(b);
		}
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}
}
