package de.schulhaus.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import de.schulhaus.push.internal.P256;

/**
 * The browser's and the push service's side, written from the RFCs for the tests only: decrypts an
 * {@code aes128gcm} message (RFC 8291, 8188) with the subscription's private key and auth secret, and
 * checks a VAPID header (RFC 8292).
 */
public final class WebPushMessages {

	private static final Pattern VAPID = Pattern.compile("vapid t=([A-Za-z0-9_.-]+), k=([A-Za-z0-9_-]+)");

	private WebPushMessages() {
	}

	public static byte[] decrypt(byte[] body, byte[] uaPrivate, byte[] authSecret) {
		try {
			ByteBuffer in = ByteBuffer.wrap(body);
			byte[] salt = new byte[16];
			in.get(salt);
			int recordSize = in.getInt();
			byte[] asPublic = new byte[in.get() & 0xff];
			in.get(asPublic);
			byte[] ciphertext = new byte[in.remaining()];
			in.get(ciphertext);
			if (recordSize != 4096 || ciphertext.length > recordSize) {
				throw new IllegalArgumentException("not one record of 4096");
			}
			KeyPair ua = new KeyPair(publicOf(uaPrivate), P256.privateKey(uaPrivate));
			KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
			ecdh.init(ua.getPrivate());
			ecdh.doPhase(P256.publicKey(asPublic), true);
			byte[] shared = ecdh.generateSecret();
			byte[] ikm = hkdf(authSecret, shared,
					concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), P256.raw((ECPublicKey) ua.getPublic()), asPublic), 32);
			byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
			byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
			Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
			aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
			byte[] padded = aes.doFinal(ciphertext);
			int end = padded.length - 1;
			while (end >= 0 && padded[end] == 0) {
				end--;
			}
			if (end < 0 || padded[end] != 2) {
				throw new IllegalArgumentException("the last record must end with the delimiter 2");
			}
			return Arrays.copyOf(padded, end);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalArgumentException("does not decrypt", e);
		}
	}

	/** What a push service checks: the signature with the key in {@code k=}, and the claims. */
	public static VapidClaims verifyVapid(String authorization) {
		Matcher m = VAPID.matcher(authorization == null ? "" : authorization);
		if (!m.matches()) {
			throw new IllegalArgumentException("no VAPID header: " + authorization);
		}
		String[] parts = m.group(1).split("\\.");
		try {
			Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
			es256.initVerify(P256.publicKey(P256.fromBase64Url(m.group(2))));
			es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			boolean valid = es256.verify(P256.fromBase64Url(parts[2]));
			String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
			String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
			return new VapidClaims(valid, header, claims, m.group(2));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalArgumentException(e);
		}
	}

	/** @param valid whether the ES256 signature verifies with the public key {@code key} */
	public record VapidClaims(boolean valid, String header, String claims, String key) {
	}

	private static ECPublicKey publicOf(byte[] privateKey) throws GeneralSecurityException {
		// Q = d·G, computed by BouncyCastle (already a dependency) since the JDK offers no point multiplication
		var spec = org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec("secp256r1");
		var q = spec.getG().multiply(new java.math.BigInteger(1, privateKey)).normalize();
		return P256.publicKey(q.getEncoded(false));
	}

	private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(salt, "HmacSHA256"));
		byte[] prk = mac.doFinal(ikm);
		mac.init(new SecretKeySpec(prk, "HmacSHA256"));
		return Arrays.copyOf(mac.doFinal(concat(info, new byte[] { 1 })), length);
	}

	private static byte[] concat(byte[]... parts) {
		ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
		for (byte[] part : parts) {
			all.put(part);
		}
		return all.array();
	}
}
