package de.schulhaus.accounts.security;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.SchulhausUser;

/**
 * Sign-in through an external identity provider (OpenID Connect). The provider vouches for the
 * e-mail address; it must be the service address of an active account here, which then becomes
 * the signed-in person exactly as after a password sign-in. Nobody is created on the fly: the
 * roster stays the school's.
 */
@Component
class OidcSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OidcSignIn.class);

	private final AccountUserDetailsService users;
	private final SignInHandlers handlers;

	OidcSignIn(AccountUserDetailsService users, SignInHandlers handlers) {
		this.users = users;
		this.handlers = handlers;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		String login = login(authentication.getPrincipal());
		var user = users.load(login).filter(SchulhausUser::isEnabled);
		if (user.isEmpty()) {
			org.springframework.security.core.context.SecurityContextHolder.clearContext();
			request.getSession().invalidate();
			response.sendRedirect(request.getContextPath() + "/anmelden?unbekannt");
			return;
		}
		user.get().eraseCredentials();
		handlers.establish(user.get(), request, response);
		handlers.completed(user.get(), "oidc");
		response.sendRedirect(request.getContextPath() + handlers.landingPage(request, response));
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		// the provider's answer is the operator's to debug; the person only sees that it failed
		log.warn("Sign-in through the identity provider failed: {}", exception.getMessage());
		response.sendRedirect(request.getContextPath() + "/anmelden?fehler");
	}

	static String login(Object principal) {
		String value = null;
		if (principal instanceof OidcUser oidc) {
			value = oidc.getEmail() != null ? oidc.getEmail() : oidc.getPreferredUsername();
		}
		else if (principal instanceof OAuth2User oauth) {
			value = oauth.getAttribute("email");
		}
		return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
	}
}
