package de.schulhaus.accounts.security;

import org.springframework.stereotype.Component;

import dev.samstevens.totp.code.CodeVerifier;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.DefaultCodeVerifier;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.time.SystemTimeProvider;

/** TOTP (RFC 6238, SHA-1, 6 digits, 30 s) as every authenticator app speaks it. */
@Component
public class TotpCodes {

	private final CodeVerifier verifier;

	TotpCodes() {
		DefaultCodeVerifier v = new DefaultCodeVerifier(new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6), new SystemTimeProvider());
		v.setAllowedTimePeriodDiscrepancy(1);
		this.verifier = v;
	}

	public String newSecret() {
		return new DefaultSecretGenerator(32).generate();
	}

	public boolean valid(String secret, String code) {
		if (secret == null || code == null) {
			return false;
		}
		String digits = code.replaceAll("\\s", "");
		return digits.matches("\\d{6}") && verifier.isValidCode(secret, digits);
	}

	/** otpauth URI for the QR code. */
	public String uri(String secret, String login) {
		String label = java.net.URLEncoder.encode("Schulhaus:" + login, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
		return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Schulhaus&algorithm=SHA1&digits=6&period=30";
	}
}
