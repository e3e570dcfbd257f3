package de.schulhaus.accounts.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets and their hashes. App passwords, tokens and links carry 160+ random bits, so a
 * fast SHA-256 is safe for them (no dictionary to attack) and keeps protocol clients fast; people's
 * own passwords use argon2id instead.
 */
public final class SecretHashes {

	private static final SecureRandom RANDOM = new SecureRandom();

	private SecretHashes() {
	}

	public static String sha256(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** URL-safe random token with {@code bytes * 8} bits. */
	public static String token(int bytes) {
		byte[] raw = new byte[bytes];
		RANDOM.nextBytes(raw);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
	}

	/** A password that is easy to type from paper: groups of lower-case letters and digits without 0/o/1/l. */
	public static String readablePassword(int groups) {
		String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
		StringBuilder sb = new StringBuilder();
		for (int g = 0; g < groups; g++) {
			if (g > 0) {
				sb.append('-');
			}
			for (int i = 0; i < 4; i++) {
				sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
			}
		}
		return sb.toString();
	}
}
