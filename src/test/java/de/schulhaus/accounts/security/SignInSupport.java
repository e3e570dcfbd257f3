package de.schulhaus.accounts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.platform.SecretBox;
import dev.samstevens.totp.code.DefaultCodeGenerator;

/** Signing in as a browser does, and a second factor whose codes the test can compute. */
final class SignInSupport {

	private final MockMvc mvc;

	SignInSupport(MockMvc mvc) {
		this.mvc = mvc;
	}

	MvcResult signIn(String login, String password, RequestPostProcessor... more) throws Exception {
		var request = post("/anmelden").with(csrf()).param("login", login).param("password", password);
		for (RequestPostProcessor p : more) {
			request = request.with(p);
		}
		return mvc.perform(request).andReturn();
	}

	MvcResult code(Cookie pending, String code) throws Exception {
		return mvc.perform(post("/anmelden/zwei-faktor").with(csrf()).cookie(pending).param("code", code)).andReturn();
	}

	static Cookie session(MvcResult result) {
		Cookie cookie = result.getResponse().getCookie("SCHULHAUS_SESSION");
		assertThat(cookie).as("session cookie").isNotNull();
		return cookie;
	}

	static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	/** Switches TOTP on for the account with this secret, as the set-up page would store it. */
	static String enableTotp(AccountRepository accounts, SecretBox box, UUID accountId) {
		String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PX" + (char) ('A' + Math.floorMod(accountId.hashCode(), 26));
		accounts.updateTotp(accountId, box.seal(secret, "totp:" + accountId), true, null);
		return secret;
	}

	/** The code of the given 30-second step ({@code 0}: now, {@code -1}: the one before). */
	static String totp(String secret, int stepsFromNow) throws Exception {
		return new DefaultCodeGenerator().generate(secret, Math.floorDiv(System.currentTimeMillis() / 1000, 30) + stepsFromNow);
	}
}
