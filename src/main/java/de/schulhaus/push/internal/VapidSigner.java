package de.schulhaus.push.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * VAPID (RFC 8292): tells a push service who sends, so that it can reach the operator and lets only
 * this server push to subscriptions made with its public key. The {@code Authorization} header is
 * {@code vapid t=<JWT>, k=<public key>}; the JWT (ES256) names the push service's origin as audience,
 * expires after 12 hours and gives a contact as subject. One token per origin is reused until an hour
 * before it expires, so a notification to a class costs one signature, not thirty.
 */
public final class VapidSigner {

	static final Duration VALIDITY = Duration.ofHours(12);
	private static final Duration RENEW_BEFORE = Duration.ofHours(1);

	private final KeyPair keys;
	private final String subject;
	private final String publicKey;
	private final Map<String, Token> tokens = new ConcurrentHashMap<>();

	/** @param subject {@code mailto:…} or an {@code https:} address where the push service's operator reaches us */
	public VapidSigner(KeyPair keys, String subject) {
		this.keys = keys;
		this.subject = subject;
		this.publicKey = P256.base64Url(P256.raw((ECPublicKey) keys.getPublic()));
	}

	/** The application server key, as browsers take it in {@code pushManager.subscribe}. */
	public String publicKey() {
		return publicKey;
	}

	public String authorization(URI endpoint, Instant now) {
		String audience = origin(endpoint);
		Token token = tokens.compute(audience, (a, old) -> old != null && old.expires().minus(RENEW_BEFORE).isAfter(now) ? old
				: new Token(jwt(a, now.plus(VALIDITY)), now.plus(VALIDITY)));
		return "vapid t=" + token.jwt() + ", k=" + publicKey;
	}

	/** {@code https://push.example.net} of {@code https://push.example.net:443/send/…}: scheme, host and a port other than the default. */
	static String origin(URI endpoint) {
		int port = endpoint.getPort();
		boolean defaultPort = port == -1 || ("https".equals(endpoint.getScheme()) && port == 443) || ("http".equals(endpoint.getScheme()) && port == 80);
		return endpoint.getScheme() + "://" + endpoint.getHost() + (defaultPort ? "" : ":" + port);
	}

	private String jwt(String audience, Instant expires) {
		String header = P256.base64Url("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));
		String claims = P256.base64Url(("{\"aud\":\"" + json(audience) + "\",\"exp\":" + expires.getEpochSecond() + ",\"sub\":\""
				+ json(subject) + "\"}").getBytes(StandardCharsets.UTF_8));
		String signingInput = header + "." + claims;
		try {
			// JWS wants r || s (64 octets), not the DER sequence the plain algorithm gives
			Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
			es256.initSign(keys.getPrivate());
			es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + P256.base64Url(es256.sign());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("ES256 is not available", e);
		}
	}

	// audience and subject are addresses; quotes and backslashes would still break the JSON
	private static String json(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	private record Token(String jwt, Instant expires) {
	}
}
