package de.schulhaus.accounts.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.secret.DefaultSecretGenerator;

/**
 * TOTP (RFC 6238, SHA-1, 6 digits, 30 s) as every authenticator app speaks it. Answers the time step
 * a code belongs to, so that the caller can accept each step once only (RFC 6238 §5.2).
 */
@Component
public class TotpCodes {

	static final int PERIOD_SECONDS = 30;

	private final DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
	private final Clock clock;

	TotpCodes() {
		this(Clock.systemUTC());
	}

	TotpCodes(Clock clock) {
		this.clock = clock;
	}

	public String newSecret() {
		return new DefaultSecretGenerator(32).generate();
	}

	/** The time step (now, or one before or after for clock drift) whose code this is. */
	public OptionalLong matchingStep(String secret, String code) {
		if (secret == null || code == null) {
			return OptionalLong.empty();
		}
		String digits = code.replaceAll("\\s", "");
		if (!digits.matches("\\d{6}")) {
			return OptionalLong.empty();
		}
		long now = Math.floorDiv(clock.millis() / 1000, PERIOD_SECONDS);
		for (long step = now - 1; step <= now + 1; step++) {
			try {
				String expected = generator.generate(secret, step);
				if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), digits.getBytes(StandardCharsets.US_ASCII))) {
					return OptionalLong.of(step);
				}
			}
			catch (CodeGenerationException e) {
				return OptionalLong.empty();
			}
		}
		return OptionalLong.empty();
	}

	/** otpauth URI for the QR code. */
	public String uri(String secret, String login) {
		String label = URLEncoder.encode("Schulhaus:" + login, StandardCharsets.UTF_8).replace("+", "%20");
		return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Schulhaus&algorithm=SHA1&digits=6&period=30";
	}
}
