package de.schulhaus.mail;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Mail service settings ({@code schulhaus.mail.*}).
 *
 * @param enabled whether the SMTP and IMAP listeners run on this node (webmail works either way)
 * @param hostname the name this server gives itself in SMTP greetings and in its generated certificate;
 *                 empty: the host of the base URL
 * @param bindAddress the address the listeners bind to ({@code 0.0.0.0} for all)
 * @param smtp inbound SMTP (behind a real MX in production)
 * @param submission SMTP submission for mail apps (STARTTLS and AUTH)
 * @param imap IMAP with STARTTLS
 * @param imaps IMAP over implicit TLS
 * @param maxMessageSize the largest message taken at all (a school may set less per role)
 * @param tls where the certificate comes from
 * @param limits what one SMTP client may take of the listeners
 * @param smarthost where mail for outside goes; without a host it stays queued
 * @param dkim the key mail for outside is signed with
 */
@ConfigurationProperties("schulhaus.mail")
public record MailProperties(boolean enabled, String hostname, String bindAddress, Listener smtp, Listener submission, Listener imap,
		Listener imaps, DataSize maxMessageSize, Tls tls, Limits limits, Smarthost smarthost, Dkim dkim) {

	public MailProperties {
		bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress.strip();
		smtp = smtp == null ? new Listener(2525) : smtp;
		submission = submission == null ? new Listener(1587) : submission;
		imap = imap == null ? new Listener(1143) : imap;
		imaps = imaps == null ? new Listener(1993) : imaps;
		maxMessageSize = maxMessageSize == null ? DataSize.ofMegabytes(25) : maxMessageSize;
		tls = tls == null ? new Tls(null, null, null, null) : tls;
		limits = limits == null ? new Limits(0, 0, 0, null, 0) : limits;
		smarthost = smarthost == null ? new Smarthost(null, 0, null, null, null, null) : smarthost;
		dkim = dkim == null ? new Dkim(null, null) : dkim;
	}

	/** @param port the TCP port; 0 picks a free one (tests), negative switches the listener off */
	public record Listener(int port) {
	}

	/**
	 * @param certificate PEM file with the certificate chain (production; reloaded when it changes, as ACME renews it)
	 * @param privateKey PEM file with its private key
	 * @param generatedDir where the embedded mode keeps its generated self-signed certificate (default {@code <data dir>/mail/tls})
	 * @param reloadCheck how often the PEM files are checked for changes
	 */
	public record Tls(Path certificate, Path privateKey, Path generatedDir, Duration reloadCheck) {

		public Tls {
			// an empty environment variable binds as an empty path: not configured
			certificate = certificate == null || certificate.toString().isBlank() ? null : certificate;
			privateKey = privateKey == null || privateKey.toString().isBlank() ? null : privateKey;
			generatedDir = generatedDir == null || generatedDir.toString().isBlank() ? null : generatedDir;
			reloadCheck = reloadCheck == null ? Duration.ofSeconds(30) : reloadCheck;
		}

		public boolean configured() {
			return certificate != null && privateKey != null;
		}
	}

	/**
	 * @param maxConnections open SMTP connections per listener, beyond them {@code 421 4.7.0}
	 * @param maxConnectionsPerClient open connections from one address
	 * @param maxRecipients recipients of one message, beyond them {@code 452 4.5.3}
	 * @param timeout how long a connection may stay silent
	 * @param recipientsPerHour what one person may send to, over SMTP and webmail together, in an hour (one
	 *                          node's count): a hijacked account sends no spam wave; beyond it {@code 450 4.7.1}
	 */
	public record Limits(int maxConnections, int maxConnectionsPerClient, int maxRecipients, Duration timeout, int recipientsPerHour) {

		public Limits {
			recipientsPerHour = recipientsPerHour <= 0 ? 1000 : recipientsPerHour;
			maxConnections = maxConnections <= 0 ? 200 : maxConnections;
			maxConnectionsPerClient = maxConnectionsPerClient <= 0 ? 50 : maxConnectionsPerClient;
			maxRecipients = maxRecipients <= 0 ? 100 : maxRecipients;
			timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
		}
	}

	/**
	 * The relay that takes mail for outside ({@code SCHULHAUS_MAIL_SMARTHOST_*}).
	 *
	 * @param host empty: no smarthost, mail for outside stays queued
	 * @param port default 587 with STARTTLS, 465 with implicit TLS, else 25
	 * @param tls {@code none}, {@code starttls} or {@code implicit}; certificates are checked against the JDK's trust store
	 * @param username with a password: AUTH PLAIN after TLS
	 * @param trustCertificate PEM file of certificates trusted besides the JDK's (a relay with its own CA or a
	 *                         self-signed certificate); the host name is checked all the same
	 */
	public record Smarthost(String host, int port, String tls, String username, String password, java.nio.file.Path trustCertificate) {

		public Smarthost {
			host = host == null || host.isBlank() ? null : host.strip();
			tls = tls == null || tls.isBlank() ? "starttls" : tls.strip().toLowerCase(java.util.Locale.ROOT);
			if (!java.util.Set.of("none", "starttls", "implicit").contains(tls)) {
				throw new IllegalArgumentException("schulhaus.mail.smarthost.tls is none, starttls or implicit, not " + tls);
			}
			port = port > 0 ? port : switch (tls) {
				case "implicit" -> 465;
				case "starttls" -> 587;
				default -> 25;
			};
			username = username == null || username.isBlank() ? null : username.strip();
			trustCertificate = trustCertificate == null || trustCertificate.toString().isBlank() ? null : trustCertificate;
		}

		public boolean configured() {
			return host != null;
		}

		@Override
		public String toString() {
			// never the password in logs
			return "Smarthost[" + host + ":" + port + ", tls=" + tls + ", user=" + username + "]";
		}
	}

	/**
	 * DKIM signing of mail for outside (RSA, relaxed/relaxed), for the domain of the sender's address; each
	 * school's domain publishes the public key under {@code <selector>._domainkey}.
	 *
	 * @param selector e.g. {@code schulhaus2026}; empty: no signing
	 * @param privateKey PEM file of the RSA private key
	 */
	public record Dkim(String selector, Path privateKey) {

		public Dkim {
			selector = selector == null || selector.isBlank() ? null : selector.strip();
			privateKey = privateKey == null || privateKey.toString().isBlank() ? null : privateKey;
		}

		public boolean configured() {
			return selector != null && privateKey != null;
		}
	}
}
