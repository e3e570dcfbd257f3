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
 */
@ConfigurationProperties("schulhaus.mail")
public record MailProperties(boolean enabled, String hostname, String bindAddress, Listener smtp, Listener submission, Listener imap,
		Listener imaps, DataSize maxMessageSize, Tls tls) {

	public MailProperties {
		bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress.strip();
		smtp = smtp == null ? new Listener(2525) : smtp;
		submission = submission == null ? new Listener(1587) : submission;
		imap = imap == null ? new Listener(1143) : imap;
		imaps = imaps == null ? new Listener(1993) : imaps;
		maxMessageSize = maxMessageSize == null ? DataSize.ofMegabytes(25) : maxMessageSize;
		tls = tls == null ? new Tls(null, null, null, null) : tls;
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
}
