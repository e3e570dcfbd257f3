package de.schulhaus.mail.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * A relay as providers run them, for tests: a self-signed certificate for the name it is given, STARTTLS
 * (required) or TLS from the first byte, AUTH with one user and password; it records what it took.
 */
final class FakeSmarthost implements AutoCloseable {

	static final String USER = "schule@relay.example";
	static final String PASSWORD = "relay-passwort-1";

	/** One message taken: the envelope, the signed-in user and whether the connection was encrypted. */
	record Taken(String from, List<String> to, String user, boolean encrypted, String text) {
	}

	final List<Taken> taken = new CopyOnWriteArrayList<>();
	final List<String> failedLogins = new CopyOnWriteArrayList<>();
	final Path certificatePem;
	private final SMTPServer server;

	/** @param certifiedName the name (or IP address) the certificate is made out to */
	FakeSmarthost(boolean implicitTls, String certifiedName, Path dir) throws Exception {
		KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
		X509Certificate certificate = selfSigned(pair, certifiedName);
		certificatePem = Files.createDirectories(dir).resolve("smarthost-" + System.nanoTime() + ".pem");
		try (Writer writer = Files.newBufferedWriter(certificatePem, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
			pem.writeObject(certificate);
		}
		SSLContext tls = serverContext(pair, certificate);
		SMTPServer.Builder builder = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).insertReceivedHeaders(false)
			.messageHandlerFactory(Recorder::new)
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(this::login)).requireAuth(true);
		if (implicitTls) {
			builder.serverSocketFactory(tls);
		} else {
			builder.enableTLS(true).requireTLS(true).startTlsSocketFactory(socket -> startTls(tls, socket));
		}
		server = builder.build();
		server.start();
	}

	int port() {
		return server.getPortAllocated();
	}

	private void login(String user, String password, MessageContext context) throws LoginFailedException {
		if (!USER.equals(user) || !PASSWORD.equals(password)) {
			failedLogins.add(user);
			throw new LoginFailedException();
		}
	}

	private static SSLSocket startTls(SSLContext tls, Socket socket) throws IOException {
		SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
		upgraded.setUseClientMode(false);
		return upgraded;
	}

	private static X509Certificate selfSigned(KeyPair pair, String name) throws Exception {
		X500Name subject = new X500Name("CN=" + name);
		Instant now = Instant.now();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
				Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject, pair.getPublic());
		int type = name.matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName;
		builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(type, name)));
		return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
	}

	private static SSLContext serverContext(KeyPair pair, X509Certificate certificate) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("relay", pair.getPrivate(), new char[0], new Certificate[] { certificate });
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, new char[0]);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return context;
	}

	@Override
	public void close() {
		server.stop();
	}

	/** One transaction: remembers the envelope and, at DATA, who was signed in over what. */
	private final class Recorder implements MessageHandler {
		private final MessageContext context;
		private String from;
		private final List<String> to = new ArrayList<>();

		Recorder(MessageContext context) {
			this.context = context;
		}

		@Override
		public void from(String from) {
			this.from = from;
		}

		@Override
		public void recipient(String recipient) {
			to.add(recipient);
		}

		@Override
		public String data(InputStream data) throws IOException {
			Session session = (Session) context;
			String user = context.getAuthenticationHandler().map(h -> String.valueOf(h.getIdentity())).orElse(null);
			boolean encrypted = session.isTLSStarted() || session.getSocket() instanceof SSLSocket;
			taken.add(new Taken(from, List.copyOf(to), user, encrypted, new String(data.readAllBytes(), StandardCharsets.UTF_8)));
			return null;
		}

		@Override
		public void done() {
		}
	}
}
