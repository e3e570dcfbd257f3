package de.schulhaus.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts small secrets that must be read back (TOTP secrets, a roster ZIP's password) with
 * AES-256-GCM under a key that is not in the database: {@code SCHULHAUS_SECRET_KEY}, or in embedded
 * mode a key file created at first start in the data folder. A stolen database dump alone reveals
 * none of them. Each value is bound to a context (say {@code totp:<account id>}), so a sealed value
 * copied into another row does not open there.
 */
@Component
public class SecretBox {

	private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
	private static final String PREFIX = "v1:";
	private static final int IV_BYTES = 12;
	private static final int TAG_BITS = 128;
	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	SecretBox(PlatformProperties platform) {
		this.key = new SecretKeySpec(keyBytes(platform), "AES");
	}

	/** Encrypts {@code plaintext} for {@code context}; the result is ASCII, at most 4/3 × (length + 28) + 3 chars. */
	public String seal(String plaintext, String context) {
		try {
			byte[] iv = new byte[IV_BYTES];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is not available", e);
		}
	}

	/**
	 * Decrypts a value sealed for {@code context}.
	 *
	 * @throws TamperedSecretException if it was sealed with another key or context, or changed
	 */
	public String open(String sealed, String context) {
		if (!isSealed(sealed)) {
			throw new TamperedSecretException("not a sealed value");
		}
		try {
			byte[] raw = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
			if (raw.length < IV_BYTES + TAG_BITS / 8) {
				throw new TamperedSecretException("too short");
			}
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (AEADBadTagException | IllegalArgumentException e) {
			throw new TamperedSecretException("does not open with this key and context");
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is not available", e);
		}
	}

	/** Whether a stored value is sealed (older rows may still hold plain text until they are migrated). */
	public static boolean isSealed(String value) {
		return value != null && value.startsWith(PREFIX);
	}

	/**
	 * The key: {@code SCHULHAUS_SECRET_KEY} (any string of at least 32 characters, e.g. {@code openssl
	 * rand -base64 32}; SHA-256 turns it into the AES key), else the key file in the data folder,
	 * created on first start. Production mode never gets here without the variable (ProductionModeGuard).
	 */
	private static byte[] keyBytes(PlatformProperties platform) {
		String configured = platform.secretKey();
		if (configured != null && !configured.isBlank()) {
			if (configured.strip().length() < 32) {
				throw new IllegalStateException("SCHULHAUS_SECRET_KEY must have at least 32 characters (openssl rand -base64 32).");
			}
			return sha256(configured.strip());
		}
		Path file = platform.dataDir().resolve("secret.key");
		try {
			if (!Files.exists(file)) {
				createKeyFile(file);
			}
			String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
			return sha256(stored);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read or create the key file " + file.toAbsolutePath(), e);
		}
	}

	private static void createKeyFile(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		byte[] raw = new byte[32];
		RANDOM.nextBytes(raw);
		Path temp = file.resolveSibling("secret.key.part");
		Files.deleteIfExists(temp);
		Files.writeString(temp, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE, StandardOpenOption.SYNC);
		try {
			Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException e) {
			// not a POSIX file system (Windows): the folder's own permissions protect it
		}
		try {
			// never replace a key another node or start created meanwhile: that would lose every secret
			Files.createLink(file, temp);
		}
		catch (FileAlreadyExistsException e) {
			// someone else won; use theirs
		}
		catch (UnsupportedOperationException | IOException e) {
			if (!Files.exists(file)) {
				Files.move(temp, file);
			}
		}
		Files.deleteIfExists(temp);
		log.warn("Created the secret key file {}: back it up with the database, without it TOTP secrets cannot be read.",
				file.toAbsolutePath());
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A sealed value that does not open: wrong key, wrong context, or changed in the database. */
	public static class TamperedSecretException extends RuntimeException {

		TamperedSecretException(String message) {
			super(message);
		}
	}
}
