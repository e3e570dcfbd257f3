package de.schulhaus.push.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

import org.junit.jupiter.api.Test;

import de.schulhaus.push.WebPushMessages;

/** RFC 8291's example (appendix A) byte for byte, and what a browser reads of our messages. */
class PushEncryptionTests {

	// RFC 8291, appendix A
	static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
	static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
	static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
	static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
	static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
	static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
	static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
	static final String MESSAGE = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

	@Test
	void theRfcExampleIsReproducedExactly() {
		KeyPair sender = new KeyPair(P256.publicKey(P256.fromBase64Url(AS_PUBLIC)), P256.privateKey(P256.fromBase64Url(AS_PRIVATE)));

		byte[] body = PushEncryption.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8), P256.publicKey(P256.fromBase64Url(UA_PUBLIC)),
				P256.fromBase64Url(AUTH), sender, P256.fromBase64Url(SALT));

		assertThat(P256.base64Url(body)).isEqualTo(MESSAGE);
	}

	@Test
	void theBrowserDecryptsTheRfcExampleAndOurOwnMessages() {
		byte[] uaPrivate = P256.fromBase64Url(UA_PRIVATE);
		byte[] auth = P256.fromBase64Url(AUTH);
		assertThat(new String(WebPushMessages.decrypt(P256.fromBase64Url(MESSAGE), uaPrivate, auth), StandardCharsets.UTF_8))
			.isEqualTo(PLAINTEXT);

		KeyPair browser = P256.generate();
		byte[] secret = new byte[16];
		new java.security.SecureRandom().nextBytes(secret);
		byte[] body = PushEncryption.encrypt("Einladung: Elternabend".getBytes(StandardCharsets.UTF_8), (ECPublicKey) browser.getPublic(), secret);
		assertThat(body).hasSize(86 + "Einladung: Elternabend".getBytes(StandardCharsets.UTF_8).length + 1 + 16);
		assertThat(new String(WebPushMessages.decrypt(body, P256.raw((ECPrivateKey) browser.getPrivate()), secret), StandardCharsets.UTF_8))
			.isEqualTo("Einladung: Elternabend");
		// a fresh key and salt each time: the same text never looks the same twice
		assertThat(PushEncryption.encrypt(new byte[] { 1 }, (ECPublicKey) browser.getPublic(), secret))
			.isNotEqualTo(PushEncryption.encrypt(new byte[] { 1 }, (ECPublicKey) browser.getPublic(), secret));
	}

	@Test
	void keysOffTheCurveAndMessagesTooLongForOneRecordAreRefused() {
		byte[] off = P256.fromBase64Url(UA_PUBLIC);
		off[64] ^= 1;
		assertThatThrownBy(() -> P256.publicKey(off)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> P256.publicKey(new byte[33])).isInstanceOf(IllegalArgumentException.class);
		KeyPair browser = P256.generate();
		assertThatThrownBy(() -> PushEncryption.encrypt(new byte[PushEncryption.MAX_PLAINTEXT + 1], (ECPublicKey) browser.getPublic(), new byte[16]))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(PushEncryption.encrypt(new byte[PushEncryption.MAX_PLAINTEXT], (ECPublicKey) browser.getPublic(), new byte[16]))
			.hasSize(PushEncryption.RECORD_SIZE);
	}
}
