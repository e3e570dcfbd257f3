package de.schulhaus.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.schulhaus.mail.MailProperties;

/** The smarthost client against relays that require TLS and a sign-in, with the certificate trusted through the setting. */
class SmarthostClientTests {

	private static final Path DIR = Path.of("target", "test-data");
	private static final String MESSAGE = "From: <anna@schule.example>\r\nTo: <eltern@example.com>\r\nSubject: Wandertag\r\n\r\nHallo\r\n";

	@Test
	void startTlsWithTheRightPasswordDeliversSignedInAndEncrypted() throws Exception {
		try (FakeSmarthost relay = new FakeSmarthost(false, "127.0.0.1", DIR)) {
			Map<String, SmarthostReply> replies = send(relay, "starttls", FakeSmarthost.PASSWORD, relay.certificatePem);

			assertThat(replies.get("eltern@example.com").code()).isEqualTo(250);
			assertThat(relay.taken).singleElement().satisfies(taken -> {
				assertThat(taken.user()).isEqualTo(FakeSmarthost.USER);
				assertThat(taken.encrypted()).isTrue();
				assertThat(taken.from()).isEqualTo("anna@schule.example");
				assertThat(taken.to()).containsExactly("eltern@example.com");
				assertThat(taken.text()).contains("Subject: Wandertag", "Hallo");
			});
		}
	}

	@Test
	void aWrongPasswordDefersTheMailWithTheRelaysAnswerAndSendsNothing() throws Exception {
		try (FakeSmarthost relay = new FakeSmarthost(false, "127.0.0.1", DIR)) {
			SmarthostReply reply = send(relay, "starttls", "altes-passwort", relay.certificatePem).get("eltern@example.com");

			// as Postfix does (smtp_sasl_auth_soft_bounce): the operator fixes the password, the mail waits meanwhile
			assertThat(reply.permanent()).isFalse();
			assertThat(reply.positive()).isFalse();
			assertThat(reply.line()).startsWith("451 4.4.1 smarthost refused the sign-in: 535");
			assertThat(relay.failedLogins).containsExactly(FakeSmarthost.USER);
			assertThat(relay.taken).isEmpty();
		}
	}

	@Test
	void implicitTlsDelivers() throws Exception {
		try (FakeSmarthost relay = new FakeSmarthost(true, "127.0.0.1", DIR)) {
			Map<String, SmarthostReply> replies = send(relay, "implicit", FakeSmarthost.PASSWORD, relay.certificatePem);

			assertThat(replies.get("eltern@example.com").code()).isEqualTo(250);
			assertThat(relay.taken).singleElement().satisfies(taken -> {
				assertThat(taken.user()).isEqualTo(FakeSmarthost.USER);
				assertThat(taken.encrypted()).isTrue();
			});
		}
	}

	@Test
	void aCertificateNotTrustedIsRefusedAndTheMailWaits() throws Exception {
		try (FakeSmarthost relay = new FakeSmarthost(false, "127.0.0.1", DIR)) {
			SmarthostReply reply = send(relay, "starttls", FakeSmarthost.PASSWORD, null).get("eltern@example.com");

			assertThat(reply.code()).isEqualTo(451);
			assertThat(relay.taken).isEmpty();
		}
	}

	@Test
	void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
		try (FakeSmarthost relay = new FakeSmarthost(true, "relay.other.example", DIR)) {
			SmarthostReply reply = send(relay, "implicit", FakeSmarthost.PASSWORD, relay.certificatePem).get("eltern@example.com");

			assertThat(reply.code()).isEqualTo(451);
			assertThat(relay.taken).isEmpty();
		}
	}

	private static Map<String, SmarthostReply> send(FakeSmarthost relay, String tls, String password, Path trusted) {
		MailProperties.Smarthost settings = new MailProperties.Smarthost("127.0.0.1", relay.port(), tls, FakeSmarthost.USER, password, trusted);
		SmarthostClient client = new SmarthostClient(settings, "schulhaus.test", SmarthostTrust.context(settings.trustCertificate()));
		byte[] message = MESSAGE.getBytes(StandardCharsets.UTF_8);
		return client.send("anna@schule.example", List.of("eltern@example.com"), new ByteArrayInputStream(message), message.length);
	}
}
