package de.schulhaus.accounts.web;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.ExternalIdentities;
import de.schulhaus.accounts.security.Reauthentication;
import de.schulhaus.accounts.security.TwoFactor;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * What a person makes that outlives their session: app passwords, API tokens, linked identity
 * providers, new recovery codes. Each is made only within five minutes after confirming password
 * and second factor again ({@code /konto/bestaetigen}).
 */
@Controller
class CredentialsController {

	private final ClientCredentials credentials;
	private final Reauthentication reauthentication;
	private final ExternalIdentities identities;
	private final TwoFactor twoFactor;
	private final ObjectProvider<InMemoryClientRegistrationRepository> oidc;

	CredentialsController(ClientCredentials credentials, Reauthentication reauthentication, ExternalIdentities identities,
			TwoFactor twoFactor, ObjectProvider<InMemoryClientRegistrationRepository> oidc) {
		this.credentials = credentials;
		this.reauthentication = reauthentication;
		this.identities = identities;
		this.twoFactor = twoFactor;
		this.oidc = oidc;
	}

	@GetMapping("/konto/bestaetigen")
	String confirmPage(@RequestParam(defaultValue = "/konto") String weiter, Model model) {
		model.addAttribute("next", LocalPaths.pathOf(weiter, "/konto"));
		return "accounts/confirm";
	}

	@PostMapping("/konto/bestaetigen")
	String confirm(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String password,
			@RequestParam(required = false) String code, @RequestParam(defaultValue = "/konto") String weiter, HttpServletRequest request,
			Model model) {
		var outcome = reauthentication.confirm(user, password, code, request.getRemoteAddr(), request.getSession());
		if (outcome == Reauthentication.Outcome.CONFIRMED) {
			return "redirect:" + LocalPaths.pathOf(weiter, "/konto");
		}
		model.addAttribute("next", LocalPaths.pathOf(weiter, "/konto"));
		model.addAttribute("error", "accounts.reauth." + outcome.name());
		return "accounts/confirm";
	}

	@PostMapping("/konto/app-passwoerter")
	String createAppPassword(@AuthenticationPrincipal SchulhausUser user, @RequestParam String label,
			@RequestParam(required = false) List<String> scopes,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn, HttpSession session,
			RedirectAttributes redirect) {
		if (!reauthentication.recent(session)) {
			return confirmFirst("/konto#app-passwoerter");
		}
		try {
			Set<Scope> chosen = EnumSet.noneOf(Scope.class);
			for (String key : scopes == null ? List.<String>of() : scopes) {
				chosen.add(Scope.of(key).orElseThrow(() -> new InvalidInputException("scopes", "accounts.error.scopes")));
			}
			redirect.addFlashAttribute("createdAppPassword", credentials.createAppPassword(user, label, chosen, expiresOn));
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
		}
		return "redirect:/konto#app-passwoerter";
	}

	@PostMapping("/konto/app-passwoerter/{id}/widerrufen")
	String revokeAppPassword(@AuthenticationPrincipal SchulhausUser user, @PathVariable String id, RedirectAttributes redirect) {
		credentials.revokeAppPassword(user, Ids.parse(id, "app password"));
		redirect.addFlashAttribute("toast", "accounts.toast.appPasswordRevoked");
		return "redirect:/konto#app-passwoerter";
	}

	/** Personal access tokens for the provisioning API: for the people who provision. */
	@PostMapping("/konto/tokens")
	String createToken(@AuthenticationPrincipal SchulhausUser user, @RequestParam String label,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn, HttpSession session,
			RedirectAttributes redirect) {
		if (!Scope.mayUseApi(user.role())) {
			throw new org.springframework.security.access.AccessDeniedException("no API rights");
		}
		if (!reauthentication.recent(session)) {
			return confirmFirst("/konto#tokens");
		}
		try {
			redirect.addFlashAttribute("createdToken", credentials.createToken(user, label, expiresOn));
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
		}
		return "redirect:/konto#tokens";
	}

	@PostMapping("/konto/tokens/{tokenId}/widerrufen")
	String revokeToken(@AuthenticationPrincipal SchulhausUser user, @PathVariable String tokenId, RedirectAttributes redirect) {
		credentials.revokeToken(user, Ids.parse(tokenId, "token"));
		redirect.addFlashAttribute("toast", "accounts.toast.tokenRevoked");
		return "redirect:/konto#tokens";
	}

	/** Starts linking an identity provider: on to the provider, whose answer comes back to {@code OidcSignIn}. */
	@PostMapping("/konto/anbieter/{registrationId}/verknuepfen")
	String link(@AuthenticationPrincipal SchulhausUser user, @PathVariable String registrationId, HttpSession session) {
		var repo = oidc.getIfAvailable();
		if (repo == null || repo.findByRegistrationId(registrationId) == null) {
			throw new NotFoundException("identity provider");
		}
		if (!reauthentication.recent(session)) {
			return confirmFirst("/konto#anbieter");
		}
		ExternalIdentities.startLinking(session, user);
		return "redirect:/oauth2/authorization/" + registrationId;
	}

	@PostMapping("/konto/anbieter/{id}/loesen")
	String unlink(@AuthenticationPrincipal SchulhausUser user, @PathVariable String id, RedirectAttributes redirect) {
		identities.unlink(user, Ids.parse(id, "linked identity"));
		redirect.addFlashAttribute("toast", "accounts.toast.providerUnlinked");
		return "redirect:/konto#anbieter";
	}

	@PostMapping("/konto/zwei-faktor/codes")
	String renewRecoveryCodes(@AuthenticationPrincipal SchulhausUser user, HttpSession session, Model model) {
		if (!user.twoFactorEnabled()) {
			return "redirect:/konto";
		}
		if (!reauthentication.recent(session)) {
			return confirmFirst("/konto#zwei-faktor");
		}
		model.addAttribute("recoveryCodes", twoFactor.renewRecoveryCodes(user));
		return "accounts/recovery-codes";
	}

	private static String confirmFirst(String then) {
		return "redirect:/konto/bestaetigen?weiter=" + java.net.URLEncoder.encode(then, java.nio.charset.StandardCharsets.UTF_8);
	}
}
