package de.schulhaus.push.internal;

import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.AccountsProperties;
import de.schulhaus.platform.PlatformProperties;
import de.schulhaus.platform.SecretBox;

/**
 * The installation's VAPID key pair, made once at first use and kept in {@code push_vapid_key} with
 * the private key sealed by {@link SecretBox}: every node signs with the same key, and the browsers'
 * subscriptions (made with its public key) stay valid across restarts. Two nodes making it at once
 * both read the row that won.
 */
@Component
public class VapidKeys {

	private static final String CONTEXT = "push:vapid";

	private final JdbcClient jdbc;
	private final SecretBox secrets;
	private final String subject;
	private volatile VapidSigner signer;

	VapidKeys(JdbcClient jdbc, SecretBox secrets, AccountsProperties accounts, PlatformProperties platform) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.subject = subject(accounts.operatorEmail(), platform.baseUrl());
	}

	/**
	 * Whom the push services may write to: the operator's address, unless it is the default that
	 * reaches nobody ({@code *.local}); then the base URL.
	 */
	static String subject(String operatorEmail, String baseUrl) {
		if (operatorEmail != null && operatorEmail.contains("@") && !operatorEmail.endsWith(".local")) {
			return "mailto:" + operatorEmail;
		}
		return URI.create(baseUrl).toString();
	}

	public VapidSigner signer() {
		VapidSigner current = signer;
		if (current == null) {
			synchronized (this) {
				if (signer == null) {
					signer = new VapidSigner(stored().orElseGet(this::create), subject);
				}
				current = signer;
			}
		}
		return current;
	}

	private Optional<KeyPair> stored() {
		return jdbc.sql("select public_key, private_key from push_vapid_key where id = 1")
			.query((rs, n) -> new KeyPair(P256.publicKey(P256.fromBase64Url(rs.getString("public_key"))),
					P256.privateKey(P256.fromBase64Url(secrets.open(rs.getString("private_key"), CONTEXT)))))
			.optional();
	}

	private KeyPair create() {
		KeyPair keys = P256.generate();
		try {
			jdbc.sql("insert into push_vapid_key (id, public_key, private_key, created_at) values (1, :public, :private, :at)")
				.param("public", P256.base64Url(P256.raw((ECPublicKey) keys.getPublic())))
				.param("private", secrets.seal(P256.base64Url(P256.raw((ECPrivateKey) keys.getPrivate())), CONTEXT))
				.param("at", OffsetDateTime.now(ZoneOffset.UTC))
				.update();
			return keys;
		}
		catch (DuplicateKeyException e) {
			return stored().orElseThrow(() -> e);
		}
	}
}
