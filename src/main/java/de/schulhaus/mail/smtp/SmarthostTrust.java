package de.schulhaus.mail.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Whom the smarthost client believes: the JDK's trust store, and where the operator names a PEM file
 * ({@code schulhaus.mail.smarthost.trust-certificate}), its certificates as well, for a relay with its own
 * CA or a self-signed certificate. Checks are never switched off: the host name is checked in either case.
 */
final class SmarthostTrust {

	private SmarthostTrust() {
	}

	/** The TLS context for the smarthost; a PEM file that cannot be read is a configuration error, found at start. */
	static SSLContext context(Path extraCertificates) {
		try {
			if (extraCertificates == null) {
				return SSLContext.getDefault();
			}
			KeyStore anchors = KeyStore.getInstance("PKCS12");
			anchors.load(null, null);
			int n = 0;
			for (X509Certificate jdk : jdkTrustManager().getAcceptedIssuers()) {
				anchors.setCertificateEntry("jdk-" + n++, jdk);
			}
			Collection<? extends Certificate> extra = read(extraCertificates);
			for (Certificate certificate : extra) {
				anchors.setCertificateEntry("extra-" + n++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(anchors);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		} catch (GeneralSecurityException | IOException e) {
			throw new IllegalStateException("schulhaus.mail.smarthost.trust-certificate " + extraCertificates + " cannot be used: " + e.getMessage(), e);
		}
	}

	private static Collection<? extends Certificate> read(Path file) throws IOException, GeneralSecurityException {
		try (InputStream in = Files.newInputStream(file)) {
			Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
			if (certificates.isEmpty()) {
				throw new GeneralSecurityException("no certificate in the file");
			}
			return certificates;
		}
	}

	private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
		TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		jdk.init((KeyStore) null);
		for (TrustManager manager : jdk.getTrustManagers()) {
			if (manager instanceof X509TrustManager x509) {
				return x509;
			}
		}
		throw new GeneralSecurityException("the JDK has no X.509 trust manager");
	}
}
