package de.schulhaus.push.internal;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Keys on the curve P-256 as Web Push writes them: a public key as the 65 octets of an uncompressed
 * point ({@code 04 || x || y}), a private key as its 32 octets, both base64url without padding.
 */
public final class P256 {

	public static final int PUBLIC_KEY_LENGTH = 65;
	private static final ECParameterSpec PARAMETERS = parameters();
	// y² = x³ + ax + b over the field of p: a point not on it would leak the private key in ECDH (invalid-curve attack)
	private static final BigInteger P = ((java.security.spec.ECFieldFp) PARAMETERS.getCurve().getField()).getP();
	private static final BigInteger A = PARAMETERS.getCurve().getA();
	private static final BigInteger B = PARAMETERS.getCurve().getB();

	private P256() {
	}

	public static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("P-256 is not available", e);
		}
	}

	/** The uncompressed point; {@link IllegalArgumentException} for anything else or a point off the curve. */
	public static ECPublicKey publicKey(byte[] raw) {
		if (raw == null || raw.length != PUBLIC_KEY_LENGTH || raw[0] != 4) {
			throw new IllegalArgumentException("not an uncompressed P-256 point");
		}
		BigInteger x = new BigInteger(1, Arrays.copyOfRange(raw, 1, 33));
		BigInteger y = new BigInteger(1, Arrays.copyOfRange(raw, 33, 65));
		if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0
				|| !y.multiply(y).subtract(x.pow(3).add(A.multiply(x)).add(B)).mod(P).equals(BigInteger.ZERO)) {
			throw new IllegalArgumentException("not a point on P-256");
		}
		try {
			return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMETERS));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalArgumentException("not a P-256 public key", e);
		}
	}

	public static ECPrivateKey privateKey(byte[] raw) {
		try {
			return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, raw), PARAMETERS));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalArgumentException("not a P-256 private key", e);
		}
	}

	public static byte[] raw(ECPublicKey key) {
		byte[] raw = new byte[PUBLIC_KEY_LENGTH];
		raw[0] = 4;
		unsigned(key.getW().getAffineX(), raw, 1);
		unsigned(key.getW().getAffineY(), raw, 33);
		return raw;
	}

	public static byte[] raw(ECPrivateKey key) {
		byte[] raw = new byte[32];
		unsigned(key.getS(), raw, 0);
		return raw;
	}

	public static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Base64url with or without padding (browsers send either); {@link IllegalArgumentException} if it is none. */
	public static byte[] fromBase64Url(String text) {
		return Base64.getUrlDecoder().decode(text.strip());
	}

	private static void unsigned(BigInteger value, byte[] into, int offset) {
		byte[] bytes = value.toByteArray();
		int length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, into, offset + 32 - length, length);
	}

	private static ECParameterSpec parameters() {
		try {
			AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
			parameters.init(new ECGenParameterSpec("secp256r1"));
			return parameters.getParameterSpec(ECParameterSpec.class);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("P-256 is not available", e);
		}
	}
}
