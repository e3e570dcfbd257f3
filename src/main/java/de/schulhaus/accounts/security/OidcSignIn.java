package de.schulhaus.accounts.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.SchulhausUser;

/**
 * Sign-in through an external identity provider (OpenID Connect), and linking one.
 * <ul>
 * <li>Linking: a signed-in person who has just confirmed their password (and second factor) asks to
 * link a provider ({@link ExternalIdentities#startLinking}); the provider's answer then links its (issuer, subject)
 * to them, once.</li>
 * <li>Sign-in: the provider's (issuer, subject) must be linked to an active account; anything else
 * gets a page that says so. Operator and school admins still give their own second factor.</li>
 * </ul>
 * A provider that says the e-mail address is not verified is refused either way. Nobody is created
 * on the fly: the roster stays the school's.
 */
@Component
class OidcSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OidcSignIn.class);

	private final AccountUserDetailsService users;
	private final SignInHandlers handlers;
	private final ExternalIdentities identities;

	OidcSignIn(AccountUserDetailsService users, SignInHandlers handlers, ExternalIdentities identities) {
		this.users = users;
		this.handlers = handlers;
		this.identities = identities;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		HttpSession session = request.getSession();
		ExternalIdentities.Linking linking = ExternalIdentities.takeLinking(session);
		if (!(authentication.getPrincipal() instanceof OidcUser oidc) || oidc.getIssuer() == null || oidc.getSubject() == null
				|| Boolean.FALSE.equals(oidc.getEmailVerified())) {
			refuse(request, response, "unbestaetigt");
			return;
		}
		String registrationId = authentication instanceof OAuth2AuthenticationToken t ? t.getAuthorizedClientRegistrationId() : "oidc";
		String issuer = oidc.getIssuer().toString();
		if (linking != null) {
			link(linking, registrationId, issuer, oidc.getSubject(), request, response);
			return;
		}
		var user = identities.accountOf(issuer, oidc.getSubject()).flatMap(users::loadById).filter(SchulhausUser::isEnabled);
		if (user.isEmpty()) {
			refuse(request, response, "nicht-verknuepft");
			return;
		}
		SchulhausUser person = user.get();
		person.eraseCredentials();
		if (person.role().requiresTwoFactor() && person.twoFactorEnabled()) {
			handlers.forgetFirstStep(request, response);
			response.sendRedirect(request.getContextPath() + handlers.awaitCode(person.accountId(), "oidc", null, request));
			return;
		}
		handlers.establish(person, request, response);
		handlers.completed(person, "oidc");
		response.sendRedirect(request.getContextPath() + handlers.landingPage(request, response));
	}

	private void link(ExternalIdentities.Linking linking, String registrationId, String issuer, String subject, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		var user = users.loadById(linking.accountId()).filter(SchulhausUser::isEnabled).orElse(null);
		if (user == null) {
			refuse(request, response, "nicht-verknuepft");
			return;
		}
		user.eraseCredentials();
		boolean linked = identities.link(user, registrationId, issuer, subject);
		// back to the person who asked, whoever the provider said it was
		handlers.establish(user, request, response);
		response.sendRedirect(request.getContextPath() + "/konto?anbieter=" + (linked ? "verknuepft" : "vergeben") + "#anbieter");
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String why) throws IOException {
		handlers.forgetFirstStep(request, response);
		request.getSession().invalidate();
		response.sendRedirect(request.getContextPath() + "/anmelden/extern?grund=" + why);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		// the provider's answer is the operator's to debug; the person only sees that it failed
		log.warn("Sign-in through the identity provider failed: {}", exception.getMessage());
		response.sendRedirect(request.getContextPath() + "/anmelden?fehler");
	}
}
