package de.schulhaus.mail.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * DKIM (RFC 6376), rsa-sha256 with relaxed canonicalization of header and body. The body is hashed while
 * it streams from the blob store; only the header is held. The message is read as it will be sent: from
 * after our Return-Path, with bare line feeds taken as line ends.
 */
final class DkimSigner {

	private static final Set<String> SIGNED = Set.of("from", "to", "cc", "subject", "date", "message-id", "reply-to", "in-reply-to",
			"references", "mime-version", "content-type", "content-transfer-encoding");
	private static final int MAX_HEADER = 256 * 1024;

	private final String selector;
	private final PrivateKey key;

	DkimSigner(String selector, PrivateKey key) {
		this.selector = selector;
		this.key = key;
	}

	static DkimSigner load(String selector, Path pem) {
		try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
			JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
			for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
				if (item instanceof PEMKeyPair pair) {
					return new DkimSigner(selector, converter.getKeyPair(pair).getPrivate());
				}
				if (item instanceof PrivateKeyInfo info) {
					return new DkimSigner(selector, converter.getPrivateKey(info));
				}
			}
			throw new IllegalStateException("no private key in " + pem);
		} catch (IOException e) {
			throw new IllegalStateException("DKIM key " + pem + " cannot be read: " + e.getMessage(), e);
		}
	}

	/** The {@code DKIM-Signature} line (with CRLF) to put in front of the message, signed for {@code domain}. */
	byte[] sign(InputStream stored, String domain) throws IOException {
		try (InputStream message = DotStuffing.withoutReturnPath(stored)) {
			List<String> fields = headerFields(message);
			String bodyHash = Base64.getEncoder().encodeToString(bodyHash(message));
			Map<String, String> signed = new LinkedHashMap<>();
			for (String field : fields) {
				String name = field.substring(0, Math.max(0, field.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
				if (SIGNED.contains(name)) {
					// the last instance is the one a verifier takes first for a name listed once
					signed.remove(name);
					signed.put(name, field);
				}
			}
			String value = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + "; t=" + Instant.now().getEpochSecond()
					+ "; h=" + String.join(":", signed.keySet()) + "; bh=" + bodyHash + "; b=";
			StringBuilder data = new StringBuilder();
			signed.values().forEach(field -> data.append(relaxed(field)).append("\r\n"));
			data.append(relaxed("DKIM-Signature: " + value));
			Signature rsa = Signature.getInstance("SHA256withRSA");
			rsa.initSign(key);
			rsa.update(data.toString().getBytes(StandardCharsets.UTF_8));
			return ("DKIM-Signature: " + value + Base64.getEncoder().encodeToString(rsa.sign()) + "\r\n").getBytes(StandardCharsets.UTF_8);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("DKIM signing failed: " + e.getMessage(), e);
		}
	}

	/** The header's fields, each with its folded lines joined by CRLF; the stream is left at the body. */
	private static List<String> headerFields(InputStream in) throws IOException {
		List<String> fields = new ArrayList<>();
		int total = 0;
		for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
			total += line.length();
			if (total > MAX_HEADER) {
				throw new IOException("header too long to sign");
			}
			if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
				fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\r\n" + line);
			} else {
				fields.add(line);
			}
		}
		return fields;
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b = in.read();
		if (b < 0) {
			return null;
		}
		for (; b >= 0 && b != '\n'; b = in.read()) {
			line.write(b);
		}
		byte[] bytes = line.toByteArray();
		int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
		return new String(bytes, 0, length, StandardCharsets.UTF_8);
	}

	/** Relaxed header canonicalization: name in lower case, unfolded, runs of white space as one, none around the colon or at the end. */
	static String relaxed(String field) {
		int colon = field.indexOf(':');
		String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
		String value = field.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").strip();
		return name + ":" + value;
	}

	/** Relaxed body canonicalization, streamed: white space runs as one, none at line ends, no empty lines at the end. */
	private static byte[] bodyHash(InputStream in) throws IOException, GeneralSecurityException {
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int emptyLines = 0;
		boolean inSpace = false;
		byte[] buffer = new byte[64 * 1024];
		for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
			for (int i = 0; i < n; i++) {
				byte b = buffer[i];
				if (b == '\n') {
					if (line.size() == 0) {
						emptyLines++;
					} else {
						for (; emptyLines > 0; emptyLines--) {
							sha.update(new byte[] { '\r', '\n' });
						}
						sha.update(line.toByteArray());
						sha.update(new byte[] { '\r', '\n' });
					}
					line.reset();
					inSpace = false;
				} else if (b == ' ' || b == '\t') {
					inSpace = true;
				} else if (b != '\r') {
					if (inSpace) {
						line.write(' ');
					}
					inSpace = false;
					line.write(b);
				}
			}
		}
		if (line.size() > 0) {
			for (; emptyLines > 0; emptyLines--) {
				sha.update(new byte[] { '\r', '\n' });
			}
			sha.update(line.toByteArray());
			sha.update(new byte[] { '\r', '\n' });
		}
		return sha.digest();
	}
}
