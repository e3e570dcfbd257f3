package de.schulhaus.mail.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import de.schulhaus.mail.MailProperties;
import de.schulhaus.platform.PlatformProperties;

/**
 * The certificate of SMTP and IMAP. Production names PEM files (chain and key), which are read again when
 * they change, so a certificate that ACME renews is taken without a restart; new connections get it, open
 * ones keep theirs. Without them (embedded mode) a self-signed certificate is made at first start for the
 * host of the base URL and kept under the data folder, so a client that was told to trust it once keeps
 * trusting it after restarts.
 */
@Component
public class MailTls {

	private static final Logger log = LoggerFactory.getLogger(MailTls.class);

	private final Path certificate;
	private final Path privateKey;
	private final Duration reloadCheck;
	private final Clock clock;
	private volatile Loaded loaded;

	@org.springframework.beans.factory.annotation.Autowired
	MailTls(MailProperties mail, PlatformProperties platform) {
		this(mail, platform, Clock.systemUTC());
	}

	MailTls(MailProperties mail, PlatformProperties platform, Clock clock) {
		this.clock = clock;
		this.reloadCheck = mail.tls().reloadCheck();
		if (mail.tls().configured()) {
			certificate = mail.tls().certificate();
			privateKey = mail.tls().privateKey();
		} else {
			Path dir = mail.tls().generatedDir() != null ? mail.tls().generatedDir() : platform.dataDir().resolve("mail").resolve("tls");
			certificate = dir.resolve("certificate.pem");
			privateKey = dir.resolve("private-key.pem");
			if (!Files.exists(certificate) || !Files.exists(privateKey)) {
				generate(dir, hostOf(mail, platform));
			}
		}
	}

	/** The TLS context for a new connection: the certificate as its files are now. */
	public SSLContext context() {
		Loaded current = loaded;
		Instant now = clock.instant();
		if (current == null || now.isAfter(current.checkedAt().plus(reloadCheck))) {
			synchronized (this) {
				current = loaded;
				if (current == null || now.isAfter(current.checkedAt().plus(reloadCheck))) {
					current = refresh(current, now);
					loaded = current;
				}
			}
		}
		return current.context();
	}

	/** The certificate served now (its chain's first). */
	public X509Certificate certificate() {
		context();
		return loaded.leaf();
	}

	/** The PEM file of the certificate, for people who want to trust the self-signed one. */
	public Path certificateFile() {
		return certificate;
	}

	private Loaded refresh(Loaded current, Instant now) {
		try {
			FileTime certTime = Files.getLastModifiedTime(certificate);
			FileTime keyTime = Files.getLastModifiedTime(privateKey);
			if (current != null && certTime.equals(current.certificateModified()) && keyTime.equals(current.keyModified())) {
				return new Loaded(current.context(), current.leaf(), certTime, keyTime, now);
			}
			List<X509Certificate> chain = readChain(certificate);
			PrivateKey key = readKey(privateKey);
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			char[] password = new char[0];
			store.setKeyEntry("mail", key, password, chain.toArray(new Certificate[0]));
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(store, password);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			if (current != null) {
				log.info("mail certificate reloaded from {}: {} until {}", certificate, chain.get(0).getSubjectX500Principal(), chain.get(0).getNotAfter());
			}
			return new Loaded(context, chain.get(0), certTime, keyTime, now);
		} catch (IOException | GeneralSecurityException | RuntimeException e) {
			if (current != null) {
				// a half-written renewal must not take mail down: keep serving the last good certificate
				log.warn("mail certificate in {} could not be read, keeping the previous one: {}", certificate, e.toString());
				return new Loaded(current.context(), current.leaf(), current.certificateModified(), current.keyModified(), now);
			}
			throw new IllegalStateException("mail certificate " + certificate + " or key " + privateKey + " cannot be read: " + e.getMessage(), e);
		}
	}

	private static List<X509Certificate> readChain(Path file) throws IOException, GeneralSecurityException {
		List<X509Certificate> chain = new ArrayList<>();
		JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
			for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
				if (item instanceof X509CertificateHolder holder) {
					chain.add(converter.getCertificate(holder));
				}
			}
		}
		if (chain.isEmpty()) {
			throw new GeneralSecurityException("no certificate in " + file);
		}
		return chain;
	}

	private static PrivateKey readKey(Path file) throws IOException {
		JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
			for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
				if (item instanceof PEMKeyPair pair) {
					return converter.getKeyPair(pair).getPrivate();
				}
				if (item instanceof PrivateKeyInfo info) {
					return converter.getPrivateKey(info);
				}
			}
		}
		throw new IOException("no private key in " + file);
	}

	/** The name SMTP greets with and the generated certificate names. */
	public static String hostOf(MailProperties mail, PlatformProperties platform) {
		if (mail.hostname() != null && !mail.hostname().isBlank()) {
			return mail.hostname().strip();
		}
		String host = URI.create(platform.baseUrl()).getHost();
		return host == null || host.isBlank() ? "localhost" : host;
	}

	private static void generate(Path dir, String host) {
		try {
			Files.createDirectories(dir);
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048, new SecureRandom());
			KeyPair pair = generator.generateKeyPair();
			Instant now = Instant.now();
			X500Name name = new X500Name("CN=" + host + ",O=Schulhaus");
			List<GeneralName> names = new ArrayList<>();
			names.add(new GeneralName(host.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName, host));
			if (!host.equals("localhost")) {
				names.add(new GeneralName(GeneralName.dNSName, "localhost"));
			}
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
					Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
			X509Certificate cert = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
			// key first: a crash between the two writes leaves no certificate, so the next start makes both again
			writePem(dir.resolve("private-key.pem"), pair.getPrivate());
			writePem(dir.resolve("certificate.pem"), cert);
			log.info("generated a self-signed mail certificate for {} in {}", host, dir);
		} catch (Exception e) {
			throw new IllegalStateException("cannot generate the mail certificate in " + dir + ": " + e.getMessage(), e);
		}
	}

	private static void writePem(Path file, Object item) throws IOException {
		Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
		try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
			pem.writeObject(item);
		}
		Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	private record Loaded(SSLContext context, X509Certificate leaf, FileTime certificateModified, FileTime keyModified, Instant checkedAt) {
	}
}
