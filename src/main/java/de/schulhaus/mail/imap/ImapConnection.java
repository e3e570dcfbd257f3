package de.schulhaus.mail.imap;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.schulhaus.mail.internal.MailTls;

/**
 * One client's connection: its socket and streams, TLS from the start or after STARTTLS, and the loop
 * that reads commands until LOGOUT, the client leaves, or it is idle for 30 minutes (RFC 3501 5.4).
 */
final class ImapConnection implements Runnable {

	static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
	/** Before sign-in a client gets less time (RFC 3501 5.4 asks 30 minutes only of signed-in sessions). */
	static final Duration SIGN_IN_TIMEOUT = Duration.ofMinutes(2);
	private static final Logger log = LoggerFactory.getLogger(ImapConnection.class);

	private final MailTls tls;
	private final ImapServices services;
	private final Executor executor;
	private final boolean implicitTls;
	private final ConnectionLimits limits;
	/** The account whose place this connection holds after sign-in, released when it ends. */
	private UUID signedInAccount;
	private volatile Socket socket;
	private ImapReader reader;
	private ImapWriter writer;
	private boolean secure;
	private volatile ImapSession session;

	ImapConnection(Socket socket, boolean implicitTls, ImapServices services, MailTls tls, Executor executor, ConnectionLimits limits) {
		this.socket = socket;
		this.limits = limits;
		this.implicitTls = implicitTls;
		this.services = services;
		this.tls = tls;
		this.executor = executor;
	}

	@Override
	public void run() {
		try {
			socket.setSoTimeout((int) SIGN_IN_TIMEOUT.toMillis());
			socket.setTcpNoDelay(true);
			if (implicitTls) {
				upgrade();
			} else {
				streams();
			}
			session = new ImapSession(this, services, executor);
			session.greet();
			while (session.next()) {
				// one command after the other
			}
		} catch (SocketTimeoutException idle) {
			try {
				writer.line("* BYE Autologout; idle for too long").flush();
			} catch (IOException | RuntimeException ignored) {
				// gone
			}
		} catch (ClientGoneException | java.io.EOFException gone) {
			// the client went away
		} catch (IOException e) {
			log.debug("IMAP connection ended: {}", e.getMessage());
		} catch (RuntimeException e) {
			log.warn("IMAP connection failed", e);
		} finally {
			if (session != null) {
				session.close();
			}
			if (signedInAccount != null) {
				limits.signOut(signedInAccount);
			}
			shutdown();
		}
	}

	private void streams() throws IOException {
		reader = new ImapReader(new BufferedInputStream(socket.getInputStream(), 16 * 1024), null);
		writer = new ImapWriter(new BufferedOutputStream(socket.getOutputStream(), 32 * 1024));
		reader.continuation(() -> writer.line("+ Ready for literal data").flush());
	}

	/** Wraps the socket in TLS; what the client sent before is dropped with the old buffers (no command injection). */
	void upgrade() throws IOException {
		SSLSocket secured = (SSLSocket) tls.context().getSocketFactory()
			.createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
		secured.setUseClientMode(false);
		secured.setSoTimeout(socket.getSoTimeout());
		secured.startHandshake();
		socket = secured;
		secure = true;
		streams();
	}

	/** Takes the account's place for this session; false when the account has all its sessions open. */
	boolean holdPlaceFor(UUID accountId) {
		if (!limits.trySignIn(accountId)) {
			return false;
		}
		signedInAccount = accountId;
		return true;
	}

	/** A signed-in session may idle for 30 minutes. */
	void signedIn() throws IOException {
		socket.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
	}

	ImapReader reader() {
		return reader;
	}

	ImapWriter writer() {
		return writer;
	}

	boolean secure() {
		return secure;
	}

	/** Plain sign-in without TLS only from this machine (local tools and tests). */
	boolean loopback() {
		return socket.getInetAddress().isLoopbackAddress();
	}

	InetAddress clientAddress() {
		return socket.getInetAddress();
	}

	/** The server stops: a waiting client hears BYE, then the connection closes. */
	void stop() {
		ImapSession current = session;
		if (current != null) {
			current.goodbye();
		}
		shutdown();
	}

	void shutdown() {
		try {
			socket.close();
		} catch (IOException ignored) {
			// closing anyway
		}
	}
}
