package de.schulhaus.push.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188): a
 * fresh key pair and salt per message, ECDH with the browser's key, HKDF with its auth secret, one
 * record of size 4096. Only the browser that subscribed can read it; the push service sees octets.
 */
public final class PushEncryption {

	public static final int RECORD_SIZE = 4096;
	public static final int AUTH_SECRET_LENGTH = 16;
	/** What fits in one record of a push service that takes 4096 octets of body: header 86, tag 16, delimiter 1. */
	public static final int MAX_PLAINTEXT = RECORD_SIZE - 86 - 16 - 1;
	private static final SecureRandom RANDOM = new SecureRandom();

	private PushEncryption() {
	}

	/** The request body for a browser with key {@code uaPublic} and secret {@code authSecret}. */
	public static byte[] encrypt(byte[] plaintext, ECPublicKey uaPublic, byte[] authSecret) {
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		return encrypt(plaintext, uaPublic, authSecret, P256.generate(), salt);
	}

	/** With the sender's key pair and the salt given: RFC 8291's example is reproduced with these. */
	static byte[] encrypt(byte[] plaintext, ECPublicKey uaPublic, byte[] authSecret, KeyPair asKeys, byte[] salt) {
		if (plaintext.length > MAX_PLAINTEXT) {
			throw new IllegalArgumentException("a push message holds at most " + MAX_PLAINTEXT + " octets");
		}
		if (authSecret.length != AUTH_SECRET_LENGTH || salt.length != 16) {
			throw new IllegalArgumentException("auth secret and salt have 16 octets");
		}
		try {
			byte[] asPublic = P256.raw((ECPublicKey) asKeys.getPublic());
			KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
			agreement.init(asKeys.getPrivate());
			agreement.doPhase(uaPublic, true);
			byte[] ecdhSecret = agreement.generateSecret();

			// HKDF (RFC 5869) with one block of output each: extract is an HMAC, expand one HMAC of info || 0x01
			byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), P256.raw(uaPublic), asPublic);
			byte[] ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
			byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
			byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
			// the last (and only) record ends with the delimiter 0x02 and no padding
			byte[] ciphertext = cipher.doFinal(concat(plaintext, new byte[] { 2 }));

			return ByteBuffer.allocate(16 + 4 + 1 + asPublic.length + ciphertext.length)
				.put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic).put(ciphertext).array();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Web Push encryption failed", e);
		}
	}

	static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
		byte[] prk = hmac(salt, ikm);
		return Arrays.copyOf(hmac(prk, concat(info, new byte[] { 1 })), length);
	}

	private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return mac.doFinal(data);
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		ByteBuffer all = ByteBuffer.allocate(length);
		for (byte[] part : parts) {
			all.put(part);
		}
		return all.array();
	}
}
