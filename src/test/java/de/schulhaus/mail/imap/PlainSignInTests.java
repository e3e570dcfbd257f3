package de.schulhaus.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import de.schulhaus.mail.MailProperties;

/** Without TLS a client from another machine cannot send a password: the server says so and does not look at it. */
class PlainSignInTests {

	/** A connection from a remote address, its input given, its output kept. */
	static final class RemoteSocket extends Socket {
		final ByteArrayOutputStream written = new ByteArrayOutputStream();
		private final InputStream input;
		private final InetAddress address;

		RemoteSocket(String input, String address) throws Exception {
			this.input = new ByteArrayInputStream(input.getBytes(StandardCharsets.US_ASCII));
			this.address = InetAddress.getByName(address);
		}

		@Override
		public InputStream getInputStream() {
			return input;
		}

		@Override
		public OutputStream getOutputStream() {
			return written;
		}

		@Override
		public InetAddress getInetAddress() {
			return address;
		}

		@Override
		public void setSoTimeout(int timeout) {
		}

		@Override
		public void setTcpNoDelay(boolean on) {
		}
	}

	private static String converse(String address, String input) throws Exception {
		MailProperties properties = new MailProperties(true, null, null, null, null, null, null, null, null, null, null, null);
		// no sign-in service: reaching it would fail the test
		ImapServices services = new ImapServices(null, null, null, null, null, null, null, null, properties);
		RemoteSocket socket = new RemoteSocket(input, address);
		new ImapConnection(socket, false, services, null, Runnable::run, new ConnectionLimits(10, 10, 10)).run();
		return socket.written.toString(StandardCharsets.US_ASCII);
	}

	@Test
	void aRemoteClientWithoutTlsIsToldToStartTlsFirst() throws Exception {
		String plain = Base64.getEncoder().encodeToString("\0anna\0geheim".getBytes(StandardCharsets.US_ASCII));
		String answer = converse("192.0.2.10", "a1 CAPABILITY\r\na2 LOGIN anna geheim\r\na3 AUTHENTICATE PLAIN " + plain + "\r\na4 LOGOUT\r\n");
		assertThat(answer).contains("* CAPABILITY IMAP4rev1", "STARTTLS LOGINDISABLED").doesNotContain("AUTH=PLAIN");
		assertThat(answer).contains("a2 NO [PRIVACYREQUIRED]", "a3 NO [PRIVACYREQUIRED]", "a4 OK LOGOUT");
	}

	@Test
	void onLoopbackPlainSignInIsOffered() throws Exception {
		String answer = converse("127.0.0.1", "a1 CAPABILITY\r\na2 LOGOUT\r\n");
		assertThat(answer).contains("STARTTLS AUTH=PLAIN").doesNotContain("LOGINDISABLED");
	}
}
