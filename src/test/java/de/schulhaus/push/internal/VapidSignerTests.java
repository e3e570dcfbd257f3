package de.schulhaus.push.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import de.schulhaus.push.WebPushMessages;

/** The VAPID header as a push service checks it (RFC 8292). */
class VapidSignerTests {

	@Test
	void theTokenIsSignedWithTheServersKeyForThePushServicesOrigin() {
		var keys = P256.generate();
		VapidSigner signer = new VapidSigner(keys, "mailto:betrieb@schule.example");
		Instant now = Instant.parse("2026-12-09T10:00:00Z");

		String header = signer.authorization(URI.create("https://fcm.googleapis.com/fcm/send/abc:def"), now);

		var vapid = WebPushMessages.verifyVapid(header);
		assertThat(vapid.valid()).isTrue();
		assertThat(vapid.key()).isEqualTo(P256.base64Url(P256.raw((ECPublicKey) keys.getPublic()))).isEqualTo(signer.publicKey());
		assertThat(vapid.header()).contains("\"alg\":\"ES256\"").contains("\"typ\":\"JWT\"");
		assertThat(vapid.claims()).contains("\"aud\":\"https://fcm.googleapis.com\"")
			.contains("\"sub\":\"mailto:betrieb@schule.example\"")
			.contains("\"exp\":" + now.plus(VapidSigner.VALIDITY).getEpochSecond());
		assertThat(VapidSigner.VALIDITY).isLessThanOrEqualTo(java.time.Duration.ofHours(24));
	}

	@Test
	void aTamperedTokenOrAnotherKeyDoesNotVerify() {
		VapidSigner signer = new VapidSigner(P256.generate(), "https://schule.example");
		String header = signer.authorization(URI.create("https://updates.push.services.mozilla.com/wpush/v2/x"), Instant.now());
		String otherKey = P256.base64Url(P256.raw((ECPublicKey) P256.generate().getPublic()));

		assertThat(WebPushMessages.verifyVapid(header.replaceAll("k=.*", "k=" + otherKey)).valid()).isFalse();
		assertThat(WebPushMessages.verifyVapid(header).claims()).contains("\"aud\":\"https://updates.push.services.mozilla.com\"");
	}

	@Test
	void oneTokenPerOriginIsReusedUntilShortlyBeforeItExpires() {
		VapidSigner signer = new VapidSigner(P256.generate(), "https://schule.example");
		Instant now = Instant.parse("2026-12-09T10:00:00Z");
		URI a = URI.create("https://push.example.net/a");
		URI b = URI.create("https://push.example.net:443/b");

		String first = signer.authorization(a, now);
		assertThat(signer.authorization(b, now.plusSeconds(600))).isEqualTo(first);
		assertThat(signer.authorization(a, now.plus(VapidSigner.VALIDITY))).isNotEqualTo(first);
		assertThat(VapidSigner.origin(URI.create("http://127.0.0.1:8123/push/x"))).isEqualTo("http://127.0.0.1:8123");
	}

	@Test
	void theSubjectIsTheOperatorsAddressOrTheBaseUrl() {
		assertThat(VapidKeys.subject("betrieb@schule.example", "https://schulhaus.example")).isEqualTo("mailto:betrieb@schule.example");
		assertThat(VapidKeys.subject("operator@schulhaus.local", "https://schulhaus.example")).isEqualTo("https://schulhaus.example");
	}
}
