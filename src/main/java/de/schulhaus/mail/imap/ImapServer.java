package de.schulhaus.mail.imap;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

import de.schulhaus.mail.MailProperties;
import de.schulhaus.mail.internal.MailTls;

/**
 * The IMAP listeners: {@code schulhaus.mail.imap.port} (plain, STARTTLS) and {@code schulhaus.mail.imaps.port}
 * (implicit TLS), on this node only when {@code schulhaus.mail.enabled}. One thread per connection
 * (virtual threads where the JVM has them); connections are limited in all and per client address, signed-in
 * sessions per account.
 */
@Component
public class ImapServer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ImapServer.class);

	private final ImapServices services;
	private final MailTls tls;
	private final ConnectionLimits limits;
	private final SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("imap-");
	private final Set<ImapConnection> connections = ConcurrentHashMap.newKeySet();
	private volatile ServerSocket plain;
	private volatile ServerSocket implicitTls;
	private volatile boolean running;

	ImapServer(ImapServices services, MailTls tls, Environment environment) {
		this.services = services;
		this.tls = tls;
		this.limits = new ConnectionLimits(environment.getProperty("schulhaus.mail.imap-limits.connections", Integer.class, 4000),
				environment.getProperty("schulhaus.mail.imap-limits.per-address", Integer.class, 200),
				environment.getProperty("schulhaus.mail.imap-limits.per-account", Integer.class, 20));
		if (Runtime.version().feature() >= 21) {
			executor.setVirtualThreads(true);
		}
	}

	@Override
	public synchronized void start() {
		MailProperties properties = services.properties();
		if (!properties.enabled() || running) {
			return;
		}
		try {
			if (properties.imap().port() >= 0) {
				plain = listen(properties, properties.imap().port(), false);
			}
			if (properties.imaps().port() >= 0) {
				implicitTls = listen(properties, properties.imaps().port(), true);
			}
		} catch (IOException e) {
			stop();
			throw new IllegalStateException("IMAP cannot listen: " + e.getMessage(), e);
		}
		running = true;
	}

	private ServerSocket listen(MailProperties properties, int port, boolean implicit) throws IOException {
		ServerSocket server = new ServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress(InetAddress.getByName(properties.bindAddress()), port), 100);
		Thread acceptor = new Thread(() -> accept(server, implicit), implicit ? "imaps-accept" : "imap-accept");
		acceptor.setDaemon(true);
		acceptor.start();
		log.info("IMAP{} listening on {}:{}", implicit ? "S" : "", properties.bindAddress(), server.getLocalPort());
		return server;
	}

	private void accept(ServerSocket server, boolean implicit) {
		while (!server.isClosed()) {
			Socket socket;
			try {
				socket = server.accept();
			} catch (IOException e) {
				if (!server.isClosed()) {
					log.warn("IMAP accept failed: {}", e.getMessage());
				}
				continue;
			}
			InetAddress address = socket.getInetAddress();
			if (!limits.tryOpen(address)) {
				refuse(socket);
				continue;
			}
			ImapConnection connection = new ImapConnection(socket, implicit, services, tls, executor, limits);
			connections.add(connection);
			try {
				executor.execute(() -> {
					try {
						connection.run();
					} finally {
						connections.remove(connection);
						limits.close(address);
					}
				});
			} catch (RuntimeException e) {
				connections.remove(connection);
				limits.close(address);
				refuse(socket);
			}
		}
	}

	private static void refuse(Socket socket) {
		try (socket) {
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("* BYE Zu viele Verbindungen / too many connections from your address\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
		} catch (IOException ignored) {
			// the client is gone already
		}
	}

	@Override
	public synchronized void stop() {
		running = false;
		for (ServerSocket server : new ServerSocket[] { plain, implicitTls }) {
			if (server != null) {
				try {
					server.close();
				} catch (IOException ignored) {
					// closing anyway
				}
			}
		}
		plain = null;
		implicitTls = null;
		connections.forEach(ImapConnection::stop);
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** The bound port of the STARTTLS listener (tests run it on port 0), or -1. */
	public int port() {
		ServerSocket server = plain;
		return server == null ? -1 : server.getLocalPort();
	}

	/** The bound port of the implicit-TLS listener, or -1. */
	public int tlsPort() {
		ServerSocket server = implicitTls;
		return server == null ? -1 : server.getLocalPort();
	}

	/** Open connections (for tests and metrics). */
	public int openConnections() {
		return limits.open();
	}
}
