package de.schulhaus.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.schulhaus.mail.MailProperties;
import de.schulhaus.platform.PlatformProperties;

/**
 * A production certificate from PEM files (as an ACME client writes them): served as configured, replaced
 * without a restart when its files change, and a half-written renewal keeps the last good one in service.
 */
class MailTlsTests {

	@TempDir
	Path dir;

	private static MailProperties mail(String host, Path certificate, Path key, Path generated) {
		return new MailProperties(true, host, null, null, null, null, null, null,
				new MailProperties.Tls(certificate, key, generated, Duration.ofSeconds(30)), null, null, null);
	}

	private static PlatformProperties platform(Path dataDir) {
		return new PlatformProperties("embedded", dataDir, "http://localhost:8080", false, null, null, false);
	}

	/** A key pair and certificate for the host, written as PEM files the way the generated one is. */
	private Path[] pemFor(String host) {
		Path generated = dir.resolve("gen-" + host);
		new MailTls(mail(host, null, null, generated), platform(dir));
		return new Path[] { generated.resolve("certificate.pem"), generated.resolve("private-key.pem") };
	}

	private static void replace(Path from, Path to, Instant modified) throws IOException {
		Path temp = to.resolveSibling(to.getFileName() + ".tmp");
		Files.copy(from, temp, StandardCopyOption.REPLACE_EXISTING);
		Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		Files.setLastModifiedTime(to, FileTime.from(modified));
	}

	@Test
	void aConfiguredCertificateIsServedAndARenewalTakesOverWithoutRestart() throws Exception {
		Path[] first = pemFor("mail.schule.example");
		Path[] renewed = pemFor("mx.schule.example");
		Path certificate = dir.resolve("live/fullchain.pem");
		Path key = dir.resolve("live/privkey.pem");
		Files.createDirectories(certificate.getParent());
		Instant start = Instant.parse("2026-12-01T08:00:00Z");
		replace(first[0], certificate, start);
		replace(first[1], key, start);
		MutableClock clock = new MutableClock(start);
		MailTls tls = new MailTls(mail(null, certificate, key, null), platform(dir), clock);

		assertThat(servedName(tls.context())).contains("CN=mail.schule.example");

		// the ACME client renews: new files; within the reload check the old one is still served, after it the new one
		replace(renewed[0], certificate, start.plusSeconds(60));
		replace(renewed[1], key, start.plusSeconds(60));
		clock.now = start.plusSeconds(10);
		assertThat(servedName(tls.context())).contains("CN=mail.schule.example");
		clock.now = start.plusSeconds(45);
		assertThat(servedName(tls.context())).contains("CN=mx.schule.example");

		// a renewal caught half-written: the last good certificate stays in service
		Files.writeString(certificate, "-----BEGIN CERTIFICATE-----\nabgeschnitten", StandardCharsets.US_ASCII);
		Files.setLastModifiedTime(certificate, FileTime.from(start.plusSeconds(120)));
		clock.now = start.plusSeconds(120);
		assertThat(servedName(tls.context())).contains("CN=mx.schule.example");
		assertThat(tls.certificate().getSubjectX500Principal().getName()).contains("CN=mx.schule.example");
	}

	/** The subject of the certificate a TLS client gets from a server with this context. */
	private static String servedName(SSLContext context) throws Exception {
		AtomicReference<X509Certificate> seen = new AtomicReference<>();
		TrustManager recording = new X509TrustManager() {
			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) {
				seen.set(chain[0]);
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}
		};
		SSLContext client = SSLContext.getInstance("TLS");
		client.init(null, new TrustManager[] { recording }, null);
		try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			Thread accept = new Thread(() -> {
				try (SSLSocket socket = (SSLSocket) server.accept()) {
					socket.startHandshake();
					socket.getOutputStream().write('x');
					socket.getOutputStream().flush();
				} catch (IOException ignored) {
					// the client's side decides the test
				}
			});
			accept.start();
			try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(server.getInetAddress(), server.getLocalPort())) {
				socket.startHandshake();
				assertThat(socket.getInputStream().read()).isEqualTo('x');
			}
			accept.join(5000);
		}
		return seen.get().getSubjectX500Principal().getName();
	}

	private static final class MutableClock extends Clock {

		volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}
	}
}
