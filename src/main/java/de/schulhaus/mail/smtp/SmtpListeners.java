package de.schulhaus.mail.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageHandlerFactory;
import org.subethamail.smtp.internal.server.RequireAuthCommandWrapper;
import org.subethamail.smtp.internal.server.RequireTLSCommandWrapper;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

import de.schulhaus.mail.MailProperties;

/**
 * The inbound SMTP listener ({@code schulhaus.mail.smtp.port}) and the submission listener
 * ({@code schulhaus.mail.submission.port}) on the configured address, started with the application when
 * {@code schulhaus.mail.enabled} and stopped before it goes down.
 */
@Component
public class SmtpListeners implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SmtpListeners.class);

	private final SmtpServices services;
	private SMTPServer inbound;
	private SMTPServer submission;
	private volatile boolean running;

	SmtpListeners(SmtpServices services) {
		this.services = services;
	}

	/** The port inbound SMTP listens on (the one picked when configured as 0), or -1 when it does not run. */
	public int smtpPort() {
		return inbound == null ? -1 : inbound.getPortAllocated();
	}

	/** The port of submission, or -1 when it does not run. */
	public int submissionPort() {
		return submission == null ? -1 : submission.getPortAllocated();
	}

	@Override
	public synchronized void start() {
		MailProperties mail = services.properties();
		if (mail.enabled()) {
			if (mail.smtp().port() >= 0) {
				inbound = server(mail.smtp().port(), "smtp", session -> new InboundTransaction(services, (Session) session), false);
			}
			if (mail.submission().port() >= 0) {
				submission = server(mail.submission().port(), "submission", session -> new SubmissionTransaction(services, (Session) session),
						true);
			}
		}
		running = true;
	}

	private SMTPServer server(int port, String name, MessageHandlerFactory transactions, boolean submission) {
		MailProperties.Limits limits = services.properties().limits();
		SMTPServer.Builder builder = SMTPServer.port(port)
			.bindAddress(bindAddress())
			.hostName(services.hostName())
			.softwareName("Schulhaus")
			.messageHandlerFactory(transactions)
			.executorService(executor(name))
			.sessionHandler(new ConnectionLimits(limits.maxConnections(), limits.maxConnectionsPerClient()))
			// the library's own limits stay above ours, so the client reads our answers with enhanced codes
			.maxConnections(limits.maxConnections() + 10)
			.maxRecipients(-1)
			.maxMessageSize((int) Math.min(Integer.MAX_VALUE, services.properties().maxMessageSize().toBytes()))
			.connectionTimeoutMs((int) limits.timeout().toMillis())
			.insertReceivedHeaders(false)
			.enableTLS(true)
			.startTlsSocketFactory(this::startTls);
		if (submission) {
			builder.requireTLS(true).requireAuth(true).authenticationHandlerFactory(new SmtpSignIn(services.signIn()));
		}
		SMTPServer server = builder.build();
		server.getCommandHandler().addCommand(new Capabilities());
		server.getCommandHandler().addCommand(new RequireAuthCommandWrapper(new RequireTLSCommandWrapper(new SynchronizedData())));
		server.getCommandHandler().addCommand(new NotOffered("BDAT"));
		server.start();
		log.info("SMTP {} listening on {}:{}", name, services.properties().bindAddress(), server.getPortAllocated());
		return server;
	}

	/** A fresh TLS context for each STARTTLS, so a renewed certificate applies to the next connection. */
	private SSLSocket startTls(Socket socket) throws IOException {
		InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
		SSLSocket tls = (SSLSocket) services.tls().context().getSocketFactory().createSocket(socket, remote.getHostString(), socket.getPort(), true);
		tls.setUseClientMode(false);
		return tls;
	}

	private InetAddress bindAddress() {
		try {
			return InetAddress.getByName(services.properties().bindAddress());
		} catch (UnknownHostException e) {
			throw new IllegalStateException("schulhaus.mail.bind-address " + services.properties().bindAddress() + " is no address here", e);
		}
	}

	private static ExecutorService executor(String name) {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = runnable -> {
			Thread thread = new Thread(runnable, "smtp-" + name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		return Executors.newCachedThreadPool(threads);
	}

	@Override
	public synchronized void stop() {
		List<SMTPServer> servers = new ArrayList<>();
		if (inbound != null) {
			servers.add(inbound);
		}
		if (submission != null) {
			servers.add(submission);
		}
		servers.forEach(SMTPServer::stop);
		inbound = null;
		submission = null;
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
