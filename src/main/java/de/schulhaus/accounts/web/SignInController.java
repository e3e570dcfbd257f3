package de.schulhaus.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import de.schulhaus.accounts.SignInLinks;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.accounts.security.SignInHandlers;
import de.schulhaus.accounts.security.SignInThrottle;
import de.schulhaus.accounts.security.TwoFactor;
import de.schulhaus.platform.AuditLog;

/** The sign-in page, the second-factor step and one-time sign-in links. */
@Controller
class SignInController {

	private static final String PENDING = SignInHandlers.PENDING;

	private final TwoFactor twoFactor;
	private final SignInHandlers handlers;
	private final AccountUserDetailsService users;
	private final SignInLinks links;
	private final SignInThrottle throttle;
	private final AuditLog audit;
	private final ObjectProvider<InMemoryClientRegistrationRepository> oidc;

	SignInController(TwoFactor twoFactor, SignInHandlers handlers, AccountUserDetailsService users, SignInLinks links, SignInThrottle throttle, AuditLog audit, ObjectProvider<InMemoryClientRegistrationRepository> oidc) {
		this.twoFactor = twoFactor;
		this.handlers = handlers;
		this.users = users;
		this.links = links;
		this.throttle = throttle;
		this.audit = audit;
		this.oidc = oidc;
	}

	@GetMapping("/anmelden")
	String signIn(Model model) {
		var providers = new java.util.ArrayList<ClientRegistration>();
		oidc.ifAvailable(repo -> repo.forEach(providers::add));
		model.addAttribute("providers", providers);
		return "accounts/sign-in";
	}

	/** Why sign-in through an identity provider did not work: not linked, or the provider did not verify the address. */
	@GetMapping("/anmelden/extern")
	String externalRefused(@RequestParam(defaultValue = "nicht-verknuepft") String grund, Model model,
			HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		model.addAttribute("reason", "unbestaetigt".equals(grund) ? "unverified" : "notLinked");
		return "accounts/sign-in-external";
	}

	@GetMapping("/anmelden/zwei-faktor")
	String codePage(HttpSession session) {
		return pending(session) == null ? "redirect:/anmelden" : "accounts/sign-in-code";
	}

	/**
	 * The second step. Refused without a session for: a person deactivated (or whose school was
	 * suspended) since the first step, an address or second step locked by too many failures, a
	 * code of a time step already used.
	 */
	@PostMapping("/anmelden/zwei-faktor")
	String checkCode(@RequestParam String code, HttpServletRequest request, HttpServletResponse response, Model model) {
		HttpSession session = request.getSession();
		var pending = pending(session);
		if (pending == null) {
			return "redirect:/anmelden";
		}
		var user = users.loadById(pending.accountId()).orElse(null);
		if (user == null || !user.isEnabled() || !user.isAccountNonLocked()) {
			session.removeAttribute(PENDING);
			return "redirect:/anmelden?fehler";
		}
		if (!throttle.allowed(request.getRemoteAddr()) || twoFactor.locked(user.accountId())) {
			session.removeAttribute(PENDING);
			audit.record(user.schoolId(), user.accountId(), user.login(), "sign-in.failed", "totp", "locked");
			return "redirect:/anmelden?gesperrt";
		}
		if (!twoFactor.verify(user.accountId(), code)) {
			throttle.failedAddress(request.getRemoteAddr());
			audit.record(user.schoolId(), user.accountId(), user.login(), "sign-in.failed", "totp", null);
			model.addAttribute("error", true);
			return "accounts/sign-in-code";
		}
		session.removeAttribute(PENDING);
		throttle.succeeded(user);
		user.eraseCredentials();
		handlers.establish(user, request, response);
		handlers.completed(user, pending.method() + "+totp");
		return "redirect:" + (pending.then() != null ? pending.then() : handlers.landingPage(request, response));
	}

	/** Shows whose link it is; only the POST uses it up, so mail scanners that open links do no harm. */
	@GetMapping("/anmelden/link/{token}")
	String link(@PathVariable String token, Model model) {
		var account = links.peek(token);
		if (account.isEmpty()) {
			return "accounts/sign-in-link-invalid";
		}
		model.addAttribute("name", account.get().displayName());
		model.addAttribute("login", account.get().login());
		model.addAttribute("token", token);
		return "accounts/sign-in-link";
	}

	@PostMapping("/anmelden/link/{token}")
	String redeem(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
		var account = links.redeem(token);
		if (account.isEmpty()) {
			return "accounts/sign-in-link-invalid";
		}
		var user = users.toUser(account.get());
		if (!user.isEnabled()) {
			return "accounts/sign-in-link-invalid";
		}
		if (user.twoFactorEnabled()) {
			return "redirect:" + handlers.awaitCode(user.accountId(), "link", "/konto/passwort?neu", request);
		}
		user.eraseCredentials();
		handlers.establish(user, request, response);
		handlers.completed(user, "link");
		return "redirect:/konto/passwort?neu";
	}

	private static SignInHandlers.PendingSignIn pending(HttpSession session) {
		return session.getAttribute(PENDING) instanceof SignInHandlers.PendingSignIn p && !p.expired() ? p : null;
	}
}
